package org.mipaaa.agent.services;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * An amount of money as RFC 4006 carries it (CC-Money, Cost-Information): an exact decimal and the
 * ISO 4217 numeric currency code (0 when the answer named none).
 */
public record Amount(BigDecimal value, int currencyCode) {

    public Amount {
        Objects.requireNonNull(value, "value");
    }

    /** The currency of {@link #currencyCode()}, if the platform knows it. */
    public Optional<Currency> currency() {
        return Currency.getAvailableCurrencies().stream().filter(c -> c.getNumericCode() == currencyCode).findFirst();
    }

    /** {@code 1.23 EUR}, or {@code 1.23 (978)} for a currency the platform does not know. */
    @Override
    public String toString() {
        return value.toPlainString() + currency().map(c -> " " + c.getCurrencyCode()).orElse(" (" + currencyCode + ")");
    }
}
