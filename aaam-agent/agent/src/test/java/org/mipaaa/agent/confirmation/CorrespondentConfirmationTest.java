package org.mipaaa.agent.confirmation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ConfirmationProtocol.ReasonCode;

/** The caller against responders on real UDP sockets on the loopback (S3001-S3003, S3011-S3014). */
class CorrespondentConfirmationTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final CorrespondentConfirmation caller = new CorrespondentConfirmation(3, Duration.ofMillis(200), Optional.empty(),
            Clock.systemUTC());

    private static UdpConfirmationResponder terminal(String host, String user, Optional<AnswerSigner> signer) throws Exception {
        return UdpConfirmationResponder.start(new ConfirmationResponder(new TerminalIdentity(host, Optional.of(user)),
                new IssuedConfirmations(Clock.systemUTC(), Duration.ofSeconds(30), 100), signer, Clock.systemUTC(), 100), ANY_LOOPBACK);
    }

    @Test
    void theIntendedTerminalConfirmsWithAnIdItWillAccept() throws Exception {
        try (UdpConfirmationResponder a = terminal("a.example", "x@home.example", Optional.empty())) {
            ConfirmationOutcome outcome = caller.confirm(a.address(), "a.example", Optional.of("x@home.example"));
            assertThat(outcome).isInstanceOf(ConfirmationOutcome.Confirmed.class);
            ConfirmationOutcome.Confirmed confirmed = (ConfirmationOutcome.Confirmed) outcome;
            assertThat(confirmed.signatureVerified()).isFalse();
            assertThat(confirmed.idText()).matches("[0-9a-f]{16}");
            assertThat(a.responder().issued().redeem(confirmed.confirmationId())).isTrue();
        }
    }

    @Test
    void anotherTerminalAtTheAddressRefuses() throws Exception {
        try (UdpConfirmationResponder b = terminal("b.example", "y@home.example", Optional.empty())) {
            assertThat(caller.confirm(b.address(), "a.example", Optional.of("x@home.example")))
                    .isEqualTo(new ConfirmationOutcome.Refused(ReasonCode.HOST_NAME_MISMATCH));
        }
    }

    @Test
    void silenceIsNoAnswerAfterEveryAttempt() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        try (DatagramSocket mute = new DatagramSocket(ANY_LOOPBACK)) {
            Thread counter = new Thread(() -> {
                try {
                    while (true) {
                        mute.receive(new DatagramPacket(new byte[600], 600));
                        seen.incrementAndGet();
                    }
                } catch (Exception closed) {
                    // the socket closed: the test is over
                }
            });
            counter.start();
            long start = System.nanoTime();
            ConfirmationOutcome outcome = caller.confirm((InetSocketAddress) mute.getLocalSocketAddress(), "a.example", Optional.empty());
            assertThat(outcome).isEqualTo(new ConfirmationOutcome.NoAnswer(3));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
            assertThat(seen.get()).as("requests sent").isEqualTo(3);
        }
    }

    @Test
    void answersToAnotherNonceAreIgnored() throws Exception {
        try (DatagramSocket liar = new DatagramSocket(ANY_LOOPBACK)) {
            Thread answering = new Thread(() -> {
                try {
                    DatagramPacket in = new DatagramPacket(new byte[600], 600);
                    liar.receive(in);
                    ConfirmationRequest request = ConfirmationCodec.decodeRequest(Arrays.copyOf(in.getData(), in.getLength()));
                    byte[] otherNonce = request.nonce();
                    otherNonce[0] ^= 1;
                    byte[] stale = ConfirmationCodec.encode(ConfirmationAnswer.ok(otherNonce, 1, 30), null, Optional.empty());
                    liar.send(new DatagramPacket(stale, stale.length, in.getSocketAddress()));
                    liar.send(new DatagramPacket(new byte[] {9, 9}, 2, in.getSocketAddress()));
                    byte[] ng = ConfirmationCodec.encode(ConfirmationAnswer.ng(request.nonce(), ReasonCode.NO_USER), null, Optional.empty());
                    liar.send(new DatagramPacket(ng, ng.length, in.getSocketAddress()));
                } catch (Exception e) {
                    // the assertion below fails then
                }
            });
            answering.start();
            assertThat(caller.confirm((InetSocketAddress) liar.getLocalSocketAddress(), "a.example", Optional.of("x")))
                    .isEqualTo(new ConfirmationOutcome.Refused(ReasonCode.NO_USER));
            answering.join(2000);
        }
    }

    @Test
    void withTheTerminalsKeyASignedOkIsConfirmedAndVerified() throws Exception {
        KeyPair keyOfA = AnswerSigner.generateKeyPair();
        try (UdpConfirmationResponder a = terminal("a.example", "x@home.example", Optional.of(new AnswerSigner(keyOfA.getPrivate())))) {
            ConfirmationOutcome outcome = caller.requiringSignatureOf(keyOfA.getPublic())
                    .confirm(a.address(), "a.example", Optional.of("x@home.example"));
            assertThat(outcome).isInstanceOfSatisfying(ConfirmationOutcome.Confirmed.class,
                    c -> assertThat(c.signatureVerified()).isTrue());
        }
    }

    @Test
    void withTheTerminalsKeyAnUnsignedOkOrOneSignedByAnImpostorIsRefused() throws Exception {
        KeyPair keyOfA = AnswerSigner.generateKeyPair();
        KeyPair keyOfImpostor = AnswerSigner.generateKeyPair();
        CorrespondentConfirmation strict = caller.requiringSignatureOf(keyOfA.getPublic());
        try (UdpConfirmationResponder unsigned = terminal("a.example", "x@home.example", Optional.empty());
             UdpConfirmationResponder impostor = terminal("a.example", "x@home.example", Optional.of(new AnswerSigner(keyOfImpostor.getPrivate())))) {
            assertThat(strict.confirm(unsigned.address(), "a.example", Optional.of("x@home.example")))
                    .isEqualTo(new ConfirmationOutcome.BadSignature("the answer is not signed"));
            assertThat(strict.confirm(impostor.address(), "a.example", Optional.of("x@home.example")))
                    .isInstanceOf(ConfirmationOutcome.BadSignature.class);
        }
    }

    @Test
    void garbageDoesNotStopTheTerminal() throws Exception {
        try (UdpConfirmationResponder a = terminal("a.example", "x@home.example", Optional.empty());
             DatagramSocket sender = new DatagramSocket(ANY_LOOPBACK)) {
            for (byte[] garbage : new byte[][] {new byte[0], {1}, new byte[2000], "INVITE sip:x SIP/2.0".getBytes()}) {
                sender.send(new DatagramPacket(garbage, garbage.length, a.address()));
            }
            sender.setSoTimeout(300);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sender.receive(new DatagramPacket(new byte[600], 600)))
                    .as("garbage is dropped, not answered").isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(caller.confirm(a.address(), "a.example", Optional.empty())).isInstanceOf(ConfirmationOutcome.Confirmed.class);
        }
    }
}
