package org.mipaaa.billing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the AAAH's billing settings ({@code config/aaah/billing.properties}, which documents them)
 * into a {@link BillingCalendar}: {@code zone}, {@code period} ({@code monthly} or {@code days}),
 * {@code period.start.day} (monthly, 1-28, default 1), {@code period.days} and {@code period.anchor}
 * (days). Unknown keys are errors.
 */
public final class BillingSettings {

    private static final Set<String> KEYS = Set.of("zone", "period", "period.start.day", "period.days", "period.anchor");

    private BillingSettings() {
    }

    public static BillingCalendar load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read billing settings " + file, e);
        }
        try {
            return calendar(properties);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Without any setting: monthly from the 1st, UTC. */
    public static BillingCalendar calendar(Properties properties) {
        for (String key : properties.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' (known: " + KEYS + ")");
            }
        }
        ZoneId zone = ZoneId.of(properties.getProperty("zone", "UTC").trim());
        String period = properties.getProperty("period", "monthly").trim();
        switch (period) {
            case "monthly":
                return BillingCalendar.monthly(Integer.parseInt(properties.getProperty("period.start.day", "1").trim()), zone);
            case "days":
                String days = properties.getProperty("period.days");
                String anchor = properties.getProperty("period.anchor");
                if (days == null || anchor == null) {
                    throw new IllegalArgumentException("period=days needs period.days and period.anchor");
                }
                return BillingCalendar.everyDays(Integer.parseInt(days.trim()), LocalDate.parse(anchor.trim()), zone);
            default:
                throw new IllegalArgumentException("period is monthly or days, not '" + period + "'");
        }
    }
}
