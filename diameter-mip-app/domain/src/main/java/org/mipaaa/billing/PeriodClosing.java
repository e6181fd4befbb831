package org.mipaaa.billing;

import java.time.Instant;
import java.util.Objects;

/** That {@code period} was closed, by whom and when. */
public record PeriodClosing(BillingPeriod period, String by, Instant at) {

    public PeriodClosing {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
