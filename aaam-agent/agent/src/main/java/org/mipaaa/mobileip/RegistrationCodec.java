package org.mipaaa.mobileip;

import static org.mipaaa.mobileip.MalformedRegistrationException.Problem.TRUNCATED_FIXED_PART;
import static org.mipaaa.mobileip.MalformedRegistrationException.Problem.UNKNOWN_MESSAGE_TYPE;
import static org.mipaaa.mobileip.MalformedRegistrationException.Problem.WRONG_MESSAGE_TYPE;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes Mobile IPv4 Registration Requests and Replies: the UDP payload sent to and
 * from port 434 (RFC 5944 §1.8, §3.3, §3.4), extensions included (RFC 5944 §1.9-§1.11, §3.5;
 * RFC 2794; RFC 3115; RFC 3957 §6; RFC 4721 §4-§6).
 *
 * <p>Decoding never throws an unchecked exception for bad input: every problem is a
 * {@link MalformedRegistrationException} with the reply code the receiver answers with.
 *
 * <p>Stateless (static members only): thread-safe.
 */
public final class RegistrationCodec {

    private RegistrationCodec() {
    }

    /**
     * The bytes of {@code message} followed by {@code extensions}, exactly as given: authenticators
     * are written as they are, nothing is computed or checked for order (use
     * {@link RegistrationBuilder} to build a message whose authenticators are computed).
     */
    public static byte[] encode(RegistrationMessage message, List<? extends Extension> extensions) {
        ByteWriter w = new ByteWriter(message.fixedLength()
                + extensions.stream().mapToInt(Extension::encodedLength).sum());
        writeFixedPart(message, w);
        for (Extension e : extensions) {
            ExtensionCodec.write(e, w);
        }
        return w.toByteArray();
    }

    /** Writes the fixed part of {@code message} (RFC 5944 §3.3, §3.4). */
    static void writeFixedPart(RegistrationMessage message, ByteWriter w) {
        if (message instanceof RegistrationRequest) {
            RegistrationRequest r = (RegistrationRequest) message;
            w.u8(RegistrationMessage.REQUEST_TYPE).u8(r.flags()).u16(r.lifetime())
                    .address(r.homeAddress()).address(r.homeAgent()).address(r.careOfAddress())
                    .u64(r.identification());
        } else {
            RegistrationReply r = (RegistrationReply) message;
            w.u8(RegistrationMessage.REPLY_TYPE).u8(r.code()).u16(r.lifetime())
                    .address(r.homeAddress()).address(r.homeAgent()).u64(r.identification());
        }
    }

    /**
     * Decodes a Registration Request or Reply from the UDP payload {@code udpPayload} (copied).
     * Unknown skippable extensions (types 128-255) are kept as {@link UnknownExtension}; an unknown
     * non-skippable one (0-127) rejects the message (RFC 5944 §1.8). The extension ordering rules
     * the RFCs make mandatory are checked too.
     */
    public static RegistrationPacket decode(byte[] udpPayload) throws MalformedRegistrationException {
        byte[] b = udpPayload.clone();
        if (b.length == 0) {
            throw new MalformedRegistrationException(TRUNCATED_FIXED_PART, -1, 0, "empty payload");
        }
        int type = Bytes.u8(b, 0);
        RegistrationMessage message;
        if (type == RegistrationMessage.REQUEST_TYPE) {
            requireFixed(b, type, RegistrationMessage.REQUEST_FIXED_LENGTH);
            message = new RegistrationRequest(Bytes.u8(b, 1), Bytes.u16(b, 2), Ipv4.fromBytes(b, 4),
                    Ipv4.fromBytes(b, 8), Ipv4.fromBytes(b, 12), Bytes.u64(b, 16));
        } else if (type == RegistrationMessage.REPLY_TYPE) {
            requireFixed(b, type, RegistrationMessage.REPLY_FIXED_LENGTH);
            message = new RegistrationReply(Bytes.u8(b, 1), Bytes.u16(b, 2), Ipv4.fromBytes(b, 4),
                    Ipv4.fromBytes(b, 8), Bytes.u64(b, 12));
        } else {
            throw new MalformedRegistrationException(UNKNOWN_MESSAGE_TYPE, type, 0,
                    "message type " + type + " is neither a Registration Request (1) nor a Reply (3)");
        }
        List<ExtensionField> fields = new ArrayList<>();
        int pos = message.fixedLength();
        while (pos < b.length) {
            ExtensionCodec.Read read = ExtensionCodec.read(b, pos, type);
            fields.add(new ExtensionField(read.extension(), pos, read.length()));
            pos += read.length();
        }
        PlacementRules.check(message, fields);
        return new RegistrationPacket(b, message, fields);
    }

    /** {@link #decode(byte[])}, and a Registration Reply is a {@code WRONG_MESSAGE_TYPE}. */
    public static RegistrationPacket decodeRequest(byte[] udpPayload) throws MalformedRegistrationException {
        return decodeExpecting(udpPayload, RegistrationMessage.REQUEST_TYPE);
    }

    /** {@link #decode(byte[])}, and a Registration Request is a {@code WRONG_MESSAGE_TYPE}. */
    public static RegistrationPacket decodeReply(byte[] udpPayload) throws MalformedRegistrationException {
        return decodeExpecting(udpPayload, RegistrationMessage.REPLY_TYPE);
    }

    private static RegistrationPacket decodeExpecting(byte[] udpPayload, int expected)
            throws MalformedRegistrationException {
        int other = expected == RegistrationMessage.REQUEST_TYPE
                ? RegistrationMessage.REPLY_TYPE : RegistrationMessage.REQUEST_TYPE;
        if (udpPayload.length > 0 && (udpPayload[0] & 0xff) == other) {
            throw new MalformedRegistrationException(WRONG_MESSAGE_TYPE, other, 0,
                    "expected message type " + expected + ", got " + other);
        }
        return decode(udpPayload);
    }

    private static void requireFixed(byte[] b, int type, int fixedLength) throws MalformedRegistrationException {
        if (b.length < fixedLength) {
            throw new MalformedRegistrationException(TRUNCATED_FIXED_PART, type, b.length,
                    "the fixed part of message type " + type + " is " + fixedLength + " bytes, got " + b.length);
        }
    }
}
