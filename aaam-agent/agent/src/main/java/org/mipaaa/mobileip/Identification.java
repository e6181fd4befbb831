package org.mipaaa.mobileip;

import java.time.Instant;

/**
 * The 64-bit Identification field of registration messages (RFC 5944 §3.3, §5.7).
 *
 * <p>With timestamp replay protection (§5.7.1, mandatory to implement) it is an NTP-format time:
 * 32 bits of seconds since 1900-01-01T00:00Z, then 32 bits of fraction, whose bits not known from
 * the clock SHOULD be random. With nonces (§5.7.2) the home agent's nonce is in the high-order 32
 * bits and the mobile node's in the low-order 32 bits. Whatever the method, the low-order 32 bits
 * are copied unchanged from the request to its reply; the foreign agent and the mobile node match
 * replies to requests by them (§5.7).
 *
 * <p>Stateless (static members only): thread-safe.
 */
public final class Identification {

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    public static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;

    private Identification() {
    }

    /**
     * The NTP-format timestamp of {@code time} (RFC 5944 §5.7.1). Fraction bits finer than the
     * instant's nanoseconds are taken from {@code randomLowBits} (mask applied here).
     */
    public static long ntpTimestamp(Instant time, int randomLowBits) {
        long seconds = time.getEpochSecond() + NTP_UNIX_OFFSET_SECONDS;
        long fraction = ((long) time.getNano() << 32) / 1_000_000_000L;
        // 2^32 / 10^9 ~ 4.29: the two lowest fraction bits are below nanosecond resolution
        fraction |= randomLowBits & 0x3;
        return (seconds << 32) | (fraction & 0xFFFF_FFFFL);
    }

    /** The instant an NTP-format Identification stands for (nanosecond precision, era 0). */
    public static Instant toInstant(long identification) {
        long seconds = (identification >>> 32) - NTP_UNIX_OFFSET_SECONDS;
        long fraction = identification & 0xFFFF_FFFFL;
        long nanos = (fraction * 1_000_000_000L) >>> 32;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** High-order 32 bits (seconds, or the home agent's nonce). */
    public static long high(long identification) {
        return identification >>> 32;
    }

    /** Low-order 32 bits (fraction, or the mobile node's nonce): copied from request to reply. */
    public static long low(long identification) {
        return identification & 0xFFFF_FFFFL;
    }

    /** {@code high} and {@code low} put together. */
    public static long of(long high, long low) {
        Bytes.checkU32(high, "high-order bits");
        Bytes.checkU32(low, "low-order bits");
        return (high << 32) | low;
    }

    /** RFC 5944 §5.7: a reply belongs to a request only if their low-order 32 bits are equal. */
    public static boolean lowOrderBitsMatch(long request, long reply) {
        return low(request) == low(reply);
    }

    /**
     * The Identification of a reply that rejects a request by a bad timestamp (RFC 5944 §5.7.1):
     * the request's low-order 32 bits and the home agent's own time in the high-order 32 bits.
     */
    public static long resynchronizing(long requestIdentification, Instant homeAgentTime) {
        return of(high(ntpTimestamp(homeAgentTime, 0)), low(requestIdentification));
    }

    /** Identification as 16 lowercase hex digits. */
    public static String hex(long identification) {
        return String.format("%016x", identification);
    }
}
