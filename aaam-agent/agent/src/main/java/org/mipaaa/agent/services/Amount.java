package org.mipaaa.agent.services;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * An amount of money as RFC 4006 carries it (CC-Money, Cost-Information): an exact decimal and the
 * ISO 4217 numeric currency code (0 when the answer named none).
 *
 * <p>Immutable, so thread-safe.
 */
public final class Amount {

    private final BigDecimal value;
    private final int currencyCode;

    public Amount(BigDecimal value, int currencyCode) {
        Objects.requireNonNull(value, "value");
        this.value = value;
        this.currencyCode = currencyCode;
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

    public BigDecimal value() {
        return value;
    }

    public int currencyCode() {
        return currencyCode;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Amount)) {
            return false;
        }
        Amount other = (Amount) o;
        return java.util.Objects.equals(value, other.value)
                && currencyCode == other.currencyCode;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(value, currencyCode);
    }
}
