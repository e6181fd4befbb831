package org.mipaaa.agent.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * SIP header injection (RFC 3261 §7.3, §25.1): no value given to the caller, and none taken from a
 * peer's message, may end a header line and add headers of its own to what this package sends.
 */
class SipHeaderInjectionTest {

    private static final InetSocketAddress CALLEE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
    private static final String ID = "0123456789abcdef";

    @Test
    void headerInjectionThroughTheRequestUriTheFromUriOrTheIdIsRefused() {
        for (String evil : new String[] {"sip:x@a.example\r\nX-Evil: 1", "sip:x@a.example\nX-Evil: 1", "sip:x@a.example\rX",
                "sip:x@a.example\u0000", "sip:x@a.example> ;evil", "sip:x y@a.example", "sip:\"x\"@a.example",
                "http://a.example/", "sip:", "sip:" + "a".repeat(SipText.MAX_URI_LENGTH)}) {
            assertThatThrownBy(() -> new CallRequest(CALLEE, evil, "sip:caller@127.0.0.1", ID)).as("request URI %s", evil)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CallRequest(CALLEE, "sip:x@a.example", evil, ID)).as("from URI %s", evil)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String badId : new String[] {ID + "\r\nX-Evil: 1", "not-an-id", ID.toUpperCase(), ID + "0", ""}) {
            assertThatThrownBy(() -> new CallRequest(CALLEE, "sip:x@a.example", "sip:caller@127.0.0.1", badId))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new CallRequest(CALLEE, "sips:x@[2001:db8::1]:5061;transport=tls", "sip:caller@127.0.0.1", ID).requestUri())
                .isEqualTo("sips:x@[2001:db8::1]:5061;transport=tls");
    }

    @Test
    void aPeersMessageWithABareLineBreakOrNulInAHeaderIsNotParsedSoNeverCopiedIntoAnAckOrAResponse() {
        for (String evil : new String[] {"To: <sip:x@a>\nX-Evil: 1", "To: <sip:x@a>\rX-Evil: 1", "To: <sip:x@a>\u0000"}) {
            byte[] octets = ("SIP/2.0 200 OK\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n" + evil + "\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> SipMessage.parse(octets, octets.length)).isInstanceOf(MalformedSipException.class);
        }
        StringBuilder many = new StringBuilder("INVITE sip:x@a SIP/2.0\r\n");
        for (int i = 0; i <= SipMessage.MAX_HEADERS; i++) {
            many.append("X-").append(i).append(": y\r\n");
        }
        byte[] tooMany = many.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SipMessage.parse(tooMany, tooMany.length)).isInstanceOf(MalformedSipException.class);
        byte[] longValue = ("INVITE sip:x@a SIP/2.0\r\nTo: " + "a".repeat(SipText.MAX_HEADER_VALUE_LENGTH) + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SipMessage.parse(longValue, longValue.length)).isInstanceOf(MalformedSipException.class);
    }

    @Test
    void aCalleeAnsweringWithAContactThatIsNotASipUriGetsTheAckAtTheRequestUriInstead() throws Exception {
        try (DatagramSocket callee = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress at = (InetSocketAddress) callee.getLocalSocketAddress();
            String requestUri = "sip:x@127.0.0.1:" + at.getPort();
            List<String> seen = new ArrayList<>();
            Thread uas = new Thread(() -> {
                try {
                    byte[] buffer = new byte[65535];
                    callee.setSoTimeout(5000);
                    boolean byeAnswered = false;
                    while (!byeAnswered) {
                        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                        callee.receive(in);
                        SipMessage m = SipMessage.parse(in.getData(), in.getLength());
                        synchronized (seen) {
                            seen.add(m.startLine());
                        }
                        if (m.method().equals("INVITE")) {
                            String ok = "SIP/2.0 200 OK\r\nVia: " + m.header("Via").orElseThrow() + "\r\nFrom: " + m.header("From").orElseThrow()
                                    + "\r\nTo: " + m.header("To").orElseThrow() + ";tag=1\r\nCall-ID: " + m.header("Call-ID").orElseThrow()
                                    + "\r\nCSeq: 1 INVITE\r\nContact: <http://evil.example/ X-Evil>\r\nContent-Length: 0\r\n\r\n";
                            callee.send(new DatagramPacket(ok.getBytes(StandardCharsets.UTF_8), ok.length(), in.getSocketAddress()));
                        } else if (m.method().equals("BYE")) {
                            String ok = "SIP/2.0 200 OK\r\nVia: " + m.header("Via").orElseThrow() + "\r\nCall-ID: " + m.header("Call-ID").orElseThrow()
                                    + "\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
                            callee.send(new DatagramPacket(ok.getBytes(StandardCharsets.UTF_8), ok.length(), in.getSocketAddress()));
                            byeAnswered = true;
                        }
                    }
                } catch (Exception e) {
                    // the test's assertions say what was missing
                }
            });
            uas.start();
            CallResult result = new SipCaller(Duration.ofMillis(200), Duration.ZERO).call(new CallRequest(at, requestUri, "sip:caller@127.0.0.1", ID));
            uas.join(10_000);
            assertThat(result).isInstanceOf(CallResult.Completed.class);
            synchronized (seen) {
                // retransmissions (Timer A, E) may repeat a request; whatever came, it went to the request URI
                assertThat(seen).containsSubsequence("INVITE " + requestUri + " SIP/2.0", "ACK " + requestUri + " SIP/2.0",
                        "BYE " + requestUri + " SIP/2.0");
                assertThat(seen).allMatch(line -> line.endsWith(" " + requestUri + " SIP/2.0"));
            }
        }
    }

    @Test
    void theCalleeRefusesAnInviteWhoseIdIsNotOneItCouldHaveIssued() throws Exception {
        try (SipCallee callee = SipCallee.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), id -> true);
             DatagramSocket caller = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String invite = "INVITE sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
                    + "To: <sip:x@127.0.0.1>\r\nCall-ID: evil\r\nCSeq: 1 INVITE\r\nX-MipAaa-Confirmation-Id: not-an-id\r\n"
                    + "Content-Length: 0\r\n\r\n";
            caller.send(new DatagramPacket(invite.getBytes(StandardCharsets.UTF_8), invite.length(), callee.address()));
            caller.setSoTimeout(5000);
            byte[] buffer = new byte[65535];
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            caller.receive(in);
            assertThat(SipMessage.parse(in.getData(), in.getLength()).status()).isEqualTo(403);
            assertThat(callee.refusedCalls()).isEqualTo(1);
        }
    }
}
