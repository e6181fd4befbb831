package org.mipaaa.tariff;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the AAAH's tariff file ({@code config/aaah/tariffs.properties}; the file documents its format
 * itself). Java properties, UTF-8:
 * <pre>
 * currency = EUR                  ISO 4217 code of every price (required)
 * zone = UTC                      time zone of dates without a time (optional, UTC by default)
 * tariff.&lt;realm&gt;.&lt;from&gt;.&lt;price&gt; = decimal
 * </pre>
 * {@code <realm>} is a visited realm or {@value Tariffs#DEFAULT_REALM}; {@code <from>} is when the
 * tariff takes effect, {@code yyyy-MM-dd} (the start of that day in {@code zone}) or an ISO instant
 * without fraction, its colons escaped as
 * properties keys need ({@code 2026-11-15T12\:00\:00Z}); {@code <price>} is {@code per-second},
 * {@code per-packet}, or one of {@code per-byte}, {@code per-kilobyte}, {@code per-megabyte}. A price
 * left out is zero. Anything else is an error, so a typo never silently makes a service free.
 */
public final class TariffFile {

    private static final String CURRENCY = "currency";
    private static final String ZONE = "zone";
    private static final String PREFIX = "tariff.";
    private static final String PER_SECOND = "per-second";
    private static final String PER_PACKET = "per-packet";

    private TariffFile() {
    }

    public static Tariffs load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tariff file " + file, e);
        }
        try {
            return parse(properties);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException on a missing currency, an unknown key or a bad value */
    public static Tariffs parse(Properties properties) {
        String code = properties.getProperty(CURRENCY);
        if (code == null) {
            throw new IllegalArgumentException("no '" + CURRENCY + "'");
        }
        Currency currency = Currency.getInstance(code.trim());
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency " + code + " has no minor unit");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(properties.getProperty(ZONE, "UTC").trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + ZONE + "' is not a time zone: " + e.getMessage());
        }
        Map<String, Map<String, BigDecimal>> prices = new LinkedHashMap<>(); // "realm from" -> price name -> value
        for (String key : properties.stringPropertyNames()) {
            if (key.equals(CURRENCY) || key.equals(ZONE)) {
                continue;
            }
            if (!key.startsWith(PREFIX)) {
                throw new IllegalArgumentException("unknown key '" + key + "'");
            }
            String rest = key.substring(PREFIX.length());
            int lastDot = rest.lastIndexOf('.');
            int dateDot = lastDot < 0 ? -1 : rest.lastIndexOf('.', lastDot - 1);
            if (dateDot <= 0) {
                throw new IllegalArgumentException("'" + key + "' is not tariff.<realm>.<from>.<price>");
            }
            String realmAndDate = rest.substring(0, dateDot) + ' ' + rest.substring(dateDot + 1, lastDot);
            BigDecimal value;
            try {
                value = new BigDecimal(properties.getProperty(key).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + key + "' is not a decimal number");
            }
            prices.computeIfAbsent(realmAndDate, k -> new LinkedHashMap<>()).put(rest.substring(lastDot + 1), value);
        }
        List<Tariff> tariffs = new ArrayList<>();
        prices.forEach((realmAndDate, named) -> tariffs.add(tariff(realmAndDate, named, currency, zone)));
        return Tariffs.of(currency, tariffs);
    }

    private static Tariff tariff(String realmAndDate, Map<String, BigDecimal> named, Currency currency, ZoneId zone) {
        int space = realmAndDate.indexOf(' ');
        String realm = realmAndDate.substring(0, space);
        Instant from = effectiveFrom(realmAndDate.substring(space + 1), zone);
        Map<String, BigDecimal> left = new LinkedHashMap<>(named);
        BigDecimal perSecond = orZero(left.remove(PER_SECOND));
        BigDecimal perPacket = orZero(left.remove(PER_PACKET));
        ByteUnit unit = ByteUnit.MEGABYTE;
        BigDecimal perUnit = BigDecimal.ZERO;
        int units = 0;
        for (ByteUnit u : ByteUnit.values()) {
            BigDecimal price = left.remove(u.setting());
            if (price != null) {
                unit = u;
                perUnit = price;
                units++;
            }
        }
        String where = "tariff of " + realm + " from " + from;
        if (units > 1) {
            throw new IllegalArgumentException(where + " has more than one volume price (per-byte, per-kilobyte, per-megabyte)");
        }
        if (!left.isEmpty()) {
            throw new IllegalArgumentException(where + " has unknown prices " + left.keySet()
                    + " (known: per-second, per-packet, per-byte, per-kilobyte, per-megabyte)");
        }
        try {
            return new Tariff(realm, from, currency, perSecond, perUnit, unit, perPacket);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static BigDecimal orZero(BigDecimal price) {
        return price == null ? BigDecimal.ZERO : price;
    }

    private static Instant effectiveFrom(String text, ZoneId zone) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(zone).toInstant() : Instant.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is neither yyyy-MM-dd nor an ISO instant");
        }
    }
}
