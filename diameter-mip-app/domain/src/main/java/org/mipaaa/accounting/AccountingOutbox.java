package org.mipaaa.accounting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * The AAAF's accounting records not yet acknowledged by the AAAH (seed S32), durable: a record is
 * stored before the FA gets its ACA and removed only when the AAAH has answered, so an AAAH outage or
 * a restart of the AAAF loses none. Keyed by session and record number, so a record the FA sends
 * again is stored once, and each session's records are handed out in order.
 *
 * <p>The cache is the durable copy; {@link #heads()} reads an in-memory index of it, loaded at start
 * and kept by this class, the outbox's only writer. Iterating the cache itself on every wake read its
 * file store each time (the largest CPU item of the registration benchmark with accounting on).
 */
public final class AccountingOutbox {

    public static final String CACHE = "accounting-outbox";
    /** Records the AAAH refused for good (4xxx/5xxx), kept for the operator: "result-code record". */
    public static final String REJECTED = "accounting-rejected";

    private final Cache<String, String> records;
    private final Cache<String, String> rejected;
    /** The records of {@link #records}, decoded: per session, by record number. Guarded by itself. */
    private final Map<String, NavigableMap<Long, AccountingRecord>> waiting = new HashMap<>();

    private AccountingOutbox(Cache<String, String> records, Cache<String, String> rejected) {
        this.records = records;
        this.rejected = rejected;
        for (String stored : records.values()) {
            index(AccountingRecord.decode(stored));
        }
    }

    public static AccountingOutbox in(StateStore store) {
        return new AccountingOutbox(store.cache(CACHE), store.cache(REJECTED));
    }

    /** Stores {@code record} unless it is there already; durable when this returns. */
    public void store(AccountingRecord record) {
        if (records.putIfAbsent(key(record), record.encode()) == null) {
            index(record);
        }
    }

    private void index(AccountingRecord record) {
        synchronized (waiting) {
            waiting.computeIfAbsent(record.sessionId(), s -> new TreeMap<>()).put(record.recordNumber(), record);
        }
    }

    /** The AAAH acknowledged {@code record}. */
    public void remove(AccountingRecord record) {
        records.remove(key(record));
        synchronized (waiting) {
            NavigableMap<Long, AccountingRecord> session = waiting.get(record.sessionId());
            if (session != null) {
                session.remove(record.recordNumber());
                if (session.isEmpty()) {
                    waiting.remove(record.sessionId());
                }
            }
        }
    }

    /** The AAAH refused {@code record} for good: out of the way of the session's next ones, kept apart. */
    public void reject(AccountingRecord record, long resultCode) {
        rejected.put(key(record), resultCode + " " + record.encode());
        remove(record);
    }

    public int rejectedCount() {
        return rejected.size();
    }

    /** The oldest record of each session waiting: what goes next to the AAAH, one per session. */
    public List<AccountingRecord> heads() {
        List<AccountingRecord> heads = new ArrayList<>();
        synchronized (waiting) {
            for (NavigableMap<Long, AccountingRecord> session : waiting.values()) {
                heads.add(session.firstEntry().getValue());
            }
        }
        heads.sort(Comparator.comparing(AccountingRecord::eventTime));
        return heads;
    }

    public int size() {
        synchronized (waiting) {
            return waiting.values().stream().mapToInt(Map::size).sum();
        }
    }

    private static String key(AccountingRecord record) {
        return record.sessionId() + "#" + String.format("%010d", record.recordNumber());
    }
}
