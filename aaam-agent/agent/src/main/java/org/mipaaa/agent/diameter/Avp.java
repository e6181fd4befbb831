package org.mipaaa.agent.diameter;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One AVP (RFC 6733 §4.1): code, flags, Vendor-Id (0 without the V bit) and the value as octets. The
 * factories encode the basic types of §4.2-§4.3; the accessors decode them.
 *
 * <p>Immutable, so thread-safe.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class Avp {

    private final int code;
    private final boolean mandatory;
    private final long vendorId;
    private final byte[] data;

    public Avp(int code, boolean mandatory, long vendorId, byte[] data) {
        data = data.clone();
        this.code = code;
        this.mandatory = mandatory;
        this.vendorId = vendorId;
        this.data = data;
    }


    static final int FLAG_VENDOR = 0x80;
    static final int FLAG_MANDATORY = 0x40;

    public byte[] data() {
        return data.clone();
    }

    public static Avp utf8(int code, String value) {
        return new Avp(code, true, 0, value.getBytes(StandardCharsets.UTF_8));
    }

    public static Avp utf8(int code, long vendorId, String value) {
        return new Avp(code, true, vendorId, value.getBytes(StandardCharsets.UTF_8));
    }

    public static Avp unsigned32(int code, long value) {
        return new Avp(code, true, 0, ByteBuffer.allocate(4).putInt((int) value).array());
    }

    public static Avp unsigned32(int code, long vendorId, long value) {
        return new Avp(code, true, vendorId, ByteBuffer.allocate(4).putInt((int) value).array());
    }

    public static Avp unsigned64(int code, long vendorId, long value) {
        return new Avp(code, true, vendorId, ByteBuffer.allocate(8).putLong(value).array());
    }

    public static Avp octets(int code, long vendorId, byte[] value) {
        return new Avp(code, true, vendorId, value);
    }

    /** Address (RFC 6733 §4.3.1): AddressType 1 (IPv4) or 2 (IPv6), then the address. */
    public static Avp address(int code, InetAddress address) {
        byte[] raw = address.getAddress();
        ByteBuffer b = ByteBuffer.allocate(2 + raw.length).putShort((short) (raw.length == 4 ? 1 : 2)).put(raw);
        return new Avp(code, true, 0, b.array());
    }

    public static Avp grouped(int code, long vendorId, List<Avp> members) {
        return new Avp(code, true, vendorId, DiameterCodec.encodeAvps(members));
    }

    /** The same AVP without the M bit (Error-Message, Product-Name...). */
    public Avp optional() {
        return new Avp(code, false, vendorId, data);
    }

    public String asUtf8() {
        return new String(data, StandardCharsets.UTF_8);
    }

    public long asUnsigned32() {
        if (data.length != 4) {
            throw new IllegalStateException("AVP " + code + " is " + data.length + " octets, not an Unsigned32");
        }
        return ByteBuffer.wrap(data).getInt() & 0xFFFFFFFFL;
    }

    public long asUnsigned64() {
        if (data.length != 8) {
            throw new IllegalStateException("AVP " + code + " is " + data.length + " octets, not an Unsigned64");
        }
        return ByteBuffer.wrap(data).getLong();
    }

    /** The members of a Grouped AVP. */
    public List<Avp> asGrouped() throws MalformedMessageException {
        return new ArrayList<>(DiameterCodec.decodeAvps(data, 0, data.length));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Avp)) {
            return false;
        }
        Avp a = (Avp) o;
        return a.code == code && a.mandatory == mandatory && a.vendorId == vendorId && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * code + Long.hashCode(vendorId)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Avp[" + code + (vendorId != 0 ? "/" + vendorId : "") + (mandatory ? ",M" : "") + ", " + data.length + " octets]";
    }

    public int code() {
        return code;
    }

    public boolean mandatory() {
        return mandatory;
    }

    public long vendorId() {
        return vendorId;
    }
}
