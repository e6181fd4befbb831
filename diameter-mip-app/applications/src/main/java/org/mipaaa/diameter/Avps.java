package org.mipaaa.diameter;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.mipaaa.dictionary.ResultCodes;

/**
 * Reads AVPs for the handlers' decode steps: the jDiameter side of them (they are written with
 * {@link AvpWriter}). Lookups always name the vendor (jDiameter's {@code getAvp(code)} ignores it). A
 * value that does not decode is an {@link Invalid} carrying the 5004 DIAMETER_INVALID_AVP_VALUE refusal
 * with that AVP in Failed-AVP (RFC 6733 §7.5); a missing one the 5005 DIAMETER_MISSING_AVP refusal.
 */
public final class Avps {

    private Avps() {
    }

    /** A request that cannot be served as it is; the handler answers {@link #refusal()}. */
    public static final class Invalid extends Exception {
        private final transient Outcome.Refusal refusal;

        public Invalid(Outcome.Refusal refusal) {
            super(refusal.errorMessage(), null, false, false);
            this.refusal = refusal;
        }

        public Outcome.Refusal refusal() {
            return refusal;
        }
    }

    public static Optional<Avp> find(AvpSet avps, int code) {
        return Optional.ofNullable(avps.getAvp(code, 0));
    }

    public static Avp require(AvpSet avps, int code, String name) throws Invalid {
        return require(avps, code, 0, name);
    }

    /** The AVP {@code code} of {@code vendorId}; missing: 5005 with it in Failed-AVP. */
    public static Avp require(AvpSet avps, int code, long vendorId, String name) throws Invalid {
        Avp avp = avps.getAvp(code, vendorId);
        if (avp == null) {
            throw missing(code, vendorId, name + " is missing");
        }
        return avp;
    }

    /** 5005 DIAMETER_MISSING_AVP with {@code message}, the AVP {@code code} of {@code vendorId} in Failed-AVP. */
    public static Invalid missing(int code, long vendorId, String message) {
        return new Invalid(Outcome.refusal(ResultCodes.MISSING_AVP, message, new FailedAvp(code, vendorId, true, new byte[0], null)));
    }

    public static Invalid invalid(Avp avp, String message) {
        byte[] data;
        try {
            data = avp.getOctetString();
        } catch (AvpDataException e) {
            data = new byte[0];
        }
        return new Invalid(Outcome.refusal(ResultCodes.INVALID_AVP_VALUE, message,
                new FailedAvp(avp.getCode(), avp.getVendorId(), avp.isMandatory(), data, null)));
    }

    public static String utf8(Avp avp) throws Invalid {
        try {
            return avp.getUTF8String();
        } catch (AvpDataException e) {
            throw invalid(avp, "not UTF-8: AVP " + avp.getCode());
        }
    }

    public static byte[] octets(Avp avp) throws Invalid {
        try {
            return avp.getOctetString();
        } catch (AvpDataException e) {
            throw invalid(avp, "not an OctetString: AVP " + avp.getCode());
        }
    }

    public static long unsigned32(Avp avp) throws Invalid {
        try {
            return avp.getUnsigned32();
        } catch (AvpDataException e) {
            throw invalid(avp, "not an Unsigned32: AVP " + avp.getCode());
        }
    }

    public static long unsigned64(Avp avp) throws Invalid {
        try {
            long value = avp.getUnsigned64();
            if (value < 0) {
                throw invalid(avp, "Unsigned64 beyond 2^63-1 is not supported here");
            }
            return value;
        } catch (AvpDataException e) {
            throw invalid(avp, "not an Unsigned64: " + avp.getCode());
        }
    }

    public static java.time.Instant time(Avp avp) throws Invalid {
        try {
            return avp.getTime().toInstant();
        } catch (AvpDataException e) {
            throw invalid(avp, "not a Time: " + avp.getCode());
        }
    }

    public static int integer32(Avp avp) throws Invalid {
        try {
            return avp.getInteger32();
        } catch (AvpDataException e) {
            throw invalid(avp, "not an Integer32: AVP " + avp.getCode());
        }
    }

    public static Inet4Address ipv4(Avp avp) throws Invalid {
        try {
            InetAddress a = avp.getAddress();
            if (a instanceof Inet4Address v4) {
                return v4;
            }
        } catch (AvpDataException e) {
            // below
        }
        throw invalid(avp, "not an IPv4 Address: AVP " + avp.getCode());
    }

    /**
     * The members of a Grouped AVP. Its data must be whole AVPs, each with its padding (RFC 6733 §4.4)
     * before jDiameter opens it: jDiameter 1.7.1's {@code getGrouped} loops forever on a last member
     * whose padding is missing (docs/FUZZING.md).
     */
    public static AvpSet grouped(Avp avp) throws Invalid {
        try {
            if (!isAvpSequence(avp.getRaw())) {
                throw invalid(avp, "not a Grouped AVP: " + avp.getCode() + " (a member runs past its data)");
            }
            return avp.getGrouped();
        } catch (AvpDataException e) {
            throw invalid(avp, "not a Grouped AVP: " + avp.getCode());
        }
    }

    /**
     * The data of {@code avp}: as received, or its members encoded again once jDiameter has opened it as
     * Grouped (its raw data is then empty). jDiameter's own {@code getRawData} must not meet an AVP with
     * no data: it throws a NullPointerException, catches it and prints its stack trace to standard error,
     * once per empty AVP of a request (docs/FUZZING.md).
     */
    public static byte[] data(Avp avp) {
        try {
            byte[] raw = avp.getRaw();
            if (raw != null && raw.length > 0) {
                return raw;
            }
            // no data, or members jDiameter has decoded: opening it gives them (none when it had no data)
            avp.getGrouped();
            return avp.getRawData();
        } catch (AvpDataException e) {
            return new byte[0];
        }
    }

    /**
     * Whether {@code data} (null or empty: no AVPs) is a sequence of whole AVPs: each header there, each
     * length covering its header, each AVP with its padding within {@code data} (RFC 6733 §4.1, §4.4).
     */
    static boolean isAvpSequence(byte[] data) {
        if (data == null) {
            return true;
        }
        int offset = 0;
        while (offset < data.length) {
            if (data.length - offset < 8) {
                return false;
            }
            int length = ((data[offset + 5] & 0xFF) << 16) | ((data[offset + 6] & 0xFF) << 8) | (data[offset + 7] & 0xFF);
            int padded = (length + 3) & ~3;
            if (length < ((data[offset + 4] & 0x80) != 0 ? 12 : 8) || padded > data.length - offset) {
                return false;
            }
            offset += padded;
        }
        return true;
    }
}
