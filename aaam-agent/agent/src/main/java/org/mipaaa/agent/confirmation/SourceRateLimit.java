package org.mipaaa.agent.confirmation;

import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many confirmation requests a terminal takes from one address: a token bucket per address
 * ({@code perSecond} on average, bursts of {@code burst}), in a table of at most {@code sources}
 * addresses (the least recently seen forgotten first), so neither one sender nor many can make the
 * terminal work, or answer, without bound. Thread-safe.
 */
public final class SourceRateLimit {

    /** Requests per second one address may send on average, by default. */
    public static final double DEFAULT_PER_SECOND = 10;
    /** Requests one address may send at once, by default (a caller retransmits 3 times). */
    public static final int DEFAULT_BURST = 20;
    /** Addresses remembered, by default. */
    public static final int DEFAULT_SOURCES = 4096;

    private final Clock clock;
    private final double perSecond;
    private final int burst;
    private final Map<InetAddress, double[]> buckets;

    public SourceRateLimit(Clock clock, double perSecond, int burst, int sources) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!(perSecond > 0) || burst < 1 || sources < 1) {
            throw new IllegalArgumentException("rate, burst and sources must be positive");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
                return size() > sources;
            }
        };
    }

    /** The defaults: {@value #DEFAULT_PER_SECOND}/s, bursts of {@value #DEFAULT_BURST}, {@value #DEFAULT_SOURCES} addresses. */
    public static SourceRateLimit withDefaults(Clock clock) {
        return new SourceRateLimit(clock, DEFAULT_PER_SECOND, DEFAULT_BURST, DEFAULT_SOURCES);
    }

    /** Whether a request from {@code source} may be served now; takes a token when it may. */
    public synchronized boolean allow(InetAddress source) {
        double now = clock.millis() / 1000.0;
        double[] bucket = buckets.get(source); // {tokens, last refill}
        if (bucket == null) {
            bucket = new double[] {burst, now};
            buckets.put(source, bucket);
        }
        bucket[0] = Math.min(burst, bucket[0] + Math.max(0, now - bucket[1]) * perSecond);
        bucket[1] = now;
        if (bucket[0] < 1) {
            return false;
        }
        bucket[0] -= 1;
        return true;
    }
}
