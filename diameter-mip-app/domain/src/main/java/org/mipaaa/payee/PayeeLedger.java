package org.mipaaa.payee;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * The AAAY's side of settlements (the seed's mode (1): -X on the payee's account), durable in the
 * fsynced cache {@value #CACHE}, one record per Settlement-Id: booked once however often the PNR comes,
 * reversed once however often the SCR comes.
 */
public final class PayeeLedger {

    public static final String CACHE = "payee-settlements";

    private final Cache<String, String> cache;

    public PayeeLedger(Cache<String, String> cache) {
        this.cache = cache;
    }

    public static PayeeLedger in(StateStore store) {
        return new PayeeLedger(store.cache(CACHE));
    }

    /** Books {@code fresh} unless its Settlement-Id is booked; returns what is booked under it. */
    public PayeeSettlement book(PayeeSettlement fresh) {
        String earlier = cache.putIfAbsent(fresh.settlementId(), fresh.encode());
        return earlier == null ? fresh : PayeeSettlement.decode(earlier);
    }

    /** {@link #book}, the record kept for {@code keep} only (a void record, {@link UnbookedVoids}). */
    public PayeeSettlement bookFor(PayeeSettlement fresh, Duration keep) {
        String earlier = cache.putIfAbsent(fresh.settlementId(), fresh.encode(), keep.toMillis(), TimeUnit.MILLISECONDS);
        return earlier == null ? fresh : PayeeSettlement.decode(earlier);
    }

    public Optional<PayeeSettlement> find(String settlementId) {
        return Optional.ofNullable(cache.get(settlementId)).map(PayeeSettlement::decode);
    }

    /** Reverses the settlement (once: a reversed one stays as it is); empty when there is none. */
    public Optional<PayeeSettlement> reverse(String settlementId) {
        while (true) {
            String stored = cache.get(settlementId);
            if (stored == null) {
                return Optional.empty();
            }
            PayeeSettlement s = PayeeSettlement.decode(stored);
            if (s.reversed()) {
                return Optional.of(s);
            }
            PayeeSettlement reversed = s.reversedNow();
            if (cache.replace(settlementId, stored, reversed.encode())) {
                return Optional.of(reversed);
            }
        }
    }

    /** The account entries of {@code payee}: its mode-1 settlements (reversed ones too), by Settlement-Id. A scan. */
    public List<PayeeSettlement> entries(String payee) {
        return cache.values().stream().map(PayeeSettlement::decode)
                .filter(s -> s.payee().equals(payee) && s.debitsPayee())
                .sorted(Comparator.comparing(PayeeSettlement::settlementId)).toList();
    }

    /** The balance of {@code payee}'s account: the sum of its entries' effects (negative: it owes). */
    public BigDecimal balance(String payee) {
        return entries(payee).stream().map(PayeeSettlement::balanceEffect).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
