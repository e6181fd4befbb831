package org.mipaaa.agent.auth;

import java.io.IOException;

/**
 * The AAAM's replay counters for one security association (docs/PROTOCOL.md §3): the counter of its
 * next request, strictly above every one used before, and the highest counter of the AAAH's answers
 * accepted. A store that forgets (a restart of {@link InMemoryReplayCounters}) must not hand out a
 * counter used before: the AAAH refuses it. {@link FileReplayCounters} survives restarts.
 *
 * <p>Implementations must be thread-safe: the agent calls them from its worker thread and from the thread that answers the AAAH's requests.
 */
public interface ReplayCounters {

    /** The counter for the next request; never one returned before. Durable when it returns, if the store is. */
    long nextOutgoing() throws IOException;

    /**
     * Records {@code counter} of an authenticated answer; false (and nothing recorded) if it was accepted
     * before or lies below the {@link ReplayWindow}: a replayed answer.
     */
    boolean acceptIncoming(long counter) throws IOException;

    /**
     * The clock-based floor both stores use for outgoing counters: microseconds since 1970. A store that
     * lost its state then still starts above what it used before, as long as the clock does not go back.
     */
    static long clockFloor() {
        return Math.multiplyExact(System.currentTimeMillis(), 1000L);
    }
}
