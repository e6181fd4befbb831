package org.mipaaa.tariff;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * The prices of communication in one visited realm (or {@value Tariffs#DEFAULT_REALM}) from one date
 * on: per second of connect time, per {@link ByteUnit} of octets (input plus output) and per packet
 * (input plus output). Prices are exact decimals in {@code currency}; a price may have more fraction
 * digits than the currency (0.0004 EUR per packet), only the fee of an account entry is rounded.
 */
public record Tariff(String realm, Instant effectiveFrom, Currency currency, BigDecimal perSecond,
                     BigDecimal perByteUnit, ByteUnit byteUnit, BigDecimal perPacket) {

    public Tariff {
        Objects.requireNonNull(realm, "realm");
        realm = realm.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(byteUnit, "byteUnit");
        perSecond = nonNegative(perSecond, "perSecond");
        perByteUnit = nonNegative(perByteUnit, "perByteUnit");
        perPacket = nonNegative(perPacket, "perPacket");
    }

    private static BigDecimal nonNegative(BigDecimal price, String what) {
        Objects.requireNonNull(price, what);
        if (price.signum() < 0) {
            throw new IllegalArgumentException(what + " is negative: " + price);
        }
        return price.stripTrailingZeros();
    }

    /**
     * The exact price of the usage, unrounded: {@code seconds x perSecond + octets / unit x perByteUnit
     * + packets x perPacket}. No step divides by anything but a power of ten, so nothing is lost.
     */
    public BigDecimal price(long seconds, long octets, long packets) {
        return perSecond.multiply(BigDecimal.valueOf(seconds))
                .add(perByteUnit.multiply(byteUnit.of(octets)))
                .add(perPacket.multiply(BigDecimal.valueOf(packets)));
    }

    /** A short name for statements: {@code realm@effectiveFrom}. */
    public String name() {
        return realm + "@" + effectiveFrom;
    }

    /** The tariff in words, e.g. {@code visited.example@2026-01-01T00:00:00Z: 0.001/s, 0.05/megabyte, 0/packet EUR}. */
    public String describe() {
        return name() + ": " + perSecond.toPlainString() + "/s, " + perByteUnit.toPlainString() + "/"
                + byteUnit.name().toLowerCase(Locale.ROOT) + ", " + perPacket.toPlainString() + "/packet "
                + currency.getCurrencyCode();
    }
}
