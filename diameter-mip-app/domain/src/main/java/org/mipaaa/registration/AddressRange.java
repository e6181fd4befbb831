package org.mipaaa.registration;

import java.net.Inet4Address;
import java.util.Objects;

import org.mipaaa.mobileip.Ipv4;

/**
 * An inclusive range of IPv4 addresses, the home address pool of a home AAA server
 * ({@code home.address.pool=10.1.0.10-10.1.0.250}). RFC 4004 §3.1 and §7.3: the AAAH allocates the
 * home address when the request carries none (0.0.0.0, RFC 2794 §2).
 *
 * @param first the first address of the range
 * @param last  the last address, not below {@code first}
 */
public record AddressRange(Inet4Address first, Inet4Address last) {

    public AddressRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (toLong(last) < toLong(first)) {
            throw new IllegalArgumentException("address range ends before it starts: " + Ipv4.format(first) + "-"
                    + Ipv4.format(last));
        }
    }

    /**
     * Parses {@code first-last} (dotted quads, spaces allowed around the dash) or a single address.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static AddressRange parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] ends = text.strip().split("\\s*-\\s*", -1);
        if (ends.length == 1) {
            Inet4Address only = Ipv4.parse(ends[0]);
            return new AddressRange(only, only);
        }
        if (ends.length != 2) {
            throw new IllegalArgumentException("not an address range 'a.b.c.d-e.f.g.h': " + text);
        }
        return new AddressRange(Ipv4.parse(ends[0]), Ipv4.parse(ends[1]));
    }

    /** How many addresses the range holds. */
    public long size() {
        return toLong(last) - toLong(first) + 1;
    }

    public boolean contains(Inet4Address address) {
        long a = toLong(address);
        return a >= toLong(first) && a <= toLong(last);
    }

    /** The {@code index}th address of the range, from 0. */
    public Inet4Address get(long index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("address " + index + " of a range of " + size());
        }
        long a = toLong(first) + index;
        byte[] b = {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        return Ipv4.fromBytes(b, 0);
    }

    /** {@code first-last} in dotted quads, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return Ipv4.format(first) + "-" + Ipv4.format(last);
    }

    private static long toLong(Inet4Address address) {
        byte[] b = address.getAddress();
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }
}
