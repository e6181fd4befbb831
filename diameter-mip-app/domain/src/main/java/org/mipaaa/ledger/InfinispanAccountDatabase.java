package org.mipaaa.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.infinispan.Cache;
import org.mipaaa.billing.BillingCalendar;
import org.mipaaa.billing.BillingPeriod;
import org.mipaaa.billing.PeriodClosings;
import org.mipaaa.state.StateStore;
import org.mipaaa.tariff.Tariff;
import org.mipaaa.tariff.Tariffs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AccountDatabase} in three Infinispan caches (persistent file stores, every write fsynced),
 * with nothing but single-key atomic operations, so a local cache and a distributed one run the same code:
 * <ul>
 * <li>{@value LedgerCaches#ACCOUNT_ENTRIES}: entry id -> entry. Ids are derived from what the entry is
 *     for ({@link EntryIds}: Session-Id + record number, or the caller's idempotency key);</li>
 * <li>{@value LedgerCaches#ACCOUNT_SESSIONS}: Session-Id -> progress (last record number recorded and
 *     its cumulative counters);</li>
 * <li>{@value LedgerCaches#ACCOUNT_INDEX}: "NAI day" -> ids of the NAI's entries posted that (UTC) day,
 *     so a user's statement reads a few dozen keys, not the whole database.</li>
 * </ul>
 *
 * <h2>Recording a usage record, and why a crash anywhere charges it exactly once</h2>
 * ACR counters are cumulative since the session's START; the fee of a record is for the delta since
 * the session's previous recorded record, priced with the tariff in force at the record's event time
 * and rounded once (half-even) to the currency's minor unit. Records of one session arrive in order
 * (the AAAF's outbox guarantees it); a gap in the numbers loses nothing, since the next record's
 * counters still include the missing one's usage. The writes, in this order:
 * <ol>
 * <li>the progress is read: a record number at or below the last recorded one is a <i>duplicate</i>:
 *     nothing is written, the entry made the first time (if any) is returned;</li>
 * <li>the entry is written with {@code putIfAbsent} under its deterministic id;</li>
 * <li>its id is added to the NAI's index bucket (compare-and-set; adding an id already there is a no-op);</li>
 * <li>the progress is advanced to this record (compare-and-set on the value read in 1).</li>
 * </ol>
 * The record counts as recorded once 4 is done; only then does the caller answer the ACR. A crash
 * <ul>
 * <li>before 2 leaves nothing: the AAAF sends the record again and it is recorded then;</li>
 * <li>between 2 and 4 leaves an entry but the old progress: the retransmitted record passes 1, computes
 *     the same delta from the same progress, and its {@code putIfAbsent} in 2 finds the entry already
 *     there: that entry is kept (even if the tariff file changed meanwhile), 3 and 4 are completed, and
 *     the answer says duplicate. Charged once, not lost;</li>
 * <li>after 4: the retransmission is a duplicate in 1.</li>
 * </ul>
 * Two copies of one record processed at once end the same way: one {@code putIfAbsent} wins, the other
 * finds its entry; one progress compare-and-set wins, the other reads again and sees a duplicate.
 * A START (normally zero counters) and any record with a zero delta make no entry; they only advance
 * the progress. Progress is never removed by this code (a late retransmitted STOP must still be a
 * duplicate); the cache expires it long after any session has ended.
 *
 * <h2>Posting</h2>
 * An entry is posted in the billing period of its date; if that period is closed
 * ({@link PeriodClosings}), in the first open period after it ({@code postedAt} = that period's start),
 * so a closed period never changes.
 */
public final class InfinispanAccountDatabase implements AccountDatabase {

    private static final Logger log = LoggerFactory.getLogger(InfinispanAccountDatabase.class);

    /** Each failed compare-and-set means another caller changed the key; this many means something is wrong. */
    private static final int MAX_ROUNDS = 10_000;

    private final Cache<String, String> entries;
    private final Cache<String, String> sessions;
    private final Cache<String, String> index;
    private final Tariffs tariffs;
    private final BillingCalendar calendar;
    private final PeriodClosings closings;

    public InfinispanAccountDatabase(Cache<String, String> entries, Cache<String, String> sessions,
                                     Cache<String, String> index, Tariffs tariffs, BillingCalendar calendar,
                                     PeriodClosings closings) {
        this.entries = Objects.requireNonNull(entries, "entries");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.index = Objects.requireNonNull(index, "index");
        this.tariffs = Objects.requireNonNull(tariffs, "tariffs");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.closings = Objects.requireNonNull(closings, "closings");
    }

    /** The account database of a node's state store; amounts in the tariffs' currency. */
    public static InfinispanAccountDatabase in(StateStore store, Tariffs tariffs, BillingCalendar calendar) {
        return in(store, tariffs, calendar, PeriodClosings.in(store));
    }

    /** As {@link #in(StateStore, Tariffs, BillingCalendar)}, with the period closings the node closes periods with. */
    public static InfinispanAccountDatabase in(StateStore store, Tariffs tariffs, BillingCalendar calendar, PeriodClosings closings) {
        return new InfinispanAccountDatabase(store.cache(LedgerCaches.ACCOUNT_ENTRIES),
                store.cache(LedgerCaches.ACCOUNT_SESSIONS), store.cache(LedgerCaches.ACCOUNT_INDEX), tariffs,
                calendar, closings);
    }

    @Override
    public Recorded recordUsage(UsageReport report) {
        // its period chosen and the entry written while no period is being closed
        return closings.posting(() -> recordUsageNow(report));
    }

    private Recorded recordUsageNow(UsageReport report) {
        String sessionId = report.sessionId();
        String id = EntryIds.usage(sessionId, report.recordNumber());
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String stored = sessions.get(sessionId);
            SessionProgress before = stored == null ? null : EntryCodec.decodeProgress(stored);
            if (before != null && !before.nai().equals(report.nai())) {
                throw new IllegalArgumentException("accounting session " + sessionId + " is " + before.nai()
                        + "'s, not " + report.nai() + "'s");
            }
            if (before != null && report.recordNumber() <= before.lastRecordNumber()) {
                return new Recorded(entry(id), true);
            }
            UsageCounters delta = report.counters().since(before == null ? UsageCounters.ZERO : before.counters());
            Optional<AccountEntry> made = Optional.empty();
            boolean duplicate = false;
            if (!delta.isZero()) {
                AccountEntry fresh = communicationFee(id, report, delta);
                String earlier = entries.putIfAbsent(id, EntryCodec.encode(fresh));
                AccountEntry entry = earlier == null ? fresh : EntryCodec.decodeEntry(earlier);
                duplicate = earlier != null;
                addToIndex(entry);
                if (!duplicate) {
                    warnIfPostedInClosedPeriod(entry);
                }
                made = Optional.of(entry);
            }
            String after = EntryCodec.encode(new SessionProgress(report.nai(), report.recordNumber(), report.counters()));
            if (stored == null ? sessions.putIfAbsent(sessionId, after) == null : sessions.replace(sessionId, stored, after)) {
                return new Recorded(made, duplicate);
            }
            // another copy of a record of this session advanced it meanwhile: look again
        }
        throw new IllegalStateException("no stable progress of accounting session " + sessionId);
    }

    private AccountEntry communicationFee(String id, UsageReport report, UsageCounters delta) {
        Tariff tariff = tariffs.inForce(report.visitedRealm(), report.eventTime());
        Money amount = Money.rounded(tariff.price(delta.seconds(), delta.octets(), delta.packets()), tariffs.currency());
        return new AccountEntry(id, report.nai(), report.eventTime(), postingTime(report.eventTime()), amount,
                new EntryContent.CommunicationFee(report.sessionId(), report.recordNumber(), report.type(),
                        report.visitedRealm(), delta, tariff),
                EntryState.VALID);
    }

    @Override
    public AccountEntry recordTransferredCharge(String nai, Money amount, String payee, String goods, Instant at,
                                                String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (!amount.currency().equals(tariffs.currency())) {
            throw new IllegalArgumentException("the account database is in " + tariffs.currency() + ", not " + amount.currency());
        }
        return closings.posting(() -> recordTransferredChargeNow(nai, amount, payee, goods, at, idempotencyKey));
    }

    private AccountEntry recordTransferredChargeNow(String nai, Money amount, String payee, String goods, Instant at,
                                                    String idempotencyKey) {
        String id = EntryIds.transferredCharge(idempotencyKey);
        AccountEntry fresh = new AccountEntry(id, nai, at, postingTime(at), amount,
                new EntryContent.TransferredCharge(payee, goods), EntryState.VALID);
        String earlier = entries.putIfAbsent(id, EntryCodec.encode(fresh));
        AccountEntry entry = fresh;
        if (earlier != null) {
            entry = EntryCodec.decodeEntry(earlier);
            if (!entry.nai().equals(nai) || !entry.amount().equals(amount) || !entry.date().equals(at)
                    || !entry.content().equals(fresh.content())) {
                throw new IllegalStateException("idempotency key " + idempotencyKey + " was used for another charge");
            }
        }
        addToIndex(entry); // completes an earlier call that crashed before indexing
        if (earlier == null) {
            warnIfPostedInClosedPeriod(entry);
        }
        return entry;
    }

    @Override
    public Optional<AccountEntry> invalidate(String entryId, String by, Instant at) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String stored = entries.get(entryId);
            if (stored == null) {
                return Optional.empty();
            }
            AccountEntry entry = EntryCodec.decodeEntry(stored);
            if (!entry.isValid()) {
                return Optional.of(entry);
            }
            AccountEntry invalidated = entry.invalidated(by, at);
            if (entries.replace(entryId, stored, EntryCodec.encode(invalidated))) {
                return Optional.of(invalidated);
            }
        }
        throw new IllegalStateException("cannot invalidate entry " + entryId);
    }

    @Override
    public Optional<AccountEntry> entry(String entryId) {
        String stored = entries.get(entryId);
        return stored == null ? Optional.empty() : Optional.of(EntryCodec.decodeEntry(stored));
    }

    @Override
    public List<AccountEntry> entries(String nai, BillingPeriod period) {
        List<AccountEntry> found = new ArrayList<>();
        LocalDate last = utcDay(period.end().minusNanos(1));
        for (LocalDate day = utcDay(period.start()); !day.isAfter(last); day = day.plusDays(1)) {
            String bucket = index.get(indexKey(nai, day));
            if (bucket == null) {
                continue;
            }
            for (String id : EntryCodec.decodeIds(bucket)) {
                entry(id).filter(e -> period.contains(e.postedAt())).ifPresent(found::add);
            }
        }
        found.sort(Comparator.comparing(AccountEntry::date).thenComparing(AccountEntry::id));
        return found;
    }

    @Override
    public List<AccountEntry> allEntries(BillingPeriod period) {
        List<AccountEntry> found = new ArrayList<>();
        for (String stored : List.copyOf(entries.values())) {
            AccountEntry e = EntryCodec.decodeEntry(stored);
            if (period.contains(e.postedAt())) {
                found.add(e);
            }
        }
        found.sort(Comparator.comparing(AccountEntry::nai).thenComparing(AccountEntry::date).thenComparing(AccountEntry::id));
        return found;
    }

    @Override
    public void forEachEntry(BillingPeriod period, java.util.function.Consumer<AccountEntry> each) {
        // Infinispan's iterator reads the store a segment at a time: nothing is collected here
        try (org.infinispan.commons.util.CloseableIterator<String> stored = entries.values().iterator()) {
            while (stored.hasNext()) {
                AccountEntry e = EntryCodec.decodeEntry(stored.next());
                if (period.contains(e.postedAt())) {
                    each.accept(e);
                }
            }
        }
    }

    /** {@code date}, or the start of the first open period after its period if that one is closed. */
    private Instant postingTime(Instant date) {
        BillingPeriod own = calendar.periodOf(date);
        BillingPeriod open = closings.firstOpen(own, calendar);
        return open.equals(own) ? date : open.start();
    }

    private void addToIndex(AccountEntry entry) {
        String key = indexKey(entry.nai(), utcDay(entry.postedAt()));
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String stored = index.get(key);
            List<String> ids = stored == null ? new ArrayList<>() : new ArrayList<>(EntryCodec.decodeIds(stored));
            if (ids.contains(entry.id())) {
                return;
            }
            ids.add(entry.id());
            String after = EntryCodec.encodeIds(ids);
            if (stored == null ? index.putIfAbsent(key, after) == null : index.replace(key, stored, after)) {
                return;
            }
        }
        throw new IllegalStateException("cannot index entry " + entry.id());
    }

    /** Closed while this new entry was posted in it: only by another {@link PeriodClosings} instance on the same caches (see there). */
    private void warnIfPostedInClosedPeriod(AccountEntry fresh) {
        BillingPeriod period = calendar.periodOf(fresh.postedAt());
        if (closings.isClosed(period)) {
            log.warn("entry {} of {} was posted in period {} while it was being closed", fresh.id(), fresh.nai(), period.label());
        }
    }

    private static LocalDate utcDay(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    private static String indexKey(String nai, LocalDate day) {
        return nai + " " + day;
    }
}
