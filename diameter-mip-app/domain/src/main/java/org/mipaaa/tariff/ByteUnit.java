package org.mipaaa.tariff;

import java.math.BigDecimal;

/**
 * The quantity of octets a tariff's volume price is for. Decimal (SI) units, as carriers bill:
 * a kilobyte is 1000 octets, a megabyte 1 000 000, so a price per unit divides exactly.
 */
public enum ByteUnit {
    BYTE("per-byte", 0),
    KILOBYTE("per-kilobyte", 3),
    MEGABYTE("per-megabyte", 6);

    private final String setting;
    private final int powerOfTen;

    ByteUnit(String setting, int powerOfTen) {
        this.setting = setting;
        this.powerOfTen = powerOfTen;
    }

    /** The name of the price in {@code tariffs.properties}, e.g. {@code per-megabyte}. */
    public String setting() {
        return setting;
    }

    public long octets() {
        return BigDecimal.ONE.movePointRight(powerOfTen).longValueExact();
    }

    /** {@code octets} in this unit, exactly (a division by a power of ten never rounds). */
    public BigDecimal of(long octets) {
        return BigDecimal.valueOf(octets).movePointLeft(powerOfTen);
    }
}
