package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mipaaa.agent.confirmation.AnswerSigner;
import org.mipaaa.agent.confirmation.ConfirmationOutcome;
import org.mipaaa.agent.confirmation.ConfirmationResponder;
import org.mipaaa.agent.confirmation.Correspondent;
import org.mipaaa.agent.confirmation.CorrespondentConfirmation;
import org.mipaaa.agent.confirmation.IssuedConfirmations;
import org.mipaaa.agent.confirmation.TerminalIdentity;
import org.mipaaa.agent.confirmation.UdpConfirmationResponder;
import org.mipaaa.agent.sip.CallResult;
import org.mipaaa.agent.sip.ConfirmedCallSetup;
import org.mipaaa.agent.sip.SipCaller;
import org.mipaaa.dictionary.ConfirmationProtocol.ReasonCode;
import org.mipaaa.dictionary.ConfirmationProtocol;
import org.mipaaa.lab.LoopbackSetup;

/**
 * Seed Figs. 21-22 (S3001-S3014) with a real SIP callee: the caller's {@link ConfirmedCallSetup}
 * confirms the correspondent at the address it resolved, over real UDP on 127.0.0.1, and only on OK
 * sends the INVITE, carrying the confirmation ID, to the real sipp 3.6 (Debian sip-tester) as UAS
 * ({@code src/test/resources/interop/sipp/confirmed-callee.xml}).
 *
 * <p>Fig. 22A: mobile node A (host a.home.example, user x@home.example) answers at the address; OK,
 * the INVITE reaches sipp with the ID A issued, and A's callee side accepts that ID once. Fig. 22B: A
 * has moved and terminal B (host b.visited.example, user y@visited.example) now holds the old address
 * (the same IP address and port); NG, and sipp receives no INVITE at all. Each case with unsigned
 * answers and with answers signed by the terminal's Ed25519 key, the caller holding A's public key;
 * with keys also the case of a B that lies about its name: its OK is not signed by A, so no INVITE.
 *
 * <p>sipp writes every message it sends and receives ({@code -trace_msg}), unexpected ones
 * ({@code -trace_err}) and the ID its scenario extracted ({@code -trace_logs}) under
 * {@code target/interop/sipp/<test>/}; the test reads them.
 */
class CorrespondentConfirmationTest {

    static final String SIPP = "/usr/bin/sipp";
    static final Path SCENARIO = Path.of("src/test/resources/interop/sipp/confirmed-callee.xml");
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final String HOST_A = "a.home.example";
    static final String USER_X = "x@home.example";
    static final String HOST_B = "b.visited.example";
    static final String USER_Y = "y@visited.example";
    private static final Pattern LOGGED_ID = Pattern.compile("confirmation-id=([0-9a-f]{16})");

    private final KeyPair keyOfA = AnswerSigner.generateKeyPair();
    private final KeyPair keyOfB = AnswerSigner.generateKeyPair();
    private Path output;
    private int sipPort;
    private ExternalProcess sipp;

    @BeforeEach
    void startSippAsTheCallee(TestInfo test) throws Exception {
        if (!Files.isExecutable(Path.of(SIPP))) {
            fail(SIPP + " is missing: install the Debian package sip-tester (.mvn/install-test-tools.sh)");
        }
        String method = test.getTestMethod().orElseThrow().getName();
        String variant = test.getDisplayName().startsWith(method) ? "" : "-" + test.getDisplayName().replaceAll("[^A-Za-z0-9]+", "_");
        output = Path.of("target", "interop", "sipp", method + variant);
        Files.createDirectories(output);
        for (String f : List.of("messages.log", "errors.log", "logs.log", "sipp.out")) {
            Files.deleteIfExists(output.resolve(f));
        }
        sipPort = freeUdpPort();
        sipp = ExternalProcess.start(List.of(SIPP, "-sf", SCENARIO.toString(), "-i", "127.0.0.1", "-p", Integer.toString(sipPort),
                "-t", "u1", "-m", "1", "-nostdin", "-timeout", "60s", "-timeout_error",
                "-trace_msg", "-message_file", output.resolve("messages.log").toString(),
                "-trace_err", "-error_file", output.resolve("errors.log").toString(),
                "-trace_logs", "-log_file", output.resolve("logs.log").toString()), Map.of(), output.resolve("sipp.out"));
        awaitBound(sipPort, Duration.ofSeconds(10));
    }

    @AfterEach
    void stopSipp() throws Exception {
        if (sipp != null) {
            sipp.stop(Duration.ofSeconds(5));
        }
    }

    /** Terminal A, B or an impostor: a responder with an identity, its issued IDs and maybe a key. */
    private static ConfirmationResponder terminal(String host, String user, Optional<KeyPair> key) {
        return new ConfirmationResponder(new TerminalIdentity(host, Optional.of(user)),
                new IssuedConfirmations(Clock.systemUTC(), Duration.ofSeconds(30), 100),
                key.map(k -> new AnswerSigner(k.getPrivate())), Clock.systemUTC(), 100);
    }

    /** The caller, holding A's public key when answers are signed. */
    private ConfirmedCallSetup caller(boolean signed) {
        CorrespondentConfirmation confirmation = new CorrespondentConfirmation(3, Duration.ofMillis(500), Optional.empty(), Clock.systemUTC());
        return new ConfirmedCallSetup(signed ? confirmation.requiringSignatureOf(keyOfA.getPublic()) : confirmation,
                new SipCaller(Duration.ofMillis(500), Duration.ofMillis(200)));
    }

    /** A, as the caller resolved it: its confirmation port and sipp's SIP port on the same address. */
    private Correspondent mobileNodeA(InetSocketAddress confirmationAddress) {
        return new Correspondent(confirmationAddress, new InetSocketAddress(LOOPBACK, sipPort),
                "sip:x@127.0.0.1:" + sipPort, HOST_A, Optional.of(USER_X));
    }

    @ParameterizedTest(name = "signed answers: {0}")
    @ValueSource(booleans = {false, true})
    void s3001_s3004_s3011_s3013_theIntendedMobileNodeConfirmsAndTheCallIsSetUp(boolean signed) throws Exception {
        ConfirmationResponder a = terminal(HOST_A, USER_X, signed ? Optional.of(keyOfA) : Optional.empty());
        ConfirmedCallSetup.Result result;
        try (UdpConfirmationResponder atAddress = UdpConfirmationResponder.start(a, new InetSocketAddress(LOOPBACK, 0))) {
            result = caller(signed).call(mobileNodeA(atAddress.address()), "sip:caller@127.0.0.1");
        }
        assertThat(result).as(result.describe()).isInstanceOf(ConfirmedCallSetup.CallPlaced.class);
        ConfirmedCallSetup.CallPlaced placed = (ConfirmedCallSetup.CallPlaced) result;
        assertThat(placed.confirmation().signatureVerified()).isEqualTo(signed);
        assertThat(placed.call()).as(placed.call().describe()).isInstanceOfSatisfying(CallResult.Completed.class, c -> {
            assertThat(c.provisional()).containsExactly(100, 180);
            assertThat(c.inviteStatus()).isEqualTo(200);
            assertThat(c.byeStatus()).isEqualTo(200);
        });

        // -m 1: sipp ends by itself once its one call is over
        java.util.OptionalInt exit = sipp.awaitExit(Duration.ofSeconds(15));
        String messages = read("messages.log");
        assertThat(exit).as("sipp's exit code (0: its one call went as the scenario says); output:\n" + read("sipp.out")
                + "\nerrors:\n" + read("errors.log")).hasValue(0);
        String id = placed.confirmation().idText();
        assertThat(messages).contains("INVITE sip:x@127.0.0.1:" + sipPort + " SIP/2.0")
                .contains(ConfirmationProtocol.SIP_CONFIRMATION_ID_HEADER + ": " + id);
        Matcher logged = LOGGED_ID.matcher(read("logs.log"));
        assertThat(logged.find()).as("sipp's scenario logged the ID it extracted").isTrue();
        assertThat(logged.group(1)).isEqualTo(id);
        // the callee side: the ID sipp received is one A issued, accepted once only
        long received = Long.parseUnsignedLong(logged.group(1), 16);
        assertThat(a.issued().redeem(received)).isTrue();
        assertThat(a.issued().redeem(received)).isFalse();
    }

    @ParameterizedTest(name = "signed answers: {0}")
    @ValueSource(booleans = {false, true})
    void s3014_s3005_aDifferentTerminalHoldingTheOldAddressAnswersNgAndNoInviteIsSent(boolean signed) throws Exception {
        InetSocketAddress oldAddress;
        ConfirmationResponder a = terminal(HOST_A, USER_X, signed ? Optional.of(keyOfA) : Optional.empty());
        try (UdpConfirmationResponder atAddress = UdpConfirmationResponder.start(a, new InetSocketAddress(LOOPBACK, 0))) {
            oldAddress = atAddress.address(); // where the caller resolved A; then A moves away
        }
        ConfirmationResponder b = terminal(HOST_B, USER_Y, signed ? Optional.of(keyOfB) : Optional.empty());
        ConfirmedCallSetup.Result result;
        try (UdpConfirmationResponder atOldAddress = UdpConfirmationResponder.start(b, oldAddress)) {
            result = caller(signed).call(mobileNodeA(oldAddress), "sip:caller@127.0.0.1");
        }
        assertThat(result).isEqualTo(new ConfirmedCallSetup.NotPlaced(new ConfirmationOutcome.Refused(ReasonCode.HOST_NAME_MISMATCH)));
        assertNoInviteReachedSipp();
    }

    @Test
    void s3003_s3005_withSignedAnswers_aTerminalClaimingTheNameWithoutItsKeyIsNotBelievedAndNoInviteIsSent() throws Exception {
        // B says it is A (a wrong configuration, or a lie): it answers OK, but signs with its own key
        ConfirmationResponder impostor = terminal(HOST_A, USER_X, Optional.of(keyOfB));
        ConfirmedCallSetup.Result result;
        try (UdpConfirmationResponder atAddress = UdpConfirmationResponder.start(impostor, new InetSocketAddress(LOOPBACK, 0))) {
            result = caller(true).call(mobileNodeA(atAddress.address()), "sip:caller@127.0.0.1");
        }
        assertThat(result).isInstanceOfSatisfying(ConfirmedCallSetup.NotPlaced.class,
                n -> assertThat(n.outcome()).isInstanceOf(ConfirmationOutcome.BadSignature.class));
        assertNoInviteReachedSipp();
    }

    /** sipp was listening all along (its port still bound, still running) and traced no INVITE. */
    private void assertNoInviteReachedSipp() throws Exception {
        Thread.sleep(500); // an INVITE sent by mistake would have reached sipp by now
        assertThat(sipp.isAlive()).as("sipp still waiting for its one call; output:\n" + read("sipp.out")).isTrue();
        assertThat(udpPortTaken(sipPort)).as("sipp still listening on " + sipPort).isTrue();
        sipp.stop(Duration.ofSeconds(5));
        assertThat(read("messages.log")).doesNotContain("INVITE");
        assertThat(read("errors.log")).doesNotContain("INVITE");
    }

    private String read(String file) throws IOException {
        Path p = output.resolve(file);
        return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
    }

    /** A UDP port free on 127.0.0.1, from the project's pool of test ports. */
    static int freeUdpPort() {
        for (int i = 0; i < 1000; i++) {
            int port = LoopbackSetup.freePort();
            if (!udpPortTaken(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free UDP port");
    }

    static boolean udpPortTaken(int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            return false;
        } catch (SocketException taken) {
            return true;
        }
    }

    private static void awaitBound(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!udpPortTaken(port)) {
            if (System.nanoTime() > deadline) {
                fail("sipp did not bind UDP port " + port + " within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
