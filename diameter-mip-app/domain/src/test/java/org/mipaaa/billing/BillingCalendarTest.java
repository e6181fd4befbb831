package org.mipaaa.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class BillingCalendarTest {

    @Test
    void monthlyPeriodsRunFromTheStartDayToTheDayBeforeItNextMonth() {
        BillingCalendar calendar = BillingCalendar.monthly(15, ZoneOffset.UTC);
        BillingPeriod p = calendar.periodOf(Instant.parse("2026-11-14T23:59:59Z"));
        assertThat(p.start()).isEqualTo(Instant.parse("2026-10-15T00:00:00Z"));
        assertThat(p.end()).isEqualTo(Instant.parse("2026-11-15T00:00:00Z"));
        assertThat(p.label()).isEqualTo("2026-10-15..2026-11-14");
        assertThat(calendar.next(p).start()).isEqualTo(Instant.parse("2026-11-15T00:00:00Z"));
        assertThat(calendar.previous(p).start()).isEqualTo(Instant.parse("2026-09-15T00:00:00Z"));
        assertThat(calendar.periodOf(Instant.parse("2026-12-31T12:00:00Z")).label()).isEqualTo("2026-12-15..2027-01-14");
    }

    @Test
    void periodsStartAtMidnightInTheCalendarsZone() {
        BillingCalendar calendar = BillingCalendar.monthly(1, ZoneId.of("Europe/Paris"));
        // 23:30 UTC on 31 October is 00:30 on 1 November in Paris (CET, +1)
        BillingPeriod p = calendar.periodOf(Instant.parse("2026-10-31T23:30:00Z"));
        assertThat(p.start()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(p.firstDay()).isEqualTo(LocalDate.of(2026, 11, 1));
    }

    @Test
    void fixedLengthPeriodsRepeatFromTheAnchorBothWays() {
        BillingCalendar calendar = BillingCalendar.everyDays(7, LocalDate.of(2026, 11, 2), ZoneOffset.UTC);
        assertThat(calendar.periodOf(Instant.parse("2026-11-08T23:00:00Z")).label()).isEqualTo("2026-11-02..2026-11-08");
        assertThat(calendar.periodOf(Instant.parse("2026-11-09T00:00:00Z")).label()).isEqualTo("2026-11-09..2026-11-15");
        assertThat(calendar.periodOf(Instant.parse("2026-11-01T00:00:00Z")).label()).isEqualTo("2026-10-26..2026-11-01");
    }

    @Test
    void settingsAreReadAndTyposRefused() throws IOException {
        assertThat(BillingSettings.load(Path.of("../../config/aaah/billing.properties"))).hasToString("monthly from day 1 (UTC)");
        Properties days = new Properties();
        days.load(new StringReader("period=days\nperiod.days=10\nperiod.anchor=2026-01-01\n"));
        assertThat(BillingSettings.calendar(days)).hasToString("every 10 days from 2026-01-01 (UTC)");
        Properties typo = new Properties();
        typo.load(new StringReader("period.startday=3\n"));
        assertThatThrownBy(() -> BillingSettings.calendar(typo)).hasMessageContaining("period.startday");
        assertThatThrownBy(() -> BillingCalendar.monthly(29, ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMonthNamesThePeriodStartingInItOrForNDayPeriodsTheOneItsFirstDayFallsIn() {
        BillingPeriod november15 = BillingCalendar.monthly(15, ZoneOffset.UTC).periodNamed(java.time.YearMonth.of(2026, 11));
        assertThat(november15.firstDay()).isEqualTo(LocalDate.of(2026, 11, 15));
        assertThat(november15.lastDay()).isEqualTo(LocalDate.of(2026, 12, 14));
        assertThat(BillingCalendar.monthly(1, ZoneOffset.UTC).periodNamed(java.time.YearMonth.of(2026, 2)).label())
                .isEqualTo("2026-02-01..2026-02-28");
        BillingPeriod weekly = BillingCalendar.everyDays(7, LocalDate.of(2026, 11, 2), ZoneOffset.UTC).periodNamed(java.time.YearMonth.of(2026, 11));
        assertThat(weekly.label()).isEqualTo("2026-10-26..2026-11-01");
    }
}
