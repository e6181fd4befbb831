package org.mipaaa.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

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
import org.mipaaa.agent.sip.SipCallee;
import org.mipaaa.agent.sip.SipCaller;
import org.mipaaa.dictionary.ConfirmationProtocol.ReasonCode;
import org.mipaaa.dictionary.ConfirmationProtocol;

/**
 * The demo's correspondent confirmation (seed Figs. 21-22, S3001-S3014), terminal to terminal over UDP
 * on the loopback with the {@code aaam-agent} library, no AAA server involved: Fig. 22A, the intended
 * mobile node answers OK with a signed answer and the call follows with the ID in the INVITE; Fig. 22B,
 * another terminal now holds the address, answers NG, and no INVITE is sent. The callee is the
 * library's minimal SIP UAS ({@link SipCallee}), not a full SIP phone; the integration test runs the same
 * exchange against sipp.
 */
final class ConfirmationScene {

    private static final String HOST_A = "mn-a.home.example";
    private static final String USER_X = "x@home.example";
    private static final String HOST_B = "mn-b.visited.example";
    private static final String USER_Y = "y@visited.example";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final PrintStream out;

    ConfirmationScene(PrintStream out) {
        this.out = out;
    }

    boolean play() throws IOException {
        KeyPair keyOfA = AnswerSigner.generateKeyPair();
        ConfirmedCallSetup caller = new ConfirmedCallSetup(
                CorrespondentConfirmation.withDefaults().requiringSignatureOf(keyOfA.getPublic()), SipCaller.withDefaults());
        InetSocketAddress confirmationAddress;
        InetSocketAddress sipAddress;
        boolean okCase;
        ConfirmationResponder a = terminal(HOST_A, USER_X, keyOfA);
        try (UdpConfirmationResponder confirmations = UdpConfirmationResponder.start(a, new InetSocketAddress(LOOPBACK, 0));
             SipCallee callee = SipCallee.start(new InetSocketAddress(LOOPBACK, 0), a.issued()::redeem)) {
            confirmationAddress = confirmations.address();
            sipAddress = callee.address();
            out.printf("   mobile node A (%s, used by %s) answers confirmations at %s and SIP calls at %s (the library's"
                    + " minimal SIP UAS); the caller holds A's Ed25519 public key%n", HOST_A, USER_X, confirmationAddress, sipAddress);
            ConfirmedCallSetup.Result result = caller.call(correspondent(confirmationAddress, sipAddress), "sip:caller@127.0.0.1");
            okCase = result instanceof ConfirmedCallSetup.CallPlaced placed
                    && placed.confirmation().signatureVerified()
                    && placed.call() instanceof CallResult.Completed
                    && callee.acceptedCalls() == 1;
            out.printf("   Fig. 22A: the caller asks A's address for %s / %s (S3001); A answers OK, signed (S3011-S3013); the"
                    + " INVITE carries %s, A's callee redeems it (S3004):%n     %s  [%s]%n", HOST_A, USER_X,
                    ConfirmationProtocol.SIP_CONFIRMATION_ID_HEADER, result.describe(), okCase ? "ok" : "UNEXPECTED");
        }
        // A moves away; B gets the same address and runs the same software with its own identity and key
        KeyPair keyOfB = AnswerSigner.generateKeyPair();
        ConfirmationResponder b = terminal(HOST_B, USER_Y, keyOfB);
        boolean ngCase;
        try (UdpConfirmationResponder confirmations = UdpConfirmationResponder.start(b, confirmationAddress);
             SipCallee callee = SipCallee.start(sipAddress, b.issued()::redeem)) {
            ConfirmedCallSetup.Result result = caller.call(correspondent(confirmationAddress, sipAddress), "sip:caller@127.0.0.1");
            int invites = callee.acceptedCalls() + callee.refusedCalls();
            ngCase = result.equals(new ConfirmedCallSetup.NotPlaced(new ConfirmationOutcome.Refused(ReasonCode.HOST_NAME_MISMATCH)))
                    && invites == 0;
            out.printf("   Fig. 22B: A has moved, terminal B (%s, used by %s) now holds the same address; asked for %s, B answers"
                    + " NG (S3014) and the caller reports the error instead of calling (S3005):%n     %s; INVITEs at the old"
                    + " address: %d  [%s]%n", HOST_B, USER_Y, HOST_A, result.describe(), invites, ngCase ? "ok" : "UNEXPECTED");
        }
        return okCase && ngCase;
    }

    private static ConfirmationResponder terminal(String host, String user, KeyPair key) {
        Clock clock = Clock.systemUTC();
        return new ConfirmationResponder(new TerminalIdentity(host, Optional.of(user)),
                new IssuedConfirmations(clock, Duration.ofSeconds(30), 1000), Optional.of(new AnswerSigner(key.getPrivate())), clock, 1000);
    }

    private static Correspondent correspondent(InetSocketAddress confirmationAddress, InetSocketAddress sipAddress) {
        return new Correspondent(confirmationAddress, sipAddress,
                "sip:x@" + sipAddress.getAddress().getHostAddress() + ":" + sipAddress.getPort(), HOST_A, Optional.of(USER_X));
    }
}
