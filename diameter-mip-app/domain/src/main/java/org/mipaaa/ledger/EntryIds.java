package org.mipaaa.ledger;

/**
 * Entry ids derived from what an entry is for, never random: recording the same record (or the same
 * transferred charge) again computes the same id, and the {@code putIfAbsent} of the entry finds the
 * first one. That is what makes recording idempotent, also across a crash.
 */
public final class EntryIds {

    private EntryIds() {
    }

    /** The communication fee of record {@code recordNumber} of accounting session {@code sessionId}. */
    public static String usage(String sessionId, long recordNumber) {
        return "fee:" + sessionId + "#" + recordNumber;
    }

    /** The transferred charge with the caller's idempotency key. */
    public static String transferredCharge(String idempotencyKey) {
        return "charge:" + idempotencyKey;
    }
}
