package org.mipaaa.agent.confirmation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ConfirmationProtocol;
import org.mipaaa.dictionary.ConfirmationProtocol.MessageType;
import org.mipaaa.dictionary.ConfirmationProtocol.ReasonCode;
import org.mipaaa.dictionary.ConfirmationProtocol.SignatureAlgorithm;
import org.mipaaa.dictionary.ConfirmationProtocol.Tlv;

class ConfirmationCodecTest {

    static final byte[] NONCE = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    /** The question the signed answers of these tests answer. */
    static final ConfirmationRequest QUESTION = new ConfirmationRequest(NONCE, "a.example", Optional.of("x@home.example"));

    @Test
    void requestWithHostAndUserHasTheDocumentedOctets() throws Exception {
        byte[] octets = ConfirmationCodec.encode(new ConfirmationRequest(NONCE, "a.example", Optional.of("x@home.example")));
        // header: version 1, type 1, length; then NONCE, EXPECTED_HOST_NAME, EXPECTED_USER, PADDING to 128 (docs/PROTOCOL.md §11)
        String expected = "01010080" + "010010" + "000102030405060708090a0b0c0d0e0f"
                + "020009" + hex("a.example") + "03000e" + hex("x@home.example") + "080049" + "00".repeat(73);
        assertThat(HexFormat.of().formatHex(octets)).isEqualTo(expected);
        assertThat(ConfirmationCodec.decodeRequest(octets))
                .isEqualTo(new ConfirmationRequest(NONCE, "a.example", Optional.of("x@home.example")));
    }

    @Test
    void requestsArePaddedSoNoAnswerIsLargerThanItsRequest() throws Exception {
        byte[] request = ConfirmationCodec.encode(new ConfirmationRequest(NONCE, "a", Optional.empty()));
        byte[] signedOk = ConfirmationCodec.encode(ConfirmationAnswer.ok(NONCE, 1, 30), QUESTION,
                Optional.of(new AnswerSigner(AnswerSigner.generateKeyPair().getPrivate())));
        assertThat(request).hasSize(ConfirmationProtocol.MIN_REQUEST_LENGTH);
        assertThat(signedOk.length).isLessThan(request.length);
        byte[] longHost = ConfirmationCodec.encode(new ConfirmationRequest(NONCE, "h".repeat(200), Optional.empty()));
        assertThat(longHost).as("no padding needed").hasSize(4 + 19 + 203);
        // an unpadded request, well-formed otherwise, is dropped: not even its nonce is offered for an NG
        byte[] unpadded = withLength(concat(header(MessageType.REQUEST), tlv(Tlv.NONCE, NONCE), tlv(Tlv.EXPECTED_HOST_NAME, "a".getBytes())));
        assertThatThrownBy(() -> ConfirmationCodec.decodeRequest(unpadded))
                .isInstanceOf(MalformedConfirmationException.class).hasMessageContaining("amplification")
                .satisfies(e -> assertThat(((MalformedConfirmationException) e).requestNonce()).isEmpty());
    }

    @Test
    void requestWithoutUserRoundTrips() throws Exception {
        ConfirmationRequest request = new ConfirmationRequest(NONCE, "Ä.example", Optional.empty());
        assertThat(ConfirmationCodec.decodeRequest(ConfirmationCodec.encode(request))).isEqualTo(request);
    }

    @Test
    void okAndNgRoundTripUnsigned() throws Exception {
        ConfirmationAnswer ok = ConfirmationAnswer.ok(NONCE, 0x8000_0000_0000_0001L, 0xFFFF_FFFFL);
        ConfirmationAnswer decodedOk = ConfirmationCodec.decodeAnswer(ConfirmationCodec.encode(ok, null, Optional.empty()));
        assertThat(decodedOk).isEqualTo(ok);
        assertThat(decodedOk.confirmationId()).isEqualTo(0x8000_0000_0000_0001L);
        assertThat(decodedOk.validitySeconds()).isEqualTo(0xFFFF_FFFFL);
        assertThat(decodedOk.signature()).isEmpty();
        ConfirmationAnswer ng = ConfirmationAnswer.ng(NONCE, ReasonCode.USER_MISMATCH);
        ConfirmationAnswer decodedNg = ConfirmationCodec.decodeAnswer(ConfirmationCodec.encode(ng, null, Optional.empty()));
        assertThat(decodedNg).isEqualTo(ng);
        assertThat(decodedNg.isOk()).isFalse();
        assertThat(decodedNg.reasonCode()).isEqualTo(ReasonCode.USER_MISMATCH);
    }

    @Test
    void signedAnswerCarriesTheSignatureLastOverEverythingBeforeIt() throws Exception {
        KeyPair keys = AnswerSigner.generateKeyPair();
        byte[] octets = ConfirmationCodec.encode(ConfirmationAnswer.ok(NONCE, 42, 30), QUESTION, Optional.of(new AnswerSigner(keys.getPrivate())));
        ConfirmationAnswer decoded = ConfirmationCodec.decodeAnswer(octets);
        assertThat(decoded.signature()).isPresent();
        assertThat(decoded.signature().get().algorithm()).isEqualTo(SignatureAlgorithm.ED25519_WITH_QUESTION);
        assertThat(decoded.signature().get().value()).hasSize(SignatureAlgorithm.ED25519_SIGNATURE_LENGTH);
        int signatureTlv = octets.length - ConfirmationProtocol.TLV_HEADER_LENGTH - 1 - SignatureAlgorithm.ED25519_SIGNATURE_LENGTH;
        assertThat(octets[signatureTlv]).isEqualTo((byte) Tlv.SIGNATURE);
        assertThat(decoded.signedOctets()).isEqualTo(Arrays.copyOf(octets, signatureTlv));
        // the length field in the header counts the signature too, and it is covered by the signature
        assertThat(((octets[2] & 0xFF) << 8) | (octets[3] & 0xFF)).isEqualTo(octets.length);
        assertThat(new AnswerVerifier(keys.getPublic()).problem(decoded, QUESTION)).isEmpty();
    }

    @Test
    void unknownTlvTypesAreSkipped() throws Exception {
        byte[] plain = ConfirmationCodec.encode(new ConfirmationRequest(NONCE, "a.example", Optional.empty()));
        byte[] extended = withLength(concat(plain, new byte[] {(byte) 200, 0, 2, 7, 7}));
        assertThat(extended.length).isGreaterThan(plain.length);
        assertThat(ConfirmationCodec.decodeRequest(extended).expectedHostName()).isEqualTo("a.example");
    }

    @Test
    void garbageIsMalformedWithoutANonce() {
        for (byte[] garbage : new byte[][] {new byte[0], {1, 1, 0}, {2, 1, 0, 4}, {1, 1, 0, 9}, {1, 1, 0, 4, 1}}) {
            assertThatThrownBy(() -> ConfirmationCodec.decodeRequest(garbage))
                    .isInstanceOf(MalformedConfirmationException.class)
                    .satisfies(e -> assertThat(((MalformedConfirmationException) e).requestNonce()).isEmpty());
        }
    }

    @Test
    void anAnswerIsNotARequestAndARequestIsNotAnAnswer() throws Exception {
        byte[] ok = ConfirmationCodec.encode(ConfirmationAnswer.ok(NONCE, 1, 1), null, Optional.empty());
        assertThatThrownBy(() -> ConfirmationCodec.decodeRequest(ok)).isInstanceOf(MalformedConfirmationException.class)
                .satisfies(e -> assertThat(((MalformedConfirmationException) e).requestNonce()).isEmpty());
        byte[] request = ConfirmationCodec.encode(new ConfirmationRequest(NONCE, "a", Optional.empty()));
        assertThatThrownBy(() -> ConfirmationCodec.decodeAnswer(request)).isInstanceOf(MalformedConfirmationException.class);
    }

    @Test
    void aRequestBrokenAfterItsNonceKeepsTheNonceForAnNg() {
        byte[] noHost = request(tlv(Tlv.NONCE, NONCE));
        byte[] badUtf8 = request(tlv(Tlv.NONCE, NONCE), tlv(Tlv.EXPECTED_HOST_NAME, new byte[] {(byte) 0xC3}));
        byte[] emptyUser = request(tlv(Tlv.NONCE, NONCE), tlv(Tlv.EXPECTED_HOST_NAME, "a".getBytes()),
                tlv(Tlv.EXPECTED_USER, new byte[0]));
        byte[] twice = request(tlv(Tlv.NONCE, NONCE), tlv(Tlv.EXPECTED_HOST_NAME, "a".getBytes()),
                tlv(Tlv.EXPECTED_HOST_NAME, "b".getBytes()));
        byte[] answerTlv = request(tlv(Tlv.NONCE, NONCE), tlv(Tlv.EXPECTED_HOST_NAME, "a".getBytes()),
                tlv(Tlv.CONFIRMATION_ID, new byte[8]));
        byte[] truncatedTail = request(tlv(Tlv.NONCE, NONCE), new byte[] {2, 0, 9, 'a'});
        for (byte[] request : new byte[][] {noHost, badUtf8, emptyUser, twice, answerTlv, truncatedTail}) {
            assertThatThrownBy(() -> ConfirmationCodec.decodeRequest(request))
                    .isInstanceOf(MalformedConfirmationException.class)
                    .satisfies(e -> assertThat(((MalformedConfirmationException) e).requestNonce()).contains(NONCE));
        }
    }

    @Test
    void aNonceOfTheWrongSizeIsNoNonce() {
        byte[] shortNonce = request(tlv(Tlv.NONCE, new byte[8]), tlv(Tlv.EXPECTED_HOST_NAME, "a".getBytes()));
        assertThatThrownBy(() -> ConfirmationCodec.decodeRequest(shortNonce))
                .satisfies(e -> assertThat(((MalformedConfirmationException) e).requestNonce()).isEmpty());
    }

    @Test
    void malformedAnswersAreRefused() {
        byte[] okWithoutId = withLength(concat(header(MessageType.OK), tlv(Tlv.NONCE, NONCE), tlv(Tlv.VALIDITY_SECONDS, new byte[4])));
        byte[] okWithReason = withLength(concat(header(MessageType.OK), tlv(Tlv.NONCE, NONCE), tlv(Tlv.CONFIRMATION_ID, new byte[8]),
                tlv(Tlv.VALIDITY_SECONDS, new byte[4]), tlv(Tlv.REASON_CODE, new byte[1])));
        byte[] shortId = withLength(concat(header(MessageType.OK), tlv(Tlv.NONCE, NONCE), tlv(Tlv.CONFIRMATION_ID, new byte[7]),
                tlv(Tlv.VALIDITY_SECONDS, new byte[4])));
        byte[] signatureNotLast = withLength(concat(header(MessageType.NG), tlv(Tlv.NONCE, NONCE), tlv(Tlv.SIGNATURE, new byte[65]),
                tlv(Tlv.REASON_CODE, new byte[] {1})));
        byte[] ngWithoutReason = withLength(concat(header(MessageType.NG), tlv(Tlv.NONCE, NONCE)));
        byte[] unknownType = withLength(concat(header(9), tlv(Tlv.NONCE, NONCE)));
        for (byte[] answer : new byte[][] {okWithoutId, okWithReason, shortId, signatureNotLast, ngWithoutReason, unknownType}) {
            assertThatThrownBy(() -> ConfirmationCodec.decodeAnswer(answer)).isInstanceOf(MalformedConfirmationException.class);
        }
    }

    @Test
    void tooLongDatagramsAreRefused() {
        byte[] big = request(tlv(Tlv.NONCE, NONCE), tlv(200, new byte[ConfirmationProtocol.MAX_MESSAGE_LENGTH]));
        assertThatThrownBy(() -> ConfirmationCodec.decodeRequest(big)).isInstanceOf(MalformedConfirmationException.class)
                .hasMessageContaining("longer than");
    }

    static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static byte[] header(int type) {
        return new byte[] {(byte) ConfirmationProtocol.VERSION, (byte) type, 0, 0};
    }

    static byte[] tlv(int type, byte[] value) {
        return ByteBuffer.allocate(3 + value.length).put((byte) type).putShort((short) value.length).put(value).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    /** A request of {@code parts} after a PADDING TLV that brings it to the minimum request length. */
    static byte[] request(byte[]... parts) {
        byte[] body = concat(parts);
        int padding = Math.max(0, ConfirmationProtocol.MIN_REQUEST_LENGTH - 4 - 3 - body.length);
        return withLength(concat(header(MessageType.REQUEST), tlv(Tlv.PADDING, new byte[padding]), body));
    }

    /** Sets the header's length field to the message's size. */
    static byte[] withLength(byte[] message) {
        message[2] = (byte) (message.length >> 8);
        message[3] = (byte) message.length;
        return message;
    }
}
