package org.mipaaa.agent.confirmation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.mipaaa.fuzz.Fuzzing;

/**
 * Fuzz target (docs/FUZZING.md): the confirmation codec (docs/PROTOCOL.md §11) on any datagram, both
 * as a terminal (requests) and as a caller (answers), and the terminal's answer to it: never larger than
 * the datagram (no amplification), whatever the datagram.
 */
public class ConfirmationCodecFuzzTest {

    private static final KeyPair KEYS = AnswerSigner.generateKeyPair();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    /** A signing terminal whose rate limit never drops: every datagram reaches the codec. */
    private static final ConfirmationResponder TERMINAL = new ConfirmationResponder(
            new TerminalIdentity("a.example", Optional.of("x@home.example")),
            new IssuedConfirmations(CLOCK, Duration.ofSeconds(30), 64, 64), Optional.of(new AnswerSigner(KEYS.getPrivate())), CLOCK, 16,
            new SourceRateLimit(CLOCK, 1e9, Integer.MAX_VALUE, 4));
    private static final AnswerVerifier CALLER = new AnswerVerifier(KEYS.getPublic());
    private static final ConfirmationRequest ASKED = new ConfirmationRequest(new byte[16], "a.example", Optional.of("x@home.example"));

    @FuzzTest(maxDuration = "10s")
    void codecRefusesOrRoundTripsAndTheTerminalNeverAnswersMoreThanItGot(byte[] datagram) throws Exception {
        check(datagram);
    }

    /** The properties, for this target and for {@link org.mipaaa.fuzz.AgentParsersFuzzTest}. */
    public static void check(byte[] datagram) throws Exception {
        Fuzzing.parse(MalformedConfirmationException.class, () -> ConfirmationCodec.decodeRequest(datagram)).ifPresent(request -> {
            byte[] again = ConfirmationCodec.encode(request);
            try {
                assertThat(ConfirmationCodec.decodeRequest(again)).isEqualTo(request);
            } catch (MalformedConfirmationException e) {
                throw new AssertionError("a request the codec wrote does not decode", e);
            }
            Fuzzing.boundedText(request, datagram.length, 4);
        });
        Fuzzing.parse(MalformedConfirmationException.class, () -> ConfirmationCodec.decodeAnswer(datagram)).ifPresent(answer -> {
            try {
                assertThat(ConfirmationCodec.decodeAnswer(ConfirmationCodec.encode(answer, null, Optional.empty()))).isEqualTo(answer);
            } catch (MalformedConfirmationException e) {
                throw new AssertionError("an answer the codec wrote does not decode", e);
            }
            assertThat(CALLER.problem(answer, ASKED)).isNotNull();
            Fuzzing.boundedText(answer, datagram.length, 4);
        });
        Optional<byte[]> answer = TERMINAL.answer(datagram, InetAddress.getLoopbackAddress());
        answer.ifPresent(octets -> assertThat(octets.length).as("an answer to a %d-octet datagram", datagram.length)
                .isLessThanOrEqualTo(datagram.length));
    }
}
