package org.mipaaa.payer;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * The commitments an AAAY made as sponsor or credit company, durable in the fsynced cache
 * {@value #CACHE}: request key (the AAAH's Origin-Host, Session-Id and End-to-End Identifier) ->
 * Settlement-Id. Made once per request however often it comes.
 */
public final class PayerCommitments {

    public static final String CACHE = "payer-commitments";

    private final Cache<String, String> cache;

    public PayerCommitments(Cache<String, String> cache) {
        this.cache = cache;
    }

    public static PayerCommitments in(StateStore store) {
        return new PayerCommitments(store.cache(CACHE));
    }

    public static String requestKey(String originHost, String sessionId, long endToEnd) {
        return originHost + ' ' + sessionId + ' ' + Long.toUnsignedString(endToEnd & 0xFFFFFFFFL);
    }

    /** Records {@code settlementId} for the request unless it has one; returns the one it has. */
    public String commit(String requestKey, String settlementId) {
        String earlier = cache.putIfAbsent(requestKey, settlementId);
        return earlier == null ? settlementId : earlier;
    }

    /** How many commitments are recorded (a scan; for tests and operators). */
    public int size() {
        return cache.size();
    }
}
