package org.mipaaa.agent.services;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.AvpCodes;

/**
 * The basic types the agent's codec does not decode itself (RFC 6733 §4.2-§4.3: Integer32, Integer64,
 * Time) and RFC 4006's money AVPs. A value of the wrong size is a {@link MalformedMessageException}.
 */
final class Values {

    /** Seconds from 1900-01-01 (the NTP epoch of Time AVPs) to 1970-01-01. */
    private static final long NTP_TO_UNIX = 2_208_988_800L;

    /** The largest Exponent of a Unit-Value taken (RFC 4006 §8.8 allows any Integer32): 10^38 and 10^-38 are far past any price. */
    static final int MAX_EXPONENT = 38;

    private Values() {
    }

    static int integer32(Avp avp) throws MalformedMessageException {
        return ByteBuffer.wrap(exactly(avp, 4)).getInt();
    }

    static long integer64(Avp avp) throws MalformedMessageException {
        return ByteBuffer.wrap(exactly(avp, 8)).getLong();
    }

    static long unsigned32(Avp avp) throws MalformedMessageException {
        return integer32(avp) & 0xFFFF_FFFFL;
    }

    /** Time (RFC 6733 §4.3.1): NTP seconds; with the top bit clear, the era after 2036 (RFC 5905 §6). */
    static Instant time(Avp avp) throws MalformedMessageException {
        long ntp = unsigned32(avp);
        if ((ntp & 0x8000_0000L) == 0) {
            ntp += 1L << 32;
        }
        return Instant.ofEpochSecond(ntp - NTP_TO_UNIX);
    }

    /** CC-Money or Cost-Information: { Unit-Value } [ Currency-Code ]. */
    static Amount money(List<Avp> members) throws MalformedMessageException {
        Avp unitValue = require(members, AvpCodes.UNIT_VALUE, "Unit-Value");
        List<Avp> digits = unitValue.asGrouped();
        long valueDigits = integer64(require(digits, AvpCodes.VALUE_DIGITS, "Value-Digits"));
        Optional<Avp> exponent = find(digits, AvpCodes.EXPONENT);
        int e = exponent.isPresent() ? integer32(exponent.get()) : 0;
        if (e < -MAX_EXPONENT || e > MAX_EXPONENT) {
            // an Integer32 exponent of a billion would make 1.23 a billion digits long wherever it is shown
            throw new MalformedMessageException("Exponent " + e + " is outside -" + MAX_EXPONENT + ".." + MAX_EXPONENT);
        }
        int scale = -e;
        Optional<Avp> currency = find(members, AvpCodes.CURRENCY_CODE);
        return new Amount(BigDecimal.valueOf(valueDigits, scale), currency.isPresent() ? (int) unsigned32(currency.get()) : 0);
    }

    static Optional<Avp> find(List<Avp> avps, int code) {
        return avps.stream().filter(a -> a.code() == code && a.vendorId() == 0).findFirst();
    }

    static Optional<Avp> find(List<Avp> avps, int code, long vendorId) {
        return avps.stream().filter(a -> a.code() == code && a.vendorId() == vendorId).findFirst();
    }

    static Avp require(List<Avp> avps, int code, String name) throws MalformedMessageException {
        return find(avps, code).orElseThrow(() -> new MalformedMessageException("no " + name));
    }

    static Avp require(List<Avp> avps, int code, long vendorId, String name) throws MalformedMessageException {
        return find(avps, code, vendorId).orElseThrow(() -> new MalformedMessageException("no " + name));
    }

    private static byte[] exactly(Avp avp, int octets) throws MalformedMessageException {
        byte[] data = avp.data();
        if (data.length != octets) {
            throw new MalformedMessageException("AVP " + avp.code() + " has " + data.length + " octets, not " + octets);
        }
        return data;
    }
}
