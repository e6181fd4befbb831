package org.mipaaa.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One thread per node that looks at every open connection four times a second and closes the ones
 * past a deadline: a message trickling in slower than the message timeout, a write blocked longer than
 * the write timeout (a peer that stopped reading). Closing the socket ends the blocked read or write.
 */
public final class ConnectionWatchdog implements AutoCloseable {

    private static final long PERIOD_MILLIS = 250;

    private final Set<DiameterConnection> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    public ConnectionWatchdog(String name) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-connection-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code action} once after {@code delay} unless the returned future is cancelled first. */
    java.util.concurrent.ScheduledFuture<?> after(java.time.Duration delay, Runnable action) {
        return timer.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void watch(DiameterConnection connection) {
        watched.add(connection);
    }

    void forget(DiameterConnection connection) {
        watched.remove(connection);
    }

    private void tick() {
        long now = System.nanoTime();
        for (DiameterConnection connection : watched) {
            connection.checkDeadlines(now);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
