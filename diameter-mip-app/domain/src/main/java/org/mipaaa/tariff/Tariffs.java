package org.mipaaa.tariff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The AAAH's tariffs (seed Fig. 4: the tariff a communication fee is computed with), per visited
 * realm, each from the date it takes effect; all in one currency.
 *
 * <p>The tariff in force for a record is chosen by the record's event time: the visited realm's own
 * tariff that took effect last at or before that time; if the realm has none in force then (none at
 * all, or only later ones), the {@value #DEFAULT_REALM} tariff in force then. So a tariff change in the
 * middle of a billing period prices the records before it at the old prices and those after at the new.
 * Realms compare case-insensitively (they are DNS names).
 */
public final class Tariffs {

    /** The realm name of the tariff for visited realms that have none of their own. */
    public static final String DEFAULT_REALM = "default";

    private final Currency currency;
    private final Map<String, NavigableMap<Instant, Tariff>> byRealm;

    private Tariffs(Currency currency, Map<String, NavigableMap<Instant, Tariff>> byRealm) {
        this.currency = currency;
        this.byRealm = byRealm;
    }

    /**
     * @throws IllegalArgumentException if a tariff is in another currency, or two tariffs of one realm
     *                                  take effect at the same time
     */
    public static Tariffs of(Currency currency, List<Tariff> tariffs) {
        Objects.requireNonNull(currency, "currency");
        Map<String, NavigableMap<Instant, Tariff>> byRealm = new TreeMap<>();
        for (Tariff t : tariffs) {
            if (!t.currency().equals(currency)) {
                throw new IllegalArgumentException("tariff " + t.name() + " is in " + t.currency() + ", not " + currency);
            }
            if (byRealm.computeIfAbsent(t.realm(), r -> new TreeMap<>()).putIfAbsent(t.effectiveFrom(), t) != null) {
                throw new IllegalArgumentException("two tariffs of realm " + t.realm() + " take effect at " + t.effectiveFrom());
            }
        }
        return new Tariffs(currency, byRealm);
    }

    public Currency currency() {
        return currency;
    }

    /**
     * The tariff in force in {@code visitedRealm} at {@code at}.
     *
     * @throws NoTariffException if neither the realm nor {@value #DEFAULT_REALM} has one in force then
     */
    public Tariff inForce(String visitedRealm, Instant at) {
        Objects.requireNonNull(at, "at");
        String realm = visitedRealm == null ? DEFAULT_REALM : visitedRealm.toLowerCase(Locale.ROOT);
        Map.Entry<Instant, Tariff> own = floor(realm, at);
        if (own == null) {
            own = floor(DEFAULT_REALM, at);
        }
        if (own == null) {
            throw new NoTariffException(realm, at);
        }
        return own.getValue();
    }

    private Map.Entry<Instant, Tariff> floor(String realm, Instant at) {
        NavigableMap<Instant, Tariff> tariffs = byRealm.get(realm);
        return tariffs == null ? null : tariffs.floorEntry(at);
    }

    /** Every tariff, by realm then date. */
    public List<Tariff> all() {
        List<Tariff> all = new ArrayList<>();
        byRealm.values().forEach(m -> all.addAll(m.values()));
        all.sort(Comparator.comparing(Tariff::realm).thenComparing(Tariff::effectiveFrom));
        return all;
    }
}
