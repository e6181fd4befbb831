package org.mipaaa.payee;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AAAY's records of settlements an AAAH voided before this AAAY booked them (the AAAH's PNR got no
 * answer in time, docs/PROTOCOL.md §4.5): each keeps a late PNR from booking what the AAAH no longer
 * charges. The AAAY cannot tell such a Settlement-Id from a made-up one, so the records are bounded: each
 * is kept for {@code keep} (far longer than any PNR can be on its way), and an AAAH realm may have at most
 * {@code perRealmPerHour} new ones made in a clock hour; beyond that nothing is written.
 */
public final class UnbookedVoids {

    private final PayeeLedger ledger;
    private final Duration keep;
    private final int perRealmPerHour;
    private final Clock clock;
    /** realm -> {hour, records made in it}; only realms the directory accepts reach it. */
    private final Map<String, long[]> made = new HashMap<>();

    public UnbookedVoids(PayeeLedger ledger, Duration keep, int perRealmPerHour, Clock clock) {
        if (keep.isNegative() || keep.isZero() || perRealmPerHour < 1) {
            throw new IllegalArgumentException("keep must be positive and perRealmPerHour at least 1");
        }
        this.ledger = ledger;
        this.keep = keep;
        this.perRealmPerHour = perRealmPerHour;
        this.clock = clock;
    }

    /**
     * Voids {@code settlementId} for an SCR from {@code realm}: what is stored under it afterwards (the
     * booking, if the PNR came first, or the void record); empty when {@code realm} used up its hour's
     * allowance and nothing was written.
     */
    public Optional<PayeeSettlement> voidUnlessBooked(String settlementId, String userName, String realm) {
        Optional<PayeeSettlement> stored = ledger.find(settlementId);
        if (stored.isPresent()) {
            return stored;
        }
        if (!allowance(realm)) {
            return Optional.empty();
        }
        return Optional.of(ledger.bookFor(PayeeSettlement.voided(settlementId, userName), keep));
    }

    private synchronized boolean allowance(String realm) {
        long hour = clock.millis() / Duration.ofHours(1).toMillis();
        long[] current = made.computeIfAbsent(realm, r -> new long[] {hour, 0});
        if (current[0] != hour) {
            current[0] = hour;
            current[1] = 0;
        }
        if (current[1] >= perRealmPerHour) {
            return false;
        }
        current[1]++;
        return true;
    }
}
