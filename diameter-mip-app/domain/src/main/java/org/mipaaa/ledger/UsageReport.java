package org.mipaaa.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * Cumulative usage of one accounting session as an ACR reports it (RFC 6733 §9.8, RFC 4004 §10): the
 * counters are totals since the session's START, {@code recordNumber} is its Accounting-Record-Number,
 * {@code eventTime} its Event-Timestamp (when the usage was measured; it selects the tariff and the
 * billing period), {@code visitedRealm} the realm the mobile node was visiting.
 */
public record UsageReport(String nai, String sessionId, long recordNumber, RecordType type,
                          String visitedRealm, Instant eventTime, long sessionSeconds,
                          long inputOctets, long outputOctets, long inputPackets, long outputPackets) {

    public UsageReport {
        Objects.requireNonNull(nai, "nai");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(visitedRealm, "visitedRealm");
        Objects.requireNonNull(eventTime, "eventTime");
        if (nai.isBlank() || sessionId.isBlank()) {
            throw new IllegalArgumentException("a usage report needs a NAI and a Session-Id");
        }
        if (recordNumber < 0) {
            throw new IllegalArgumentException("negative record number " + recordNumber);
        }
        counters(sessionSeconds, inputOctets, outputOctets, inputPackets, outputPackets); // refuses negatives
    }

    /** The cumulative counters of the report. */
    public UsageCounters counters() {
        return counters(sessionSeconds, inputOctets, outputOctets, inputPackets, outputPackets);
    }

    private static UsageCounters counters(long s, long io, long oo, long ip, long op) {
        return new UsageCounters(s, io, oo, ip, op);
    }
}
