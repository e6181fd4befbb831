package org.mipaaa.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.mipaaa.billing.BillingPeriod;

/**
 * An account database that reports each of its writes (which kind, how long it took to be durable) to
 * an observer: the node's meters count ledger writes and the state store's latency with it.
 */
public final class LedgerWrites implements AccountDatabase {

    /** Told of each write once it returned (durable) or failed. */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param kind      "usage" (a communication-fee record), "transfer" (a settlement's charge) or
         *                  "invalidation"
         * @param succeeded false when the write threw (refused or failed; nothing was recorded)
         */
        void written(String kind, boolean succeeded, long nanos);
    }

    private final AccountDatabase database;
    private final Observer observer;

    public LedgerWrites(AccountDatabase database, Observer observer) {
        this.database = database;
        this.observer = observer;
    }

    @Override
    public Recorded recordUsage(UsageReport report) {
        return timed("usage", () -> database.recordUsage(report));
    }

    @Override
    public AccountEntry recordTransferredCharge(String nai, Money amount, String payee, String goods, Instant at,
                                                String idempotencyKey) {
        return timed("transfer", () -> database.recordTransferredCharge(nai, amount, payee, goods, at, idempotencyKey));
    }

    @Override
    public Optional<AccountEntry> invalidate(String entryId, String by, Instant at) {
        return timed("invalidation", () -> database.invalidate(entryId, by, at));
    }

    @Override
    public Optional<AccountEntry> entry(String entryId) {
        return database.entry(entryId);
    }

    @Override
    public List<AccountEntry> entries(String nai, BillingPeriod period) {
        return database.entries(nai, period);
    }

    @Override
    public List<AccountEntry> allEntries(BillingPeriod period) {
        return database.allEntries(period);
    }

    @Override
    public void forEachEntry(BillingPeriod period, java.util.function.Consumer<AccountEntry> each) {
        database.forEachEntry(period, each);
    }

    private <T> T timed(String kind, Supplier<T> write) {
        long start = System.nanoTime();
        boolean succeeded = false;
        try {
            T result = write.get();
            succeeded = true;
            return result;
        } finally {
            observer.written(kind, succeeded, System.nanoTime() - start);
        }
    }
}
