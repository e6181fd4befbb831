package org.mipaaa.agent.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The UAC against the minimal UAS on real UDP sockets on the loopback. */
class SipCallerTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final long ID = 0x0123_4567_89ab_cdefL;

    private final SipCaller caller = new SipCaller(Duration.ofMillis(50), Duration.ZERO);

    private static CallRequest call(InetSocketAddress callee, String id) {
        return new CallRequest(callee, "sip:x@" + callee.getAddress().getHostAddress() + ":" + callee.getPort(),
                "sip:caller@127.0.0.1", id);
    }

    @Test
    void aConfirmedCallIsAnsweredAcknowledgedAndHungUp() throws Exception {
        try (SipCallee callee = SipCallee.start(ANY_LOOPBACK, id -> id == ID)) {
            CallResult result = caller.call(call(callee.address(), "0123456789abcdef"));
            assertThat(result).isInstanceOfSatisfying(CallResult.Completed.class, c -> {
                assertThat(c.provisional()).isEqualTo(List.of(100, 180));
                assertThat(c.inviteStatus()).isEqualTo(200);
                assertThat(c.byeStatus()).isEqualTo(200);
            });
            assertThat(callee.acceptedCalls()).isEqualTo(1);
            assertThat(callee.hungUpCalls()).isEqualTo(1);
        }
    }

    @Test
    void anUnconfirmedIdIsRefused403() throws Exception {
        try (SipCallee callee = SipCallee.start(ANY_LOOPBACK, id -> id == ID)) {
            assertThat(caller.call(call(callee.address(), "fedcba9876543210")))
                    .isEqualTo(new CallResult.Refused("INVITE", 403, "Unconfirmed Caller"));
            assertThat(callee.refusedCalls()).isEqualTo(1);
            assertThat(callee.acceptedCalls()).isZero();
        }
    }

    @Test
    void nobodyAnsweringTimesOutAfterTimerB() throws Exception {
        try (DatagramSocket mute = new DatagramSocket(ANY_LOOPBACK)) {
            long start = System.nanoTime();
            assertThat(caller.call(call((InetSocketAddress) mute.getLocalSocketAddress(), "0123456789abcdef")))
                    .isEqualTo(new CallResult.TimedOut("INVITE"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(64 * 50));
        }
    }

    @Test
    void aMessageWithoutItsEmptyLineIsMalformed() {
        byte[] cut = "SIP/2.0 200 OK\r\nCall-ID: x\r\n".getBytes();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipMessage.parse(cut, cut.length))
                .isInstanceOf(MalformedSipException.class);
    }

    @Test
    void compactHeaderFormsAreRead() throws Exception {
        byte[] m = "SIP/2.0 180 Ringing\r\ni: abc\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n".getBytes();
        SipMessage parsed = SipMessage.parse(m, m.length);
        assertThat(parsed.header("Call-ID")).contains("abc");
        assertThat(parsed.status()).isEqualTo(180);
        assertThat(parsed.cseqMethod()).isEqualTo("INVITE");
    }

    @Test
    void aRetransmittedInviteGetsTheSameAnswerAndTheIdIsCheckedOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        try (SipCallee callee = SipCallee.start(ANY_LOOPBACK, id -> checks.incrementAndGet() == 1 && id == ID);
             DatagramSocket caller = new DatagramSocket(ANY_LOOPBACK)) {
            String invite = "INVITE sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + caller.getLocalPort() + ";branch=z9hG4bKr1\r\n"
                    + "From: <sip:c@127.0.0.1>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: retransmitted\r\nCSeq: 1 INVITE\r\n"
                    + "X-MipAaa-Confirmation-Id: 0123456789abcdef\r\nContent-Length: 0\r\n\r\n";
            byte[] octets = invite.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            caller.setSoTimeout(2000);
            java.util.List<String> finals = new java.util.ArrayList<>();
            for (int send = 0; send < 2; send++) {
                caller.send(new java.net.DatagramPacket(octets, octets.length, callee.address()));
                while (true) {
                    java.net.DatagramPacket in = new java.net.DatagramPacket(new byte[4000], 4000);
                    caller.receive(in);
                    SipMessage m = SipMessage.parse(in.getData(), in.getLength());
                    if (m.status() >= 200) {
                        finals.add(m.startLine() + " " + m.header("To").orElseThrow());
                        break;
                    }
                }
            }
            assertThat(finals).hasSize(2);
            assertThat(finals.get(0)).startsWith("SIP/2.0 200 OK").isEqualTo(finals.get(1)); // same To tag: the same answer
            assertThat(checks.get()).as("the ID checked (redeemed) once").isEqualTo(1);
            assertThat(callee.acceptedCalls()).isEqualTo(1);
        }
    }
}
