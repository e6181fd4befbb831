package org.mipaaa.commitment;

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

    /** The commitment an accounting session was bound to, if any. */
    public Optional<Commitment> boundTo(String accountingSessionId) {
        return Optional.ofNullable(cache.get("session " + accountingSessionId)).flatMap(this::byRequest);
    }

    /**
     * Binds {@code c} to the accounting session (its next communication) and takes it off the waiting
     * place, so it binds no other session; returns what the session is bound to (a concurrent copy may
     * have bound it first).
     */
    public Commitment bind(String accountingSessionId, Commitment c) {
        String earlier = cache.putIfAbsent("session " + accountingSessionId, c.requestKey());
        cache.remove("next " + c.nai(), c.requestKey());
        return earlier == null ? c : byRequest(earlier).orElse(c);
    }

    /** What has been charged to the payer under {@code c}: its total in minor units and the fee entries it covered. */
    public Charged charged(Commitment c) {
        String stored = cache.get("charged " + c.settlementId());
        return stored == null ? Charged.NONE : Charged.decode(stored);
    }

    /** Adds {@code part} (minor units) for {@code feeEntryId} unless it is there; compare-and-set. */
    public void addCharged(Commitment c, String feeEntryId, long part) {
        String key = "charged " + c.settlementId();
        while (true) {
            String stored = cache.get(key);
            Charged before = stored == null ? Charged.NONE : Charged.decode(stored);
            if (before.covers(feeEntryId)) {
                return;
            }
            String after = before.plus(feeEntryId, part).encode();
            if (stored == null ? cache.putIfAbsent(key, after) == null : cache.replace(key, stored, after)) {
                return;
            }
        }
    }

    /** The payer's running total under one commitment. */
    public record Charged(long minorUnits, java.util.Set<String> feeEntries) {
        static final Charged NONE = new Charged(0, java.util.Set.of());

        public boolean covers(String feeEntryId) {
            return feeEntries.contains(feeEntryId);
        }

        Charged plus(String feeEntryId, long part) {
            java.util.Set<String> fees = new java.util.TreeSet<>(feeEntries);
            fees.add(feeEntryId);
            return new Charged(minorUnits + part, fees);
        }

        String encode() {
            return minorUnits + (feeEntries.isEmpty() ? "" : "\n" + String.join("\n", feeEntries));
        }

        static Charged decode(String s) {
            String[] f = s.split("\n");
            java.util.Set<String> fees = new java.util.TreeSet<>(java.util.Arrays.asList(f).subList(1, f.length));
            return new Charged(Long.parseLong(f[0]), fees);
        }
    }
}
