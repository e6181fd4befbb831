package org.mipaaa.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for what other nodes do by themselves (an STR, a forwarded record): polls, never sleeps blind. */
public final class Eventually {

    private Eventually() {
    }

    /** True as soon as {@code condition} holds, false if it still does not after {@code timeout}. */
    public static boolean within(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
