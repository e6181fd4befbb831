package org.mipaaa.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Cuts time into billing periods: monthly from a day of the month (by default the 1st), or of a fixed
 * number of days from an anchor date; each starts at midnight in the calendar's zone.
 */
public final class BillingCalendar {

    private final ZoneId zone;
    /** monthly: 1-28; 0 for fixed-length periods. */
    private final int startDay;
    private final int days;
    private final LocalDate anchor;

    private BillingCalendar(ZoneId zone, int startDay, int days, LocalDate anchor) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.startDay = startDay;
        this.days = days;
        this.anchor = anchor;
    }

    /** Monthly periods starting on {@code startDay} (1-28, so every month has it). */
    public static BillingCalendar monthly(int startDay, ZoneId zone) {
        if (startDay < 1 || startDay > 28) {
            throw new IllegalArgumentException("a monthly period starts on day 1-28, not " + startDay);
        }
        return new BillingCalendar(zone, startDay, 0, null);
    }

    /** Periods of {@code days} days, one of them starting on {@code anchor}. */
    public static BillingCalendar everyDays(int days, LocalDate anchor, ZoneId zone) {
        if (days < 1) {
            throw new IllegalArgumentException("a period lasts at least a day, not " + days);
        }
        return new BillingCalendar(zone, 0, days, Objects.requireNonNull(anchor, "anchor"));
    }

    public ZoneId zone() {
        return zone;
    }

    /** The period {@code t} falls in. */
    public BillingPeriod periodOf(Instant t) {
        LocalDate date = t.atZone(zone).toLocalDate();
        LocalDate first;
        if (startDay > 0) {
            first = date.withDayOfMonth(startDay);
            if (date.isBefore(first)) {
                first = first.minusMonths(1);
            }
        } else {
            long index = Math.floorDiv(ChronoUnit.DAYS.between(anchor, date), (long) days);
            first = anchor.plusDays(index * days);
        }
        return period(first);
    }

    /**
     * The period a month names, as the Billing-Period AVP does ("2026-11", docs/PROTOCOL.md §4.6): for
     * monthly periods the one that starts in that month; for periods of N days the one its first day
     * falls in.
     */
    public BillingPeriod periodNamed(java.time.YearMonth month) {
        return startDay > 0 ? period(month.atDay(startDay)) : periodOf(midnight(month.atDay(1)));
    }

    /** The period right after {@code period}. */
    public BillingPeriod next(BillingPeriod period) {
        return periodOf(period.end());
    }

    /** The period right before {@code period}. */
    public BillingPeriod previous(BillingPeriod period) {
        return periodOf(period.start().minusNanos(1));
    }

    private BillingPeriod period(LocalDate first) {
        LocalDate after = startDay > 0 ? first.plusMonths(1) : first.plusDays(days);
        return new BillingPeriod(midnight(first), midnight(after), zone);
    }

    private Instant midnight(LocalDate day) {
        ZonedDateTime start = day.atStartOfDay(zone);
        return start.toInstant();
    }

    @Override
    public String toString() {
        return startDay > 0 ? "monthly from day " + startDay + " (" + zone + ")"
                : "every " + days + " days from " + anchor + " (" + zone + ")";
    }
}
