package org.mipaaa.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;
import org.mipaaa.state.StoredValue;

/**
 * Which billing periods are closed (AAAH), in the persistent, fsynced cache {@value #CACHE}: period
 * start (ISO instant) -> who closed it and when. A closed period is frozen: the account database posts
 * an entry dated in a closed period to the first open period after it ({@link #firstOpen}), so a bill
 * already issued for the closed period never changes.
 *
 * <p>Closing is one {@code putIfAbsent}: the first closing stays, closing again changes nothing.
 * A period can only be closed once it has ended.
 *
 * <p>Posting and closing exclude each other ({@link #posting}): the account database posts an entry
 * while no closing is being written, so an entry never lands in a period closed meanwhile, also when a
 * running AAAH closes a period while it records (its operations endpoint, {@code ops.billing.close}).
 * The exclusion holds among the users of one instance, in one process (the node's state store is its
 * own); the account database still logs an entry found in a closed period.
 */
public final class PeriodClosings {

    /** The cache, as named in {@code config/infinispan.xml}. */
    public static final String CACHE = "billing-period-closings";

    private static final int FORMAT = 1;

    private final Cache<String, String> closings;
    /** Read: an entry being posted; write: a closing being written (see the class comment). */
    private final ReentrantReadWriteLock postingOrClosing = new ReentrantReadWriteLock();

    private PeriodClosings(Cache<String, String> closings) {
        this.closings = Objects.requireNonNull(closings, "closings");
    }

    public static PeriodClosings in(StateStore store) {
        return new PeriodClosings(store.cache(CACHE));
    }

    /**
     * Closes {@code period}; idempotent (the first closing is kept and returned).
     *
     * @throws IllegalStateException if {@code now} is before the end of the period
     */
    public PeriodClosing close(BillingPeriod period, String by, Instant now) {
        if (now.isBefore(period.end())) {
            throw new IllegalStateException("period " + period.label() + " has not ended yet (ends " + period.end() + ")");
        }
        PeriodClosing closing = new PeriodClosing(period, by, now);
        String earlier;
        postingOrClosing.writeLock().lock();
        try {
            earlier = closings.putIfAbsent(key(period), encode(closing));
        } finally {
            postingOrClosing.writeLock().unlock();
        }
        return earlier == null ? closing : decode(period, earlier);
    }

    /**
     * Runs {@code post} (choosing an entry's period and writing it) while no period is being closed;
     * posts run side by side.
     */
    public <T> T posting(Supplier<T> post) {
        postingOrClosing.readLock().lock();
        try {
            return post.get();
        } finally {
            postingOrClosing.readLock().unlock();
        }
    }

    public Optional<PeriodClosing> closing(BillingPeriod period) {
        String stored = closings.get(key(period));
        return stored == null ? Optional.empty() : Optional.of(decode(period, stored));
    }

    public boolean isClosed(BillingPeriod period) {
        return closings.containsKey(key(period));
    }

    /** {@code period} if it is open, else the first open period after it. */
    public BillingPeriod firstOpen(BillingPeriod period, BillingCalendar calendar) {
        BillingPeriod p = period;
        while (isClosed(p)) {
            p = calendar.next(p);
        }
        return p;
    }

    private static String key(BillingPeriod period) {
        return period.start().toString();
    }

    private static String encode(PeriodClosing closing) {
        return StoredValue.encode(FORMAT, out -> {
            out.writeLong(closing.period().end().getEpochSecond());
            out.writeLong(closing.at().getEpochSecond());
            out.writeInt(closing.at().getNano());
            out.writeUTF(closing.by());
        });
    }

    private static PeriodClosing decode(BillingPeriod period, String stored) {
        return StoredValue.decode(stored, FORMAT, "period closing", in -> {
            long end = in.readLong();
            if (end != period.end().getEpochSecond()) {
                throw new IllegalStateException("the closed period starting " + period.start()
                        + " ended at " + Instant.ofEpochSecond(end) + ", not " + period.end() + ": were the billing settings changed?");
            }
            Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
            return new PeriodClosing(period, in.readUTF(), at);
        });
    }
}
