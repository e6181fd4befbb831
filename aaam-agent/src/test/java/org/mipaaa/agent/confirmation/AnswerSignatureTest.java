package org.mipaaa.agent.confirmation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ConfirmationProtocol.ReasonCode;

class AnswerSignatureTest {

    private final KeyPair terminal = AnswerSigner.generateKeyPair();
    private final AnswerSigner signer = new AnswerSigner(terminal.getPrivate());
    private final AnswerVerifier verifier = new AnswerVerifier(terminal.getPublic());

    @Test
    void aSignedOkAndASignedNgVerifyWithTheTerminalsKey() throws Exception {
        for (ConfirmationAnswer answer : new ConfirmationAnswer[] {
                ConfirmationAnswer.ok(ConfirmationCodecTest.NONCE, 7, 30),
                ConfirmationAnswer.ng(ConfirmationCodecTest.NONCE, ReasonCode.HOST_NAME_MISMATCH)}) {
            byte[] octets = ConfirmationCodec.encode(answer, Optional.of(signer));
            assertThat(verifier.problem(ConfirmationCodec.decodeAnswer(octets))).isEmpty();
        }
    }

    @Test
    void changingAnyOctetBreaksTheSignature() throws Exception {
        byte[] octets = ConfirmationCodec.encode(ConfirmationAnswer.ok(ConfirmationCodecTest.NONCE, 7, 30), Optional.of(signer));
        int tampered = 0;
        for (int i = 0; i < octets.length; i++) {
            byte[] copy = octets.clone();
            copy[i] ^= 0x01;
            ConfirmationAnswer decoded;
            try {
                decoded = ConfirmationCodec.decodeAnswer(copy);
            } catch (MalformedConfirmationException e) {
                continue; // header and TLV framing octets: not even an answer any more
            }
            assertThat(verifier.problem(decoded)).as("octet %d changed", i).isPresent();
            tampered++;
        }
        // the nonce, the ID, the validity and the signature itself: all covered
        assertThat(tampered).isGreaterThanOrEqualTo(16 + 8 + 4 + 64);
    }

    @Test
    void anotherTerminalsKeyDoesNotVerify() throws Exception {
        AnswerSigner impostor = new AnswerSigner(AnswerSigner.generateKeyPair().getPrivate());
        byte[] octets = ConfirmationCodec.encode(ConfirmationAnswer.ok(ConfirmationCodecTest.NONCE, 7, 30), Optional.of(impostor));
        assertThat(verifier.problem(ConfirmationCodec.decodeAnswer(octets))).get().asString().contains("does not verify");
    }

    @Test
    void anUnsignedAnswerIsReportedAsSuch() throws Exception {
        byte[] octets = ConfirmationCodec.encode(ConfirmationAnswer.ok(ConfirmationCodecTest.NONCE, 7, 30), Optional.empty());
        assertThat(verifier.problem(ConfirmationCodec.decodeAnswer(octets))).contains("the answer is not signed");
    }

    @Test
    void onlyEd25519KeysSign() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        assertThatThrownBy(() -> new AnswerSigner(ec.generateKeyPair().getPrivate())).isInstanceOf(IllegalArgumentException.class);
    }
}
