package org.mipaaa.diameter;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;

/**
 * Reads and writes AVPs of vendor 0 for the handlers' decode and answer steps (registration, accounting):
 * the jDiameter side of them. Lookups always name the vendor (jDiameter's
 * {@code getAvp(code)} ignores it). A value that does not decode is a {@link Invalid} carrying the
 * 5004 DIAMETER_INVALID_AVP_VALUE failure with that AVP in Failed-AVP (RFC 6733 §7.5).
 */
public final class Avps {

    private Avps() {
    }

    /** A request that cannot be served as it is; the handler answers {@link #failure()}. */
    public static final class Invalid extends Exception {
        private final transient ValidationFailure failure;

        public Invalid(ValidationFailure failure) {
            super(failure.errorMessage(), null, false, false);
            this.failure = failure;
        }

        public ValidationFailure failure() {
            return failure;
        }
    }

    /** The Result-Code of an answer (RFC 6733 §7.1), or -1 when it has none or it does not decode. */
    public static long resultCode(org.jdiameter.api.Message answer) {
        Avp rc = answer.getAvps().getAvp(AvpCodes.RESULT_CODE, 0);
        try {
            return rc == null ? -1 : rc.getUnsigned32();
        } catch (AvpDataException e) {
            return -1;
        }
    }

    public static Optional<Avp> find(AvpSet avps, int code) {
        return Optional.ofNullable(avps.getAvp(code, 0));
    }

    public static Avp require(AvpSet avps, int code, String name) throws Invalid {
        Avp avp = avps.getAvp(code, 0);
        if (avp == null) {
            throw new Invalid(new ValidationFailure(ResultCodes.MISSING_AVP, name + " is missing",
                    new FailedAvp(code, 0, true, new byte[0], null)));
        }
        return avp;
    }

    public static Invalid invalid(Avp avp, String message) {
        byte[] data;
        try {
            data = avp.getOctetString();
        } catch (AvpDataException e) {
            data = new byte[0];
        }
        return new Invalid(new ValidationFailure(ResultCodes.INVALID_AVP_VALUE, message,
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

    public static AvpSet grouped(Avp avp) throws Invalid {
        try {
            return avp.getGrouped();
        } catch (AvpDataException e) {
            throw invalid(avp, "not a Grouped AVP: " + avp.getCode());
        }
    }

    // writing: every RFC 4004 AVP has the M bit and no V bit (RFC 4004 §7, §9 tables)

    public static void addOctets(AvpSet avps, int code, byte[] value) {
        avps.addAvp(code, value, true, false);
    }

    public static void addUnsigned32(AvpSet avps, int code, long value) {
        avps.addAvp(code, value, true, false, true);
    }

    /** Eight octets: jDiameter's long without the Unsigned32 flag (Integer64 and Unsigned64 encode alike). */
    public static void addUnsigned64(AvpSet avps, int code, long value) {
        avps.addAvp(code, value, true, false);
    }

    public static void addTime(AvpSet avps, int code, java.time.Instant value) {
        avps.addAvp(code, java.util.Date.from(value), true, false);
    }

    public static void addEnumerated(AvpSet avps, int code, int value) {
        avps.addAvp(code, value, true, false);
    }

    public static void addUtf8(AvpSet avps, int code, String value) {
        avps.addAvp(code, value, true, false, false);
    }

    public static void addAddress(AvpSet avps, int code, Inet4Address value) {
        avps.addAvp(code, value, true, false);
    }
}
