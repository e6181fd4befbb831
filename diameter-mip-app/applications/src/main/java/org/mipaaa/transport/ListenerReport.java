package org.mipaaa.transport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the node's acceptor could not listen on. jDiameter logs a failed bind and carries on, leaving a
 * node that nobody can reach; the node reads this after starting its stack and refuses to run instead.
 */
public final class ListenerReport {

    private final List<String> failures = new CopyOnWriteArrayList<>();

    void failed(String address, Exception cause) {
        failures.add(address + ": " + cause.getMessage());
    }

    /** Every address the acceptor could not listen on, with the reason; empty when all went well. */
    public List<String> failures() {
        return List.copyOf(failures);
    }
}
