package org.mipaaa.accounting;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the foreign agent measures per visiting mobile node (seed S31): connect time, and the octets and
 * packets it relayed from the node (input) and to it (output). Counters only grow during a visit, so a
 * report is always cumulative since the start (as RFC 6733 accounting records are).
 */
public final class UsageMeter {

    /** The usage of one visit so far. */
    public record Usage(Instant since, Duration connected, long inputOctets, long outputOctets, long inputPackets,
                        long outputPackets) {
    }

    private static final class Counters {
        final Instant since;
        final AtomicLong inputOctets = new AtomicLong();
        final AtomicLong outputOctets = new AtomicLong();
        final AtomicLong inputPackets = new AtomicLong();
        final AtomicLong outputPackets = new AtomicLong();

        Counters(Instant since) {
            this.since = since;
        }
    }

    private final Clock clock;
    private final Map<Inet4Address, Counters> visits = new ConcurrentHashMap<>();

    public UsageMeter(Clock clock) {
        this.clock = clock;
    }

    /** Starts metering {@code homeAddress} from zero. */
    public void start(Inet4Address homeAddress) {
        visits.put(homeAddress, new Counters(clock.instant()));
    }

    public boolean isMetered(Inet4Address homeAddress) {
        return visits.containsKey(homeAddress);
    }

    /** One packet of {@code octets} from the node; false (not counted) if it is not metered. */
    public boolean fromNode(Inet4Address homeAddress, int octets) {
        Counters c = visits.get(homeAddress);
        if (c == null) {
            return false;
        }
        c.inputOctets.addAndGet(octets);
        c.inputPackets.incrementAndGet();
        return true;
    }

    /** One packet of {@code octets} to the node; false (not counted) if it is not metered. */
    public boolean toNode(Inet4Address homeAddress, int octets) {
        Counters c = visits.get(homeAddress);
        if (c == null) {
            return false;
        }
        c.outputOctets.addAndGet(octets);
        c.outputPackets.incrementAndGet();
        return true;
    }

    public Optional<Usage> usage(Inet4Address homeAddress) {
        Counters c = visits.get(homeAddress);
        return c == null ? Optional.empty() : Optional.of(snapshot(c));
    }

    /** Stops metering and returns the final usage. */
    public Optional<Usage> stop(Inet4Address homeAddress) {
        Counters c = visits.remove(homeAddress);
        return c == null ? Optional.empty() : Optional.of(snapshot(c));
    }

    private Usage snapshot(Counters c) {
        return new Usage(c.since, Duration.between(c.since, clock.instant()), c.inputOctets.get(), c.outputOctets.get(),
                c.inputPackets.get(), c.outputPackets.get());
    }
}
