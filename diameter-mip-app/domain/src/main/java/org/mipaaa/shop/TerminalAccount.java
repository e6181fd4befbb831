package org.mipaaa.shop;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * The account of a terminal with the AAA function (it settles itself: the seed's variant of S208-S210),
 * durable in the fsynced cache {@value #CACHE}, one {@link TerminalSale} per Settlement-Id: settled once
 * however often the AAAH's SER comes, reversed once however often its SCR comes, and a Settlement-Id
 * voided before it was settled never settles.
 */
public final class TerminalAccount {

    public static final String CACHE = "terminal-settlements";

    private final Cache<String, String> cache;

    public TerminalAccount(Cache<String, String> cache) {
        this.cache = cache;
    }

    public static TerminalAccount in(StateStore store) {
        return new TerminalAccount(store.cache(CACHE));
    }

    /** Settles {@code fresh} unless its Settlement-Id has a sale (or a void); returns what is kept under it. */
    public TerminalSale settle(TerminalSale fresh) {
        String earlier = cache.putIfAbsent(fresh.settlementId(), fresh.encode());
        return earlier == null ? fresh : TerminalSale.decode(earlier);
    }

    public Optional<TerminalSale> find(String settlementId) {
        return Optional.ofNullable(cache.get(settlementId)).map(TerminalSale::decode);
    }

    /** Reverses the sale (once: a reversed one stays as it is); empty when there is none. */
    public Optional<TerminalSale> reverse(String settlementId) {
        while (true) {
            String stored = cache.get(settlementId);
            if (stored == null) {
                return Optional.empty();
            }
            TerminalSale s = TerminalSale.decode(stored);
            if (s.reversed()) {
                return Optional.of(s);
            }
            if (cache.replace(settlementId, stored, s.reversedNow().encode())) {
                return Optional.of(s.reversedNow());
            }
        }
    }

    /** The account entries of {@code payee}: its mode-1 sales (reversed ones too), by Settlement-Id. A scan. */
    public List<TerminalSale> entries(String payee) {
        return cache.values().stream().map(TerminalSale::decode)
                .filter(s -> s.payee().equals(payee) && s.debitsPayee())
                .sorted(Comparator.comparing(TerminalSale::settlementId)).toList();
    }

    /** The balance of {@code payee}'s account at this terminal (negative: what the carrier owes the shop). */
    public BigDecimal balance(String payee) {
        return entries(payee).stream().map(TerminalSale::balanceEffect).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
