package org.mipaaa.agent.confirmation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ConfirmationProtocol.ReasonCode;
import org.mipaaa.dictionary.ConfirmationProtocol.SignatureAlgorithm;

class AnswerSignatureTest {

    private static final ConfirmationRequest QUESTION = ConfirmationCodecTest.QUESTION;

    private final KeyPair terminal = AnswerSigner.generateKeyPair();
    private final AnswerSigner signer = new AnswerSigner(terminal.getPrivate());
    private final AnswerVerifier verifier = new AnswerVerifier(terminal.getPublic());

    @Test
    void aSignedOkAndASignedNgVerifyWithTheTerminalsKey() throws Exception {
        for (ConfirmationAnswer answer : new ConfirmationAnswer[] {
                ConfirmationAnswer.ok(ConfirmationCodecTest.NONCE, 7, 30),
                ConfirmationAnswer.ng(ConfirmationCodecTest.NONCE, ReasonCode.HOST_NAME_MISMATCH)}) {
            byte[] octets = ConfirmationCodec.encode(answer, QUESTION, Optional.of(signer));
            assertThat(verifier.problem(ConfirmationCodec.decodeAnswer(octets), QUESTION)).isEmpty();
        }
    }

    @Test
    void changingAnyOctetBreaksTheSignature() throws Exception {
        byte[] octets = ConfirmationCodec.encode(ConfirmationAnswer.ok(ConfirmationCodecTest.NONCE, 7, 30), QUESTION, Optional.of(signer));
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
            assertThat(verifier.problem(decoded, QUESTION)).as("octet %d changed", i).isPresent();
            tampered++;
        }
        // the nonce, the ID, the validity and the signature itself: all covered
        assertThat(tampered).isGreaterThanOrEqualTo(16 + 8 + 4 + 64);
    }

    @Test
    void anotherTerminalsKeyDoesNotVerify() throws Exception {
        AnswerSigner impostor = new AnswerSigner(AnswerSigner.generateKeyPair().getPrivate());
        byte[] octets = ConfirmationCodec.encode(ConfirmationAnswer.ok(ConfirmationCodecTest.NONCE, 7, 30), QUESTION, Optional.of(impostor));
        assertThat(verifier.problem(ConfirmationCodec.decodeAnswer(octets), QUESTION)).get().asString().contains("does not verify");
    }

    @Test
    void anUnsignedAnswerIsReportedAsSuch() throws Exception {
        byte[] octets = ConfirmationCodec.encode(ConfirmationAnswer.ok(ConfirmationCodecTest.NONCE, 7, 30), QUESTION, Optional.empty());
        assertThat(verifier.problem(ConfirmationCodec.decodeAnswer(octets), QUESTION)).contains("the answer is not signed");
    }

    @Test
    void onlyEd25519KeysSign() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        assertThatThrownBy(() -> new AnswerSigner(ec.generateKeyPair().getPrivate())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignedOkForAnotherQuestionCannotBeReplayedToTheCaller() throws Exception {
        // the caller asks "are you a.example, used by x@home.example?" with nonce N; someone on the path asks the
        // same terminal, with the same nonce, about the user it knows is there now (or about the host alone), and
        // hands the caller the terminal's genuine, signed OK to that other question
        byte[] nonce = ConfirmationCodecTest.NONCE;
        ConfirmationRequest asked = new ConfirmationRequest(nonce, "a.example", Optional.of("x@home.example"));
        for (ConfirmationRequest other : new ConfirmationRequest[] {
                new ConfirmationRequest(nonce, "a.example", Optional.of("y@home.example")),
                new ConfirmationRequest(nonce, "a.example", Optional.empty()),
                new ConfirmationRequest(nonce, "b.example", Optional.of("x@home.example"))}) {
            byte[] okToOther = ConfirmationCodec.encode(ConfirmationAnswer.ok(nonce, 7, 30), other, Optional.of(signer));
            ConfirmationAnswer replayed = ConfirmationCodec.decodeAnswer(okToOther);

            assertThat(replayed.answers(nonce)).as("the nonce matches: only the signature can tell").isTrue();
            assertThat(verifier.problem(replayed, asked)).as("OK to %s passed off for %s", other, asked).isPresent();
            assertThat(verifier.problem(replayed, other)).isEmpty();
        }
    }

    @Test
    void aVersion1SignatureWhichCoversTheAnswerAloneIsRefused() throws Exception {
        byte[] octets = ConfirmationCodec.encode(ConfirmationAnswer.ok(ConfirmationCodecTest.NONCE, 7, 30), null, Optional.of(signer));
        int algorithm = octets.length - 1 - SignatureAlgorithm.ED25519_SIGNATURE_LENGTH;
        octets[algorithm] = (byte) SignatureAlgorithm.ED25519; // what a terminal of the first version sent
        assertThat(verifier.problem(ConfirmationCodec.decodeAnswer(octets), QUESTION)).get().asString().contains("version 1");
    }
}
