package org.mipaaa.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.mipaaa.billing.BillingPeriod;

/** The account database of the AAAH (seed Fig. 4): every charge to every user, durable. */
public interface AccountDatabase {

    /**
     * Records the communication fee of the usage since the session's previous record; durable when it
     * returns. Idempotent on (sessionId, recordNumber): a record already recorded changes nothing and
     * returns what it returned the first time (duplicate=true; the entry as it is now, e.g. invalidated).
     *
     * @throws IllegalArgumentException           if the counters went backwards, or the session belongs
     *                                            to another NAI
     * @throws org.mipaaa.tariff.NoTariffException if no tariff is in force for the record
     */
    Recorded recordUsage(UsageReport report);

    /**
     * Records a charge of {@code payee} for {@code goods}; idempotent on {@code idempotencyKey} (the same
     * key returns the first entry).
     *
     * @throws IllegalStateException    if the key was used for a different charge
     * @throws IllegalArgumentException if the amount is not in the ledger's currency
     */
    AccountEntry recordTransferredCharge(String nai, Money amount, String payee, String goods, Instant at,
                                         String idempotencyKey);

    /** Invalidates the entry; idempotent (the first invalidation stays). The entry as it is now; empty if none. */
    Optional<AccountEntry> invalidate(String entryId, String by, Instant at);

    Optional<AccountEntry> entry(String entryId);

    /** The entries of {@code nai} posted in {@code period} (invalidated ones too), by date. */
    List<AccountEntry> entries(String nai, BillingPeriod period);

    /** Every entry posted in {@code period} (all users; a scan, for batch exports), by user and date. */
    List<AccountEntry> allEntries(BillingPeriod period);

    /**
     * Hands every entry posted in {@code period} to {@code each}, in the store's order (not sorted),
     * holding only one entry at a time: an export of a period of millions of entries, from a running
     * node. Entries written meanwhile may or may not be seen.
     */
    default void forEachEntry(BillingPeriod period, java.util.function.Consumer<AccountEntry> each) {
        allEntries(period).forEach(each);
    }
}
