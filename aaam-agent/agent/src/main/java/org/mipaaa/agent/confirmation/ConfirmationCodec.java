package org.mipaaa.agent.confirmation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.mipaaa.dictionary.ConfirmationProtocol;
import org.mipaaa.dictionary.ConfirmationProtocol.MessageType;
import org.mipaaa.dictionary.ConfirmationProtocol.SignatureAlgorithm;
import org.mipaaa.dictionary.ConfirmationProtocol.Tlv;

/**
 * Octets of the confirmation protocol (docs/PROTOCOL.md §11). Decoding is strict about what it knows
 * (header, lengths, which TLVs a message type may carry, each at most once, the signature last) and
 * skips TLV types it does not know, so a later revision can add fields without a new version.
 *
 * <p>Stateless (static members only): thread-safe.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class ConfirmationCodec {

    private static final int SIGNATURE_TLV_LENGTH = ConfirmationProtocol.TLV_HEADER_LENGTH + 1
            + SignatureAlgorithm.ED25519_SIGNATURE_LENGTH;

    private ConfirmationCodec() {
    }

    public static byte[] encode(ConfirmationRequest request) {
        byte[] host = request.expectedHostName().getBytes(StandardCharsets.UTF_8);
        byte[] user = request.expectedUser().map(u -> u.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (host.length == 0 || host.length > Tlv.MAX_HOST_NAME_LENGTH) {
            throw new IllegalArgumentException("expected host name of " + host.length + " octets (1-" + Tlv.MAX_HOST_NAME_LENGTH + ")");
        }
        if (user != null && (user.length == 0 || user.length > Tlv.MAX_USER_LENGTH)) {
            throw new IllegalArgumentException("expected user of " + user.length + " octets (1-" + Tlv.MAX_USER_LENGTH + ")");
        }
        int unpadded = ConfirmationProtocol.HEADER_LENGTH + tlvLength(Tlv.NONCE_LENGTH) + tlvLength(host.length)
                + (user == null ? 0 : tlvLength(user.length));
        int padding = Math.max(0, ConfirmationProtocol.MIN_REQUEST_LENGTH - unpadded - ConfirmationProtocol.TLV_HEADER_LENGTH);
        int length = unpadded + (unpadded < ConfirmationProtocol.MIN_REQUEST_LENGTH ? tlvLength(padding) : 0);
        ByteBuffer out = header(MessageType.REQUEST, length);
        tlv(out, Tlv.NONCE, request.nonce());
        tlv(out, Tlv.EXPECTED_HOST_NAME, host);
        if (user != null) {
            tlv(out, Tlv.EXPECTED_USER, user);
        }
        if (unpadded < ConfirmationProtocol.MIN_REQUEST_LENGTH) {
            tlv(out, Tlv.PADDING, new byte[padding]);
        }
        return out.array();
    }

    /**
     * The answer's octets, with a SIGNATURE TLV when {@code signer} is present: version 2, over all octets
     * before it and the question it answers ({@link #questionOctets}; {@code question} null for an NG to a
     * request that could not be read: then over the answer's octets alone).
     */
    public static byte[] encode(ConfirmationAnswer answer, ConfirmationRequest question, Optional<AnswerSigner> signer) {
        int length = ConfirmationProtocol.HEADER_LENGTH + tlvLength(Tlv.NONCE_LENGTH)
                + (answer.isOk() ? tlvLength(Tlv.CONFIRMATION_ID_LENGTH) + tlvLength(Tlv.VALIDITY_LENGTH)
                                 : tlvLength(Tlv.REASON_CODE_LENGTH))
                + (signer.isPresent() ? SIGNATURE_TLV_LENGTH : 0);
        ByteBuffer out = header(answer.type(), length);
        tlv(out, Tlv.NONCE, answer.nonce());
        if (answer.isOk()) {
            tlv(out, Tlv.CONFIRMATION_ID, ByteBuffer.allocate(Tlv.CONFIRMATION_ID_LENGTH).putLong(answer.confirmationId()).array());
            tlv(out, Tlv.VALIDITY_SECONDS, ByteBuffer.allocate(Tlv.VALIDITY_LENGTH).putInt((int) answer.validitySeconds()).array());
        } else {
            tlv(out, Tlv.REASON_CODE, new byte[] {(byte) answer.reasonCode()});
        }
        if (signer.isPresent()) {
            byte[] signature = signer.get().sign(signedData(Arrays.copyOf(out.array(), out.position()), question));
            byte[] value = new byte[1 + signature.length];
            value[0] = (byte) SignatureAlgorithm.ED25519_WITH_QUESTION;
            System.arraycopy(signature, 0, value, 1, signature.length);
            tlv(out, Tlv.SIGNATURE, value);
        }
        return out.array();
    }

    /**
     * The question a request asks, as the signature of its answer covers it: the request's
     * EXPECTED_HOST_NAME TLV and, when it names a user, its EXPECTED_USER TLV, as encoded in the request.
     */
    public static byte[] questionOctets(ConfirmationRequest question) {
        byte[] host = question.expectedHostName().getBytes(StandardCharsets.UTF_8);
        byte[] user = question.expectedUser().map(u -> u.getBytes(StandardCharsets.UTF_8)).orElse(null);
        ByteBuffer out = ByteBuffer.allocate(tlvLength(host.length) + (user == null ? 0 : tlvLength(user.length)));
        tlv(out, Tlv.EXPECTED_HOST_NAME, host);
        if (user != null) {
            tlv(out, Tlv.EXPECTED_USER, user);
        }
        return out.array();
    }

    /** What a version 2 signature covers: the answer's octets before its SIGNATURE TLV, then the question's. */
    static byte[] signedData(byte[] answerOctets, ConfirmationRequest question) {
        if (question == null) {
            return answerOctets;
        }
        byte[] q = questionOctets(question);
        byte[] data = Arrays.copyOf(answerOctets, answerOctets.length + q.length);
        System.arraycopy(q, 0, data, answerOctets.length, q.length);
        return data;
    }

    /**
     * A request. Anything else throws; the exception carries the nonce when the header was a
     * request's and the nonce was readable, so the terminal can still answer NG.
     */
    public static ConfirmationRequest decodeRequest(byte[] data) throws MalformedConfirmationException {
        int type = checkHeader(data);
        if (type != MessageType.REQUEST) {
            throw new MalformedConfirmationException("not a request: " + ConfirmationProtocol.messageTypeName(type));
        }
        if (data.length < ConfirmationProtocol.MIN_REQUEST_LENGTH) {
            // dropped, not answered: an answer would be larger than what a forged source sent
            throw new MalformedConfirmationException("a request of " + data.length + " octets, below the "
                    + ConfirmationProtocol.MIN_REQUEST_LENGTH + " that prevent amplification");
        }
        byte[] nonce = findNonce(data);
        if (nonce == null) {
            throw new MalformedConfirmationException("no nonce of " + Tlv.NONCE_LENGTH + " octets");
        }
        try {
            Map<Integer, byte[]> tlvs = readTlvs(data, null);
            requireOnly(tlvs, Tlv.NONCE, Tlv.EXPECTED_HOST_NAME, Tlv.EXPECTED_USER, Tlv.PADDING);
            byte[] host = require(tlvs, Tlv.EXPECTED_HOST_NAME, "expected host name");
            if (host.length == 0 || host.length > Tlv.MAX_HOST_NAME_LENGTH) {
                throw new MalformedConfirmationException("expected host name of " + host.length + " octets");
            }
            byte[] user = tlvs.get(Tlv.EXPECTED_USER);
            if (user != null && (user.length == 0 || user.length > Tlv.MAX_USER_LENGTH)) {
                throw new MalformedConfirmationException("expected user of " + user.length + " octets");
            }
            return new ConfirmationRequest(nonce, utf8(host), user == null ? Optional.empty() : Optional.of(utf8(user)));
        } catch (MalformedConfirmationException e) {
            throw new MalformedConfirmationException(e.getMessage(), nonce);
        }
    }

    /** An OK or NG answer, with the octets its signature covers when it has one. */
    public static ConfirmationAnswer decodeAnswer(byte[] data) throws MalformedConfirmationException {
        int type = checkHeader(data);
        if (type != MessageType.OK && type != MessageType.NG) {
            throw new MalformedConfirmationException("not an answer: " + ConfirmationProtocol.messageTypeName(type));
        }
        int[] signatureStart = {-1};
        Map<Integer, byte[]> tlvs = readTlvs(data, signatureStart);
        byte[] nonce = require(tlvs, Tlv.NONCE, "nonce");
        checkLength(nonce, Tlv.NONCE_LENGTH, "nonce");
        Optional<ConfirmationAnswer.Signature> signature = Optional.empty();
        byte[] signed = new byte[0];
        byte[] sig = tlvs.get(Tlv.SIGNATURE);
        if (sig != null) {
            if (sig.length < 1) {
                throw new MalformedConfirmationException("empty signature");
            }
            signature = Optional.of(new ConfirmationAnswer.Signature(sig[0] & 0xFF, Arrays.copyOfRange(sig, 1, sig.length)));
            signed = Arrays.copyOf(data, signatureStart[0]);
        }
        if (type == MessageType.OK) {
            requireOnly(tlvs, Tlv.NONCE, Tlv.CONFIRMATION_ID, Tlv.VALIDITY_SECONDS, Tlv.SIGNATURE);
            byte[] id = require(tlvs, Tlv.CONFIRMATION_ID, "confirmation ID");
            checkLength(id, Tlv.CONFIRMATION_ID_LENGTH, "confirmation ID");
            byte[] validity = require(tlvs, Tlv.VALIDITY_SECONDS, "validity");
            checkLength(validity, Tlv.VALIDITY_LENGTH, "validity");
            return new ConfirmationAnswer(type, nonce, ByteBuffer.wrap(id).getLong(),
                    Integer.toUnsignedLong(ByteBuffer.wrap(validity).getInt()), 0, signature, signed);
        }
        requireOnly(tlvs, Tlv.NONCE, Tlv.REASON_CODE, Tlv.SIGNATURE);
        byte[] reason = require(tlvs, Tlv.REASON_CODE, "reason code");
        checkLength(reason, Tlv.REASON_CODE_LENGTH, "reason code");
        return new ConfirmationAnswer(type, nonce, 0, 0, reason[0] & 0xFF, signature, signed);
    }

    private static int checkHeader(byte[] data) throws MalformedConfirmationException {
        if (data.length < ConfirmationProtocol.HEADER_LENGTH) {
            throw new MalformedConfirmationException("shorter than a header: " + data.length + " octets");
        }
        if ((data[0] & 0xFF) != ConfirmationProtocol.VERSION) {
            throw new MalformedConfirmationException("unsupported version " + (data[0] & 0xFF));
        }
        int length = ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
        if (length != data.length) {
            throw new MalformedConfirmationException("length field " + length + " but " + data.length + " octets");
        }
        if (length > ConfirmationProtocol.MAX_MESSAGE_LENGTH) {
            throw new MalformedConfirmationException("longer than " + ConfirmationProtocol.MAX_MESSAGE_LENGTH + " octets");
        }
        return data[1] & 0xFF;
    }

    /** The first NONCE TLV of the right size, when the TLVs are readable up to it; else null. */
    private static byte[] findNonce(byte[] data) {
        int at = ConfirmationProtocol.HEADER_LENGTH;
        while (at + ConfirmationProtocol.TLV_HEADER_LENGTH <= data.length) {
            int type = data[at] & 0xFF;
            int length = ((data[at + 1] & 0xFF) << 8) | (data[at + 2] & 0xFF);
            int value = at + ConfirmationProtocol.TLV_HEADER_LENGTH;
            if (value + length > data.length) {
                return null;
            }
            if (type == Tlv.NONCE) {
                return length == Tlv.NONCE_LENGTH ? Arrays.copyOfRange(data, value, value + length) : null;
            }
            at = value + length;
        }
        return null;
    }

    /** Known TLVs by type (unknown ones skipped); {@code signatureStart[0]} gets the SIGNATURE TLV's offset. */
    private static Map<Integer, byte[]> readTlvs(byte[] data, int[] signatureStart) throws MalformedConfirmationException {
        Map<Integer, byte[]> tlvs = new HashMap<>();
        int at = ConfirmationProtocol.HEADER_LENGTH;
        while (at < data.length) {
            if (at + ConfirmationProtocol.TLV_HEADER_LENGTH > data.length) {
                throw new MalformedConfirmationException("truncated TLV header at offset " + at);
            }
            int type = data[at] & 0xFF;
            int length = ((data[at + 1] & 0xFF) << 8) | (data[at + 2] & 0xFF);
            int value = at + ConfirmationProtocol.TLV_HEADER_LENGTH;
            if (value + length > data.length) {
                throw new MalformedConfirmationException("TLV " + type + " at offset " + at + " runs past the end");
            }
            if (type >= Tlv.NONCE && type <= Tlv.PADDING) {
                if (tlvs.put(type, Arrays.copyOfRange(data, value, value + length)) != null) {
                    throw new MalformedConfirmationException("TLV " + type + " twice");
                }
                if (type == Tlv.SIGNATURE) {
                    if (value + length != data.length) {
                        throw new MalformedConfirmationException("signature is not the last TLV");
                    }
                    if (signatureStart != null) {
                        signatureStart[0] = at;
                    }
                }
            }
            at = value + length;
        }
        return tlvs;
    }

    private static void requireOnly(Map<Integer, byte[]> tlvs, int... allowed) throws MalformedConfirmationException {
        for (int type : tlvs.keySet()) {
            if (Arrays.stream(allowed).noneMatch(a -> a == type)) {
                throw new MalformedConfirmationException("TLV " + type + " does not belong in this message");
            }
        }
    }

    private static byte[] require(Map<Integer, byte[]> tlvs, int type, String what) throws MalformedConfirmationException {
        byte[] value = tlvs.get(type);
        if (value == null) {
            throw new MalformedConfirmationException("no " + what);
        }
        return value;
    }

    private static void checkLength(byte[] value, int expected, String what) throws MalformedConfirmationException {
        if (value.length != expected) {
            throw new MalformedConfirmationException(what + " of " + value.length + " octets, not " + expected);
        }
    }

    private static String utf8(byte[] octets) throws MalformedConfirmationException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedConfirmationException("not UTF-8");
        }
    }

    private static int tlvLength(int valueLength) {
        return ConfirmationProtocol.TLV_HEADER_LENGTH + valueLength;
    }

    private static ByteBuffer header(int type, int length) {
        ByteBuffer out = ByteBuffer.allocate(length);
        out.put((byte) ConfirmationProtocol.VERSION).put((byte) type).putShort((short) length);
        return out;
    }

    private static void tlv(ByteBuffer out, int type, byte[] value) {
        out.put((byte) type).putShort((short) value.length).put(value);
    }
}
