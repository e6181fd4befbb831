package org.mipaaa.agent.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mipaaa.agent.confirmation.ConfirmationOutcome;
import org.mipaaa.agent.confirmation.ConfirmationResponder;
import org.mipaaa.agent.confirmation.Correspondent;
import org.mipaaa.agent.confirmation.CorrespondentConfirmation;
import org.mipaaa.agent.confirmation.IssuedConfirmations;
import org.mipaaa.agent.confirmation.TerminalIdentity;
import org.mipaaa.agent.confirmation.UdpConfirmationResponder;
import org.mipaaa.dictionary.ConfirmationProtocol.ReasonCode;

/** Fig. 21 end to end on the loopback: the call follows OK only, and the callee redeems the ID. */
class ConfirmedCallSetupTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final ConfirmedCallSetup setup = new ConfirmedCallSetup(
            new CorrespondentConfirmation(3, Duration.ofMillis(200), Optional.empty(), Clock.systemUTC()),
            new SipCaller(Duration.ofMillis(50), Duration.ZERO));

    private static ConfirmationResponder responder(String host, String user) {
        return new ConfirmationResponder(new TerminalIdentity(host, Optional.of(user)),
                new IssuedConfirmations(Clock.systemUTC(), Duration.ofSeconds(30), 100), Optional.empty(), Clock.systemUTC(), 100);
    }

    @Test
    void okLeadsToACallTheCalleeAcceptsOnceOnly() throws Exception {
        ConfirmationResponder a = responder("a.example", "x@home.example");
        try (UdpConfirmationResponder confirmations = UdpConfirmationResponder.start(a, ANY_LOOPBACK);
             SipCallee callee = SipCallee.start(ANY_LOOPBACK, a.issued()::redeem)) {
            Correspondent x = new Correspondent(confirmations.address(), callee.address(), "sip:x@127.0.0.1", "a.example",
                    Optional.of("x@home.example"));
            ConfirmedCallSetup.Result result = setup.call(x, "sip:caller@127.0.0.1");
            assertThat(result).isInstanceOfSatisfying(ConfirmedCallSetup.CallPlaced.class,
                    placed -> assertThat(placed.call()).isInstanceOf(CallResult.Completed.class));
            assertThat(callee.acceptedCalls()).isEqualTo(1);
            // the same ID a second time (a replayed call setup) is refused by the callee
            ConfirmationOutcome.Confirmed used = ((ConfirmedCallSetup.CallPlaced) result).confirmation();
            assertThat(new SipCaller(Duration.ofMillis(50), Duration.ZERO).call(new org.mipaaa.agent.sip.CallRequest(
                    callee.address(), "sip:x@127.0.0.1", "sip:caller@127.0.0.1", used.idText())))
                    .isEqualTo(new CallResult.Refused("INVITE", 403, "Unconfirmed Caller"));
        }
    }

    @Test
    void ngLeadsToNoInviteAtAll() throws Exception {
        ConfirmationResponder b = responder("b.example", "y@home.example");
        try (UdpConfirmationResponder confirmations = UdpConfirmationResponder.start(b, ANY_LOOPBACK);
             SipCallee callee = SipCallee.start(ANY_LOOPBACK, b.issued()::redeem)) {
            Correspondent x = new Correspondent(confirmations.address(), callee.address(), "sip:x@127.0.0.1", "a.example",
                    Optional.of("x@home.example"));
            assertThat(setup.call(x, "sip:caller@127.0.0.1"))
                    .isEqualTo(new ConfirmedCallSetup.NotPlaced(new ConfirmationOutcome.Refused(ReasonCode.HOST_NAME_MISMATCH)));
            Thread.sleep(200); // an INVITE sent by mistake would have arrived by now
            assertThat(callee.acceptedCalls() + callee.refusedCalls()).as("INVITEs the callee saw").isZero();
        }
    }
}
