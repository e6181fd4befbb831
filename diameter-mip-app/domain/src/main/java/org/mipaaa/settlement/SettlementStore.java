package org.mipaaa.settlement;

import java.util.Optional;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * The AAAH's settlements, durable (the fsynced cache {@value #CACHE}): by the SER that opened each one,
 * so a copy of that SER finds it, and by Settlement-Id, for cancellation. Every change is a
 * compare-and-set: two copies of one request never both move a settlement on.
 */
public final class SettlementStore {

    public static final String CACHE = "settlements";

    private final Cache<String, String> cache;

    public SettlementStore(Cache<String, String> cache) {
        this.cache = cache;
    }

    public static SettlementStore in(StateStore store) {
        return new SettlementStore(store.cache(CACHE));
    }

    /** The key of a SER: the same for its retransmissions (RFC 6733 §3: same End-to-End Identifier), and per user. */
    public static String requestKey(String nai, String sessionId, long endToEnd) {
        return nai + ' ' + sessionId + ' ' + Long.toUnsignedString(endToEnd & 0xFFFFFFFFL);
    }

    /**
     * Stores {@code fresh} unless its request opened a settlement before; returns the earlier one then
     * (empty: {@code fresh} is now stored, and findable by its Settlement-Id).
     */
    public Optional<SettlementRecord> open(SettlementRecord fresh) {
        // the id first: a crash between the two writes leaves an id pointing at nothing, never a settlement without id
        cache.put(idKey(fresh.settlementId()), fresh.requestKey());
        String earlier = cache.putIfAbsent(requestKey(fresh.requestKey()), fresh.encode());
        if (earlier != null) {
            cache.remove(idKey(fresh.settlementId()), fresh.requestKey());
            return Optional.of(SettlementRecord.decode(earlier));
        }
        return Optional.empty();
    }

    /** Moves {@code from} on to {@code to} if nobody moved it since it was read; false otherwise. */
    public boolean replace(SettlementRecord from, SettlementRecord to) {
        if (!from.requestKey().equals(to.requestKey()) || !from.settlementId().equals(to.settlementId())) {
            throw new IllegalArgumentException("a settlement keeps its request and id");
        }
        return cache.replace(requestKey(from.requestKey()), from.encode(), to.encode());
    }

    public Optional<SettlementRecord> byRequest(String requestKey) {
        return Optional.ofNullable(cache.get(requestKey(requestKey))).map(SettlementRecord::decode);
    }

    public Optional<SettlementRecord> byId(String settlementId) {
        return Optional.ofNullable(cache.get(idKey(settlementId))).flatMap(this::byRequest);
    }

    /** Every settlement in {@code state} (a scan: for the few kept in a transient state at start). */
    public java.util.List<SettlementRecord> inState(SettlementState state) {
        return cache.entrySet().stream().filter(e -> e.getKey().startsWith("req "))
                .map(e -> SettlementRecord.decode(e.getValue())).filter(r -> r.state() == state).toList();
    }

    private static String requestKey(String key) {
        return "req " + key;
    }

    private static String idKey(String id) {
        return "id " + id;
    }
}
