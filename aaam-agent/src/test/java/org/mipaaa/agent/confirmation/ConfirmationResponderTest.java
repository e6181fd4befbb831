package org.mipaaa.agent.confirmation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ConfirmationProtocol.MessageType;
import org.mipaaa.dictionary.ConfirmationProtocol.ReasonCode;
import org.mipaaa.dictionary.ConfirmationProtocol.Tlv;

/** S3011-S3014 on octets: what the terminal answers, without sockets. */
class ConfirmationResponderTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final TerminalIdentity terminalA = new TerminalIdentity("a.home.example", Optional.of("x@home.example"));
    private final IssuedConfirmations issued = new IssuedConfirmations(clock, Duration.ofSeconds(30), 100);
    private final ConfirmationResponder responder = new ConfirmationResponder(terminalA, issued, Optional.empty(), clock, 100);

    private ConfirmationAnswer ask(String host, Optional<String> user) throws Exception {
        byte[] request = ConfirmationCodec.encode(new ConfirmationRequest(ConfirmationCodecTest.NONCE, host, user));
        ConfirmationAnswer answer = ConfirmationCodec.decodeAnswer(responder.answer(request).orElseThrow());
        assertThat(answer.answers(ConfirmationCodecTest.NONCE)).isTrue();
        return answer;
    }

    @Test
    void theIntendedTerminalAndUserGetOkWithAnIssuedId() throws Exception {
        ConfirmationAnswer answer = ask("a.home.example", Optional.of("x@home.example"));
        assertThat(answer.type()).isEqualTo(MessageType.OK);
        assertThat(answer.validitySeconds()).isEqualTo(30);
        assertThat(issued.redeem(answer.confirmationId())).isTrue();
    }

    @Test
    void hostNamesCompareWithoutCaseAndTrailingDotAndRealmsWithoutCase() throws Exception {
        assertThat(ask("A.Home.Example.", Optional.of("x@HOME.example")).isOk()).isTrue();
        assertThat(ask("a.home.example", Optional.of("X@home.example")).reasonCode()).isEqualTo(ReasonCode.USER_MISMATCH);
    }

    @Test
    void aHostOnlyRequestIsConfirmedWhoeverUsesTheTerminal() throws Exception {
        assertThat(ask("a.home.example", Optional.empty()).isOk()).isTrue();
    }

    @Test
    void aDifferentHostAnswersNgHostNameMismatch() throws Exception {
        ConfirmationAnswer answer = ask("b.home.example", Optional.of("x@home.example"));
        assertThat(answer.type()).isEqualTo(MessageType.NG);
        assertThat(answer.reasonCode()).isEqualTo(ReasonCode.HOST_NAME_MISMATCH);
        assertThat(issued.outstanding()).isZero();
    }

    @Test
    void theRightHostWithAnotherUserAnswersNgUserMismatch() throws Exception {
        terminalA.userLoggedIn("y@home.example");
        assertThat(ask("a.home.example", Optional.of("x@home.example")).reasonCode()).isEqualTo(ReasonCode.USER_MISMATCH);
        terminalA.userLoggedOut();
        assertThat(ask("a.home.example", Optional.of("x@home.example")).reasonCode()).isEqualTo(ReasonCode.NO_USER);
        assertThat(issued.outstanding()).isZero();
    }

    @Test
    void aRetransmittedRequestGetsTheSameIdNotASecond() throws Exception {
        byte[] request = ConfirmationCodec.encode(new ConfirmationRequest(ConfirmationCodecTest.NONCE, "a.home.example", Optional.empty()));
        byte[] first = responder.answer(request).orElseThrow();
        byte[] again = responder.answer(request).orElseThrow();
        assertThat(again).isEqualTo(first);
        assertThat(issued.outstanding()).isEqualTo(1);
        clock.advance(ConfirmationResponder.RETRANSMISSION_WINDOW); // forgotten after the window: a new ID then
        assertThat(ConfirmationCodec.decodeAnswer(responder.answer(request).orElseThrow()).confirmationId())
                .isNotEqualTo(ConfirmationCodec.decodeAnswer(first).confirmationId());
    }

    @Test
    void aMalformedRequestWithAReadableNonceGetsNgMalformed() throws Exception {
        byte[] noHost = ConfirmationCodecTest.request(ConfirmationCodecTest.tlv(Tlv.NONCE, ConfirmationCodecTest.NONCE));
        ConfirmationAnswer answer = ConfirmationCodec.decodeAnswer(responder.answer(noHost).orElseThrow());
        assertThat(answer.reasonCode()).isEqualTo(ReasonCode.MALFORMED_REQUEST);
        assertThat(answer.answers(ConfirmationCodecTest.NONCE)).isTrue();
    }

    @Test
    void garbageAndAnswersAreDropped() throws Exception {
        assertThat(responder.answer(new byte[] {1, 2, 3})).isEmpty();
        assertThat(responder.answer(new byte[600])).isEmpty();
        byte[] ok = ConfirmationCodec.encode(ConfirmationAnswer.ok(ConfirmationCodecTest.NONCE, 1, 1), Optional.empty());
        assertThat(responder.answer(ok)).as("an answer sent to a terminal is never answered").isEmpty();
        byte[] unpadded = ConfirmationCodecTest.withLength(ConfirmationCodecTest.concat(ConfirmationCodecTest.header(MessageType.REQUEST),
                ConfirmationCodecTest.tlv(Tlv.NONCE, ConfirmationCodecTest.NONCE), ConfirmationCodecTest.tlv(Tlv.EXPECTED_HOST_NAME, "a.home.example".getBytes())));
        assertThat(responder.answer(unpadded)).as("a request shorter than any answer it could provoke").isEmpty();
        assertThat(issued.outstanding()).isZero();
    }
}
