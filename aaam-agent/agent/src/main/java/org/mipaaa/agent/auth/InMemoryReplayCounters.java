package org.mipaaa.agent.auth;

/**
 * Replay counters kept in memory: the default. Outgoing counters start from the clock
 * ({@link ReplayCounters#clockFloor()}), so an agent restarted on the same mobile node still counts
 * above its last request unless the clock went back; use {@link FileReplayCounters} where that matters.
 *
 * <p>Thread-safe (each operation synchronized).
 */
public final class InMemoryReplayCounters implements ReplayCounters {

    private long lastOutgoing;
    private ReplayWindow incoming = ReplayWindow.empty();

    @Override
    public synchronized long nextOutgoing() {
        lastOutgoing = Math.max(lastOutgoing + 1, ReplayCounters.clockFloor());
        return lastOutgoing;
    }

    @Override
    public synchronized boolean acceptIncoming(long counter) {
        java.util.Optional<ReplayWindow> next = incoming.accept(counter);
        next.ifPresent(w -> incoming = w);
        return next.isPresent();
    }
}
