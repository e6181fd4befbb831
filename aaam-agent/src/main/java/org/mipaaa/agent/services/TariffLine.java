package org.mipaaa.agent.services;

import java.util.Objects;

/**
 * One price the AAAH charged the period's entries with (a Cost-Information AVP, RFC 4006 §8.7):
 * {@code price} per {@code costUnit}, e.g. 0.01 EUR per "packet in visited.example from 2026-01-01"
 * (docs/PROTOCOL.md §4.6 gives the Cost-Unit format).
 */
public record TariffLine(Amount price, String costUnit) {

    public TariffLine {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(costUnit, "costUnit");
    }
}
