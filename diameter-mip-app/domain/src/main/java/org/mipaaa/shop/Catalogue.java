package org.mipaaa.shop;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.mipaaa.ledger.Money;
import org.mipaaa.settings.SettingsFile;

/**
 * The orders a shop terminal (or an AAAY holding them itself) can give the accounting information of,
 * and the payees it serves. Read from a properties file (config/terminal/catalogue.properties):
 *
 * <pre>
 * payees = shop@shop.example, kiosk@shop.example
 * order.A-1001.payee    = shop@shop.example
 * order.A-1001.goods    = 1 x coffee beans 250 g | 1 x milk frother
 * order.A-1001.amount   = 23.40
 * order.A-1001.currency = EUR
 * order.A-1001.time     = 2026-11-20T10:15:00Z
 * </pre>
 *
 * An order's payee must be one of {@code payees}; amounts are exact in the currency's minor unit.
 */
public final class Catalogue {

    private static final String ORDER = "order.";
    private static final List<String> FIELDS = List.of("payee", "goods", "amount", "currency", "time");

    private final Set<String> payees;
    private final Map<String, Order> orders;

    public Catalogue(Set<String> payees, List<Order> orders) {
        this.payees = Set.copyOf(payees);
        Map<String, Order> byReference = new LinkedHashMap<>();
        for (Order order : orders) {
            if (!this.payees.contains(order.payee())) {
                throw new IllegalArgumentException("order " + order.reference() + ": payee " + order.payee() + " is not served here");
            }
            if (byReference.putIfAbsent(order.reference(), order) != null) {
                throw new IllegalArgumentException("order " + order.reference() + " twice");
            }
        }
        this.orders = Map.copyOf(byReference);
    }

    public static Catalogue load(Path file) throws IOException {
        return SettingsFile.load(file, Catalogue::parse);
    }

    /** @throws IllegalArgumentException naming the first setting that is missing or malformed */
    public static Catalogue parse(Properties p) {
        Set<String> payees = new LinkedHashSet<>();
        for (String payee : p.getProperty("payees", "").split(",")) {
            if (!payee.isBlank()) {
                payees.add(payee.strip());
            }
        }
        Set<String> references = new LinkedHashSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(ORDER)) {
                int dot = key.lastIndexOf('.');
                String field = key.substring(dot + 1);
                if (dot <= ORDER.length() || !FIELDS.contains(field)) {
                    throw new IllegalArgumentException("unknown setting " + key);
                }
                references.add(key.substring(ORDER.length(), dot));
            }
        }
        List<Order> orders = new ArrayList<>();
        for (String reference : references) {
            orders.add(order(p, reference));
        }
        return new Catalogue(payees, orders);
    }

    private static Order order(Properties p, String reference) {
        String prefix = ORDER + reference + ".";
        String currencyCode = required(p, prefix + "currency");
        Currency currency;
        try {
            currency = Currency.getInstance(currencyCode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "currency: not an ISO 4217 code: " + currencyCode);
        }
        Money amount;
        try {
            amount = Money.exact(new BigDecimal(required(p, prefix + "amount")), currency);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(prefix + "amount: not an exact amount of " + currencyCode);
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException(prefix + "amount: must be positive");
        }
        Instant time;
        try {
            time = Instant.parse(required(p, prefix + "time"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(prefix + "time: not an ISO 8601 UTC instant");
        }
        List<String> goods = Arrays.stream(required(p, prefix + "goods").split("\\|")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        return new Order(reference, required(p, prefix + "payee"), goods, amount, time);
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return value.strip();
    }

    public boolean serves(String payee) {
        return payees.contains(payee);
    }

    /** What the catalogue says about {@code payee}'s order {@code reference}, or its latest order when none is named. */
    public Lookup lookup(String payee, Optional<String> reference) {
        if (!serves(payee)) {
            return new Lookup.UnknownPayee(payee);
        }
        if (reference.isEmpty()) {
            // no Order-Reference: the payee's most recent order (the purchase just made at the till)
            return orders.values().stream().filter(o -> o.payee().equals(payee)).max(Comparator.comparing(Order::time)
                    .thenComparing(Order::reference)).<Lookup>map(Lookup.Found::new).orElse(new Lookup.NoOrder(payee));
        }
        Order order = orders.get(reference.get());
        return order == null || !order.payee().equals(payee) ? new Lookup.UnknownOrder(reference.get()) : new Lookup.Found(order);
    }

    /** The outcome of {@link #lookup}. */
    public sealed interface Lookup {
        record Found(Order order) implements Lookup {
        }

        /** The payee is not one of this catalogue's. */
        record UnknownPayee(String payee) implements Lookup {
        }

        /** No order with this reference for that payee (another payee's order is not shown either). */
        record UnknownOrder(String reference) implements Lookup {
        }

        /** No Order-Reference was given and the payee has no order. */
        record NoOrder(String payee) implements Lookup {
        }
    }
}
