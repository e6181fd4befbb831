package org.mipaaa.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One billing period: from {@code start} (inclusive) to {@code end} (exclusive), both midnight in
 * {@code zone}, the zone its dates are shown in.
 */
public record BillingPeriod(Instant start, Instant end, ZoneId zone) {

    public BillingPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a billing period must end after it starts: " + start + " .. " + end);
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** The first day of the period in its zone. */
    public LocalDate firstDay() {
        return start.atZone(zone).toLocalDate();
    }

    /** The last day of the period in its zone (the day before {@code end}). */
    public LocalDate lastDay() {
        return end.atZone(zone).toLocalDate().minusDays(1);
    }

    /** {@code 2026-11-01..2026-11-30}. */
    public String label() {
        return firstDay() + ".." + lastDay();
    }
}
