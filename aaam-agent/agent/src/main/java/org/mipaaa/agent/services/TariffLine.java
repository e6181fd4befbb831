package org.mipaaa.agent.services;

import java.util.Objects;

/**
 * One price the AAAH charged the period's entries with (a Cost-Information AVP, RFC 4006 §8.7):
 * {@code price} per {@code costUnit}, e.g. 0.01 EUR per "packet in visited.example from 2026-01-01"
 * (docs/PROTOCOL.md §4.6 gives the Cost-Unit format).
 *
 * <p>Immutable, so thread-safe.
 */
public final class TariffLine {

    private final Amount price;
    private final String costUnit;

    public TariffLine(Amount price, String costUnit) {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(costUnit, "costUnit");
        this.price = price;
        this.costUnit = costUnit;
    }


    public Amount price() {
        return price;
    }

    public String costUnit() {
        return costUnit;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TariffLine)) {
            return false;
        }
        TariffLine other = (TariffLine) o;
        return java.util.Objects.equals(price, other.price)
                && java.util.Objects.equals(costUnit, other.costUnit);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(price, costUnit);
    }

    @Override
    public String toString() {
        return "TariffLine[" + "price=" + price + ", " + "costUnit=" + costUnit + "]";
    }
}
