package org.mipaaa.accounting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * The AAAF's accounting records not yet acknowledged by the AAAH (seed S32), durable: a record is
 * stored before the FA gets its ACA and removed only when the AAAH has answered, so an AAAH outage or
 * a restart of the AAAF loses none. Keyed by session and record number, so a record the FA sends
 * again is stored once, and each session's records are handed out in order.
 */
public final class AccountingOutbox {

    public static final String CACHE = "accounting-outbox";
    /** Records the AAAH refused for good (4xxx/5xxx), kept for the operator: "result-code record". */
    public static final String REJECTED = "accounting-rejected";

    private final Cache<String, String> records;
    private final Cache<String, String> rejected;

    private AccountingOutbox(Cache<String, String> records, Cache<String, String> rejected) {
        this.records = records;
        this.rejected = rejected;
    }

    public static AccountingOutbox in(StateStore store) {
        return new AccountingOutbox(store.cache(CACHE), store.cache(REJECTED));
    }

    /** Stores {@code record} unless it is there already; durable when this returns. */
    public void store(AccountingRecord record) {
        records.putIfAbsent(key(record), record.encode());
    }

    /** The AAAH acknowledged {@code record}. */
    public void remove(AccountingRecord record) {
        records.remove(key(record));
    }

    /** The AAAH refused {@code record} for good: out of the way of the session's next ones, kept apart. */
    public void reject(AccountingRecord record, long resultCode) {
        rejected.put(key(record), resultCode + " " + record.encode());
        records.remove(key(record));
    }

    public int rejectedCount() {
        return rejected.size();
    }

    /** The oldest record of each session waiting: what goes next to the AAAH, one per session. */
    public List<AccountingRecord> heads() {
        Map<String, AccountingRecord> first = new HashMap<>();
        for (String stored : records.values()) {
            AccountingRecord r = AccountingRecord.decode(stored);
            first.merge(r.sessionId(), r, (a, b) -> a.recordNumber() <= b.recordNumber() ? a : b);
        }
        List<AccountingRecord> heads = new ArrayList<>(first.values());
        heads.sort(Comparator.comparing(AccountingRecord::eventTime));
        return heads;
    }

    public int size() {
        return records.size();
    }

    private static String key(AccountingRecord record) {
        return record.sessionId() + "#" + String.format("%010d", record.recordNumber());
    }
}
