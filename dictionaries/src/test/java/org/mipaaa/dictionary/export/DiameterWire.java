package org.mipaaa.dictionary.export;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.AvpRule;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.FlagRule;

/**
 * RFC 6733 message bytes for the interop tests of the exports (the dictionaries module has no codec of
 * its own, and must not depend on the agent's): encoding from the model with a plausible value of each
 * AVP's type, and decoding of what the other stack sends back.
 */
final class DiameterWire {

    static final int FLAG_REQUEST = 0x80;
    static final int FLAG_PROXIABLE = 0x40;
    static final int FLAG_ERROR = 0x20;
    private static final int MAX_MESSAGE = 1 << 20;
    private static final int FAILED_AVP = 279;

    /** One AVP: header fields and data; a grouped AVP's data is its members' bytes. */
    record Avp(int code, long vendorId, boolean mandatory, byte[] data) {

        byte[] encode() {
            int headerLength = vendorId != 0 ? 12 : 8;
            int length = headerLength + data.length;
            ByteBuffer b = ByteBuffer.allocate((length + 3) & ~3);
            b.putInt(code);
            int flags = (vendorId != 0 ? 0x80 : 0) | (mandatory ? 0x40 : 0);
            b.putInt(flags << 24 | length);
            if (vendorId != 0) {
                b.putInt((int) vendorId);
            }
            b.put(data);
            return b.array();
        }

        long unsigned32() {
            return ByteBuffer.wrap(data).getInt() & 0xffffffffL;
        }

        String utf8() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** A message: header fields and its top-level AVPs. */
    record Message(int flags, int code, long applicationId, int hopByHop, int endToEnd, List<Avp> avps) {

        boolean request() {
            return (flags & FLAG_REQUEST) != 0;
        }

        Avp avp(int code) {
            return avps.stream().filter(a -> a.code() == code).findFirst()
                    .orElseThrow(() -> new AssertionError("no AVP " + code + " in " + this));
        }

        byte[] encode() {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            avps.forEach(a -> body.writeBytes(a.encode()));
            int length = 20 + body.size();
            ByteBuffer b = ByteBuffer.allocate(length);
            b.putInt(1 << 24 | length);
            b.putInt(flags << 24 | code);
            b.putInt((int) applicationId);
            b.putInt(hopByHop);
            b.putInt(endToEnd);
            b.put(body.toByteArray());
            return b.array();
        }
    }

    private DiameterWire() {
    }

    static Avp utf8(int code, String value) {
        return new Avp(code, 0, true, value.getBytes(StandardCharsets.UTF_8));
    }

    static Avp unsigned32(int code, long value) {
        return new Avp(code, 0, true, ByteBuffer.allocate(4).putInt((int) value).array());
    }

    static Avp address(int code, byte[] ipv4) {
        return new Avp(code, 0, true, ByteBuffer.allocate(6).putShort((short) 1).put(ipv4).array());
    }

    /** Reads one message (at most 1 MiB) from a stream. */
    static Message read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int first = d.readInt();
        int length = first & 0xffffff;
        if ((first >>> 24) != 1 || length < 20 || length > MAX_MESSAGE) {
            throw new IOException("not a DIAMETER message: version " + (first >>> 24) + ", length " + length);
        }
        byte[] rest = new byte[length - 4];
        d.readFully(rest);
        ByteBuffer b = ByteBuffer.wrap(rest);
        int flagsAndCode = b.getInt();
        long app = b.getInt() & 0xffffffffL;
        int hbh = b.getInt();
        int e2e = b.getInt();
        byte[] avps = new byte[b.remaining()];
        b.get(avps);
        return new Message(flagsAndCode >>> 24, flagsAndCode & 0xffffff, app, hbh, e2e, avps(avps));
    }

    /** The AVPs in {@code data} (a message body or a grouped AVP's data). */
    static List<Avp> avps(byte[] data) throws IOException {
        List<Avp> list = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.remaining() >= 8) {
            int code = b.getInt();
            int flagsAndLength = b.getInt();
            int flags = flagsAndLength >>> 24;
            int length = flagsAndLength & 0xffffff;
            long vendor = 0;
            int header = 8;
            if ((flags & 0x80) != 0) {
                vendor = b.getInt() & 0xffffffffL;
                header = 12;
            }
            if (length < header || length - header > b.remaining()) {
                throw new IOException("bad AVP length " + length + " for AVP " + code);
            }
            byte[] value = new byte[length - header];
            b.get(value);
            b.position(Math.min(b.limit(), b.position() + ((4 - length % 4) % 4)));
            list.add(new Avp(code, vendor, (flags & 0x40) != 0, value));
        }
        return list;
    }

    /**
     * The AVPs of a message of {@code c}, in its CCF's order: each AVP it lists, once, with the value
     * {@code given} has for its code (Session-Id, Origin-Host, Result-Code...) or else a value of its type
     * (grouped ones with every member). Failed-AVP is left out (it would have to carry another AVP).
     * {@code sent} collects the code/vendor of every AVP written, members included.
     */
    static List<Avp> allAvpsOf(Dictionary d, CommandDefinition c, Map<Integer, Avp> given, Set<String> sent) {
        List<Avp> avps = new ArrayList<>();
        for (AvpRule r : c.rules()) {
            if (r.max() == 0 || r.vendorId() == 0 && r.code() == FAILED_AVP) {
                continue;
            }
            Avp a = r.vendorId() == 0 ? given.get(r.code()) : null;
            if (a != null) {
                sent.add(a.code() + "/" + a.vendorId());
                avps.add(a);
            } else {
                avps.add(sample(d, d.avp(r.code(), r.vendorId()).orElseThrow(), sent));
            }
        }
        return avps;
    }

    /** A value of {@code a}'s type; a grouped AVP gets one of each member. */
    static Avp sample(Dictionary d, AvpDefinition a, Set<String> sent) {
        sent.add(a.code() + "/" + a.vendorId());
        boolean m = a.mandatory() == FlagRule.MUST;
        byte[] data = switch (a.type()) {
            case GROUPED -> {
                ByteArrayOutputStream members = new ByteArrayOutputStream();
                for (AvpRule r : a.groupedRules()) {
                    members.writeBytes(sample(d, d.avp(r.code(), r.vendorId()).orElseThrow(), sent).encode());
                }
                yield members.toByteArray();
            }
            case UNSIGNED32, INTEGER32 -> ByteBuffer.allocate(4).putInt(a.enumValues().isEmpty() ? 7
                    : a.enumValues().keySet().iterator().next().intValue()).array();
            case ENUMERATED -> ByteBuffer.allocate(4).putInt(a.enumValues().keySet().iterator().next().intValue()).array();
            case UNSIGNED64, INTEGER64 -> ByteBuffer.allocate(8).putLong(42).array();
            case FLOAT32 -> ByteBuffer.allocate(4).putFloat(1.5f).array();
            case FLOAT64 -> ByteBuffer.allocate(8).putDouble(1.5).array();
            case ADDRESS -> ByteBuffer.allocate(6).putShort((short) 1).put(new byte[] {(byte) 192, 0, 2, 7}).array();
            case TIME -> ByteBuffer.allocate(4).putInt((int) 3_976_000_000L).array();
            case DIAMETER_IDENTITY -> "node.test.example".getBytes(StandardCharsets.UTF_8);
            case DIAMETER_URI -> "aaa://node.test.example:3868".getBytes(StandardCharsets.UTF_8);
            case IP_FILTER_RULE -> "permit in ip from any to any".getBytes(StandardCharsets.UTF_8);
            case UTF8_STRING -> ("value-of-" + a.name()).getBytes(StandardCharsets.UTF_8);
            case OCTET_STRING, QOS_FILTER_RULE -> new byte[] {1, 2, 3, 4, 5};
        };
        return new Avp(a.code(), a.vendorId(), m, data);
    }
}
