package org.mipaaa.settlement;

import java.util.Base64;
import java.util.Optional;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * The AAAH's settlements, durable (the fsynced cache {@value #CACHE}): by the SER that opened each one,
 * so a copy of that SER finds it, and by Settlement-Id, for cancellation; with each, the Purchase-Info
 * the user confirmed, as it came, which is what the payee side is told, whatever a copy of the SER says.
 * Every change is a compare-and-set: two copies of one request never both move a settlement on.
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
     * Stores {@code fresh}, with {@code purchaseInfo} (the Purchase-Info AVP's value as the SER carried
     * it), unless its request opened a settlement before; returns the earlier one then, whose
     * Purchase-Info stays (empty: {@code fresh} is now stored, and findable by its Settlement-Id).
     */
    public Optional<SettlementRecord> open(SettlementRecord fresh, byte[] purchaseInfo) {
        // id and purchase first: a crash between the writes leaves them pointing at nothing, never a settlement without them
        String encodedPurchase = Base64.getEncoder().encodeToString(purchaseInfo);
        cache.put(idKey(fresh.settlementId()), fresh.requestKey());
        cache.put(purchaseKey(fresh.settlementId()), encodedPurchase);
        String earlier = cache.putIfAbsent(requestKey(fresh.requestKey()), fresh.encode());
        if (earlier != null) {
            cache.remove(purchaseKey(fresh.settlementId()), encodedPurchase);
            cache.remove(idKey(fresh.settlementId()), fresh.requestKey());
            return Optional.of(SettlementRecord.decode(earlier));
        }
        return Optional.empty();
    }

    /**
     * The Purchase-Info AVP's value of settlement {@code settlementId}, as stored when it was opened;
     * empty for one opened before it was kept.
     */
    public Optional<byte[]> purchaseInfo(String settlementId) {
        return Optional.ofNullable(cache.get(purchaseKey(settlementId))).map(Base64.getDecoder()::decode);
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

    private static String purchaseKey(String id) {
        return "purchase " + id;
    }
}
