package org.mipaaa.agent.diameter;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes DIAMETER messages (RFC 6733 §3-§4): the compact codec the mobile node needs,
 * with no dictionary (the agent knows the few AVPs it uses by their constants in
 * {@code org.mipaaa.dictionary}). Decoding refuses a version other than 1, a length that disagrees
 * with the bytes, AVPs whose lengths do not fit, and a V bit with Vendor-Id 0 (RFC 6733 §4.1).
 *
 * <p>Stateless (static members only): thread-safe.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class DiameterCodec {

    public static final int HEADER_LENGTH = 20;

    private DiameterCodec() {
    }

    public static byte[] encode(DiameterMessage m) {
        byte[] body = encodeAvps(m.avps());
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + body.length);
        b.putInt((1 << 24) | (HEADER_LENGTH + body.length));
        b.putInt((m.flags() << 24) | (m.commandCode() & 0xFFFFFF));
        b.putInt((int) m.applicationId());
        b.putInt((int) m.hopByHop());
        b.putInt((int) m.endToEnd());
        b.put(body);
        return b.array();
    }

    public static DiameterMessage decode(byte[] bytes) throws MalformedMessageException {
        if (bytes.length < HEADER_LENGTH) {
            throw new MalformedMessageException("shorter than a header: " + bytes.length + " octets");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int first = b.getInt();
        if ((first >>> 24) != 1) {
            throw new MalformedMessageException("version " + (first >>> 24));
        }
        int length = first & 0xFFFFFF;
        if (length != bytes.length) {
            throw new MalformedMessageException("header says " + length + " octets, " + bytes.length + " given");
        }
        int second = b.getInt();
        long app = b.getInt() & 0xFFFFFFFFL;
        long hopByHop = b.getInt() & 0xFFFFFFFFL;
        long endToEnd = b.getInt() & 0xFFFFFFFFL;
        return new DiameterMessage(second >>> 24, second & 0xFFFFFF, app, hopByHop, endToEnd,
                decodeAvps(bytes, HEADER_LENGTH, bytes.length));
    }

    /** The AVPs as on the wire: headers, data, zero padding, in order. */
    public static byte[] encodeAvps(List<Avp> avps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Avp a : avps) {
            boolean vendor = a.vendorId() != 0;
            int header = vendor ? 12 : 8;
            byte[] data = a.data();
            int length = header + data.length;
            ByteBuffer b = ByteBuffer.allocate((length + 3) & ~3);
            b.putInt(a.code());
            int flags = (vendor ? Avp.FLAG_VENDOR : 0) | (a.mandatory() ? Avp.FLAG_MANDATORY : 0);
            b.putInt((flags << 24) | length);
            if (vendor) {
                b.putInt((int) a.vendorId());
            }
            b.put(data);
            append(out, b.array());
        }
        return out.toByteArray();
    }

    static List<Avp> decodeAvps(byte[] bytes, int from, int to) throws MalformedMessageException {
        List<Avp> avps = new ArrayList<>();
        int offset = from;
        while (offset < to) {
            if (to - offset < 8) {
                throw new MalformedMessageException("truncated AVP header at offset " + offset);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, offset, to - offset);
            int code = b.getInt();
            int flagsAndLength = b.getInt();
            int flags = flagsAndLength >>> 24;
            int length = flagsAndLength & 0xFFFFFF;
            boolean vendor = (flags & Avp.FLAG_VENDOR) != 0;
            int header = vendor ? 12 : 8;
            if (length < header || offset + length > to) {
                throw new MalformedMessageException("AVP " + code + " at offset " + offset + " has a bad length " + length);
            }
            long vendorId = vendor ? b.getInt() & 0xFFFFFFFFL : 0;
            if (vendor && vendorId == 0) {
                // RFC 6733 §4.1: MUST NOT be 0; taking it as "no vendor" would read it as an IETF AVP
                // another parser may not (an AVP seen by one side and not by the other)
                throw new MalformedMessageException("AVP " + code + " at offset " + offset + " has the V bit and Vendor-Id 0");
            }
            byte[] data = new byte[length - header];
            System.arraycopy(bytes, offset + header, data, 0, data.length);
            avps.add(new Avp(code, (flags & Avp.FLAG_MANDATORY) != 0, vendorId, data));
            offset += (length + 3) & ~3;
        }
        return avps;
    }

    /** {@code bytes} onto {@code out} (ByteArrayOutputStream.writeBytes is Java 11, not Android 8). */
    private static void append(java.io.ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }
}
