package org.mipaaa.state;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one-thread timers of a node's agents (retries, sweeps, reports). Stopping one lets a task that
 * is running finish for a moment instead of interrupting it: an interrupt inside jDiameter (a session
 * being created, a request being sent) is logged by jDiameter as an error and can leave its state half
 * changed. Tasks still waiting for their time are dropped: what they would send is durable and is sent
 * again at the next start.
 */
public final class AgentTimers {

    private static final long GRACE_MS = 2000;

    private AgentTimers() {
    }

    /** A timer with one daemon thread named {@code threadName}. */
    public static ScheduledExecutorService start(String threadName) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        return timer;
    }

    /** Stops {@code timer}: no new task, the running one gets a moment to finish, then it is interrupted. */
    public static void stop(ScheduledExecutorService timer) {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(GRACE_MS, TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
