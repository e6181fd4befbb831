package org.mipaaa.ledger;

/**
 * The Infinispan caches of the account database, as named in {@code config/infinispan.xml}. Keys and
 * values are {@code String}s this package encodes itself ({@link org.mipaaa.state.StoredValue}), so no
 * cache needs a serialization context and a clustered AAAH changes only the cache definitions.
 */
public final class LedgerCaches {

    /** Entry id -> encoded {@link AccountEntry}. The account database itself; persistent, fsynced. */
    public static final String ACCOUNT_ENTRIES = "account-entries";

    /**
     * Accounting Session-Id -> encoded progress: the last record recorded and its cumulative counters, so
     * the next record is charged only its delta. Persistent, fsynced; expires long after the session.
     */
    public static final String ACCOUNT_SESSIONS = "account-sessions";

    /** "NAI yyyy-MM-dd" (UTC day of posting) -> ids of the NAI's entries posted that day. Persistent, fsynced. */
    public static final String ACCOUNT_INDEX = "account-index";

    private LedgerCaches() {
    }
}
