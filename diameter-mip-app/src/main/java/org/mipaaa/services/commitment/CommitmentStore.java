package org.mipaaa.services.commitment;

import java.util.Optional;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * The AAAH's commitments, durable in the fsynced cache {@value #CACHE}: by the SCMR/CCMR that obtained
 * each one ("req " key), so every copy of that request finds it and none is stored twice; and, per
 * NAI ("next " NAI), the one waiting for the node's next communication.
 */
public final class CommitmentStore {

    public static final String CACHE = "communication-commitments";

    private final Cache<String, String> cache;

    public CommitmentStore(Cache<String, String> cache) {
        this.cache = cache;
    }

    public static CommitmentStore in(StateStore store) {
        return new CommitmentStore(store.cache(CACHE));
    }

    /** The key of a request: the same for its retransmissions (same End-to-End Identifier), and per user. */
    public static String requestKey(String nai, String sessionId, long endToEnd) {
        return nai + ' ' + sessionId + ' ' + Long.toUnsignedString(endToEnd & 0xFFFFFFFFL);
    }

    /**
     * Stores {@code fresh} unless its request has a commitment; returns what is stored. A commitment newly
     * stored becomes the one waiting for the node's next communication (replacing one not yet used).
     */
    public Commitment record(Commitment fresh) {
        String earlier = cache.putIfAbsent("req " + fresh.requestKey(), fresh.encode());
        if (earlier != null) {
            return Commitment.decode(earlier);
        }
        cache.put("next " + fresh.nai(), fresh.requestKey());
        return fresh;
    }

    public Optional<Commitment> byRequest(String requestKey) {
        return Optional.ofNullable(cache.get("req " + requestKey)).map(Commitment::decode);
    }

    /** The commitment waiting for {@code nai}'s next communication, if any. */
    public Optional<Commitment> pending(String nai) {
        return Optional.ofNullable(cache.get("next " + nai)).flatMap(this::byRequest);
    }

    /** Marks {@code c} used (once: false if it was no longer the one waiting). */
    public boolean use(Commitment c) {
        return cache.remove("next " + c.nai(), c.requestKey());
    }
}
