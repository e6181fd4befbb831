package org.mipaaa.registration;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.mipaaa.diameter.FailedAvp;
import org.mipaaa.diameter.ValidationFailure;
import org.mipaaa.dictionary.ResultCodes;

/**
 * Reads and writes the RFC 4004 AVPs (all of vendor 0) the registration handlers use: the jDiameter
 * side of the handlers' decode and answer steps. Lookups always name the vendor (jDiameter's
 * {@code getAvp(code)} ignores it). A value that does not decode is a {@link Invalid} carrying the
 * 5004 DIAMETER_INVALID_AVP_VALUE failure with that AVP in Failed-AVP (RFC 6733 §7.5).
 */
final class MipAvps {

    private MipAvps() {
    }

    /** A request that cannot be served as it is; the handler answers {@link #failure()}. */
    static final class Invalid extends Exception {
        private final transient ValidationFailure failure;

        Invalid(ValidationFailure failure) {
            super(failure.errorMessage(), null, false, false);
            this.failure = failure;
        }

        ValidationFailure failure() {
            return failure;
        }
    }

    static Optional<Avp> find(AvpSet avps, int code) {
        return Optional.ofNullable(avps.getAvp(code, 0));
    }

    static Avp require(AvpSet avps, int code, String name) throws Invalid {
        Avp avp = avps.getAvp(code, 0);
        if (avp == null) {
            throw new Invalid(new ValidationFailure(ResultCodes.MISSING_AVP, name + " is missing",
                    new FailedAvp(code, 0, true, new byte[0], null)));
        }
        return avp;
    }

    static Invalid invalid(Avp avp, String message) {
        byte[] data;
        try {
            data = avp.getOctetString();
        } catch (AvpDataException e) {
            data = new byte[0];
        }
        return new Invalid(new ValidationFailure(ResultCodes.INVALID_AVP_VALUE, message,
                new FailedAvp(avp.getCode(), avp.getVendorId(), avp.isMandatory(), data, null)));
    }

    static String utf8(Avp avp) throws Invalid {
        try {
            return avp.getUTF8String();
        } catch (AvpDataException e) {
            throw invalid(avp, "not UTF-8: AVP " + avp.getCode());
        }
    }

    static byte[] octets(Avp avp) throws Invalid {
        try {
            return avp.getOctetString();
        } catch (AvpDataException e) {
            throw invalid(avp, "not an OctetString: AVP " + avp.getCode());
        }
    }

    static long unsigned32(Avp avp) throws Invalid {
        try {
            return avp.getUnsigned32();
        } catch (AvpDataException e) {
            throw invalid(avp, "not an Unsigned32: AVP " + avp.getCode());
        }
    }

    static int integer32(Avp avp) throws Invalid {
        try {
            return avp.getInteger32();
        } catch (AvpDataException e) {
            throw invalid(avp, "not an Integer32: AVP " + avp.getCode());
        }
    }

    static Inet4Address ipv4(Avp avp) throws Invalid {
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

    static AvpSet grouped(Avp avp) throws Invalid {
        try {
            return avp.getGrouped();
        } catch (AvpDataException e) {
            throw invalid(avp, "not a Grouped AVP: " + avp.getCode());
        }
    }

    // writing: every RFC 4004 AVP has the M bit and no V bit (RFC 4004 §7, §9 tables)

    static void addOctets(AvpSet avps, int code, byte[] value) {
        avps.addAvp(code, value, true, false);
    }

    static void addUnsigned32(AvpSet avps, int code, long value) {
        avps.addAvp(code, value, true, false, true);
    }

    static void addEnumerated(AvpSet avps, int code, int value) {
        avps.addAvp(code, value, true, false);
    }

    static void addUtf8(AvpSet avps, int code, String value) {
        avps.addAvp(code, value, true, false, false);
    }

    static void addAddress(AvpSet avps, int code, Inet4Address value) {
        avps.addAvp(code, value, true, false);
    }
}
