package org.mipaaa.agent.confirmation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ConfirmationProtocol.MessageType;
import org.mipaaa.dictionary.ConfirmationProtocol.ReasonCode;
import org.mipaaa.dictionary.ConfirmationProtocol.Tlv;

/** S3011-S3014 on octets: what the terminal answers, without sockets. */
class ConfirmationResponderTest {

    private static final InetAddress CALLER = InetAddress.getLoopbackAddress();

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final TerminalIdentity terminalA = new TerminalIdentity("a.home.example", Optional.of("x@home.example"));
    private final IssuedConfirmations issued = new IssuedConfirmations(clock, Duration.ofSeconds(30), 100);
    private final ConfirmationResponder responder = new ConfirmationResponder(terminalA, issued, Optional.empty(), clock, 100);

    private ConfirmationAnswer ask(String host, Optional<String> user) throws Exception {
        byte[] request = ConfirmationCodec.encode(new ConfirmationRequest(ConfirmationCodecTest.NONCE, host, user));
        ConfirmationAnswer answer = ConfirmationCodec.decodeAnswer(responder.answer(request, CALLER).orElseThrow());
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
        byte[] first = responder.answer(request, CALLER).orElseThrow();
        byte[] again = responder.answer(request, CALLER).orElseThrow();
        assertThat(again).isEqualTo(first);
        assertThat(issued.outstanding()).isEqualTo(1);
        clock.advance(ConfirmationResponder.RETRANSMISSION_WINDOW); // forgotten after the window: a new ID then
        assertThat(ConfirmationCodec.decodeAnswer(responder.answer(request, CALLER).orElseThrow()).confirmationId())
                .isNotEqualTo(ConfirmationCodec.decodeAnswer(first).confirmationId());
    }

    @Test
    void aMalformedRequestWithAReadableNonceGetsNgMalformed() throws Exception {
        byte[] noHost = ConfirmationCodecTest.request(ConfirmationCodecTest.tlv(Tlv.NONCE, ConfirmationCodecTest.NONCE));
        ConfirmationAnswer answer = ConfirmationCodec.decodeAnswer(responder.answer(noHost, CALLER).orElseThrow());
        assertThat(answer.reasonCode()).isEqualTo(ReasonCode.MALFORMED_REQUEST);
        assertThat(answer.answers(ConfirmationCodecTest.NONCE)).isTrue();
    }

    @Test
    void garbageAndAnswersAreDropped() throws Exception {
        assertThat(responder.answer(new byte[] {1, 2, 3}, CALLER)).isEmpty();
        assertThat(responder.answer(new byte[600], CALLER)).isEmpty();
        byte[] ok = ConfirmationCodec.encode(ConfirmationAnswer.ok(ConfirmationCodecTest.NONCE, 1, 1), null, Optional.empty());
        assertThat(responder.answer(ok, CALLER)).as("an answer sent to a terminal is never answered").isEmpty();
        byte[] unpadded = ConfirmationCodecTest.withLength(ConfirmationCodecTest.concat(ConfirmationCodecTest.header(MessageType.REQUEST),
                ConfirmationCodecTest.tlv(Tlv.NONCE, ConfirmationCodecTest.NONCE), ConfirmationCodecTest.tlv(Tlv.EXPECTED_HOST_NAME, "a.home.example".getBytes())));
        assertThat(responder.answer(unpadded, CALLER)).as("a request shorter than any answer it could provoke").isEmpty();
        assertThat(issued.outstanding()).isZero();
    }

    @Test
    void aFloodOfOkRequestsGetsBusyOrNothingAndTheIdAlreadyIssuedStillRedeems() throws Exception {
        IssuedConfirmations few = new IssuedConfirmations(clock, Duration.ofSeconds(30), 20, 4);
        ConfirmationResponder terminal = new ConfirmationResponder(terminalA, few, Optional.empty(), clock, 100,
                new SourceRateLimit(clock, 10, 20, 1024));
        long genuine = ConfirmationCodec.decodeAnswer(terminal.answer(request(0), CALLER).orElseThrow()).confirmationId();
        int busy = 0;
        int dropped = 0;
        for (int i = 1; i <= 2000; i++) {
            InetAddress flooder = InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) (i % 50)});
            java.util.Optional<byte[]> answer = terminal.answer(request(i), flooder);
            if (answer.isEmpty()) {
                dropped++;
            } else if (ConfirmationCodec.decodeAnswer(answer.get()).reasonCode() == ReasonCode.BUSY) {
                busy++;
            }
        }
        assertThat(few.outstanding()).isEqualTo(20);
        assertThat(busy).as("refused with a reason").isPositive();
        assertThat(dropped).as("50 addresses at 20 requests each, at one instant: the rest over their rate").isEqualTo(2000 - 50 * 20);
        assertThat(few.redeem(genuine)).as("the genuine caller's INVITE is accepted").isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(terminal.answer(request(5000), InetAddress.getByName("198.51.100.7"))).as("the rate refills").isPresent();
    }

    /** A request for this terminal with a nonce of its own, so that it is not a retransmission. */
    private static byte[] request(int n) {
        byte[] nonce = ConfirmationCodecTest.NONCE.clone();
        nonce[0] = (byte) n;
        nonce[1] = (byte) (n >> 8);
        return ConfirmationCodec.encode(new ConfirmationRequest(nonce, "a.home.example", Optional.empty()));
    }
}
