package org.mipaaa.ledger;

/**
 * Usage counters: connect time (seconds), octets and packets in and out (RFC 4004 §10: the
 * Acct-Session-Time, Accounting-Input/Output-Octets, Accounting-Input/Output-Packets of an ACR). In a
 * {@link UsageReport} they are cumulative since the session's START; in an entry, the usage charged.
 */
public record UsageCounters(long seconds, long inputOctets, long outputOctets, long inputPackets, long outputPackets) {

    public static final UsageCounters ZERO = new UsageCounters(0, 0, 0, 0, 0);

    public UsageCounters {
        if (seconds < 0 || inputOctets < 0 || outputOctets < 0 || inputPackets < 0 || outputPackets < 0) {
            throw new IllegalArgumentException("usage counters are never negative: " + this);
        }
    }

    /**
     * The usage between {@code earlier} and these counters.
     *
     * @throws IllegalArgumentException if a counter went backwards (cumulative counters never do)
     */
    public UsageCounters since(UsageCounters earlier) {
        if (seconds < earlier.seconds || inputOctets < earlier.inputOctets || outputOctets < earlier.outputOctets
                || inputPackets < earlier.inputPackets || outputPackets < earlier.outputPackets) {
            throw new IllegalArgumentException("cumulative counters went backwards: " + earlier + " -> " + this);
        }
        return new UsageCounters(seconds - earlier.seconds, inputOctets - earlier.inputOctets,
                outputOctets - earlier.outputOctets, inputPackets - earlier.inputPackets, outputPackets - earlier.outputPackets);
    }

    public long octets() {
        return Math.addExact(inputOctets, outputOctets);
    }

    public long packets() {
        return Math.addExact(inputPackets, outputPackets);
    }

    public boolean isZero() {
        return equals(ZERO);
    }
}
