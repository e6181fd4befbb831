package org.mipaaa.registration;

import java.util.ArrayList;
import java.util.List;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;
import org.mipaaa.state.StoredValue;

/**
 * The home agent's STRs not yet answered, durable: a binding's end is stored before its STR is sent
 * and forgotten only once the AAAH has answered, so an AAAH outage or a restart of the home agent
 * delays the release of the home address but never loses it ({@code SessionTermination}).
 */
public final class PendingTerminations {

    private static final int FORMAT = 1;

    /** An STR to send: the AAA session, its mobile node, the Termination-Cause. */
    public record Termination(String sessionId, String nai, int cause) {
    }

    private final Cache<String, String> pending;

    private PendingTerminations(Cache<String, String> pending) {
        this.pending = pending;
    }

    public static PendingTerminations in(StateStore store) {
        return new PendingTerminations(store.cache(RegistrationCaches.PENDING_TERMINATIONS));
    }

    public void add(Termination termination) {
        pending.put(termination.sessionId(), StoredValue.encode(FORMAT, out -> {
            out.writeUTF(termination.nai());
            out.writeInt(termination.cause());
        }));
    }

    /** True while the STR of {@code sessionId} waits for its answer: that session has ended here. */
    public boolean contains(String sessionId) {
        return pending.containsKey(sessionId);
    }

    public void remove(String sessionId) {
        pending.remove(sessionId);
    }

    public List<Termination> all() {
        List<Termination> all = new ArrayList<>();
        pending.forEach((session, stored) -> all.add(StoredValue.decode(stored, FORMAT, "pending termination",
                in -> new Termination(session, in.readUTF(), in.readInt()))));
        return all;
    }
}
