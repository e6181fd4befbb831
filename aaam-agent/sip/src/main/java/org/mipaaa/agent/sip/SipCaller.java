package org.mipaaa.agent.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mipaaa.dictionary.ConfirmationProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal SIP UAC over UDP (RFC 3261): INVITE with the confirmation ID in
 * {@value ConfirmationProtocol#SIP_CONFIRMATION_ID_HEADER} and a small SDP offer, retransmitted from T1
 * doubling (§17.1.1.2, Timer A) until a provisional or final response, given up after 64*T1 (Timer B);
 * ACK for a 2xx (a new transaction, §13.2.2.4) or for a 4xx-6xx (same branch, §17.1.1.3); after
 * {@code hold}, BYE retransmitted from T1 doubling up to T2 (Timer E) until its final response, given up
 * after 64*T1 (Timer F). Sent straight to the callee's address: no proxy, no route set.
 *
 * <p>Thread-safe: its settings are immutable and each call uses a socket of its own.
 */
public final class SipCaller {

    private static final Logger log = LoggerFactory.getLogger(SipCaller.class);
    private static final Duration T2 = Duration.ofSeconds(4);
    private static final String MAGIC_COOKIE = "z9hG4bK";

    private final Duration t1;
    private final Duration hold;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param t1    RFC 3261 T1 (500 ms by default; shorter in tests on loopback)
     * @param hold  how long the call stays up before the BYE
     */
    public SipCaller(Duration t1, Duration hold) {
        if (t1.isNegative() || t1.isZero()) {
            throw new IllegalArgumentException("T1 must be positive: " + t1);
        }
        this.t1 = t1;
        this.hold = hold;
    }

    /** RFC 3261 T1 = 500 ms, hang up at once. */
    public static SipCaller withDefaults() {
        return new SipCaller(Duration.ofMillis(500), Duration.ZERO);
    }

    /** Places the call, keeps it up for {@code hold} and hangs up. */
    public CallResult call(CallRequest request) throws IOException {
        if (request.callee().isUnresolved()) {
            throw new java.net.UnknownHostException("the callee's address is not resolved: " + request.callee());
        }
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(
                request.callee().getAddress().isLoopbackAddress() ? request.callee().getAddress() : null, 0))) {
            socket.connect(request.callee());
            Dialog dialog = new Dialog(request, socket.getLocalAddress().getHostAddress(), socket.getLocalPort(),
                    hex(8) + "@" + socket.getLocalAddress().getHostAddress(), hex(4));
            return new Call(socket, dialog).run();
        }
    }

    /** What the requests of one call share. */
    private static final class Dialog {

        private final CallRequest request;
        private final String localHost;
        private final int localPort;
        private final String callId;
        private final String fromTag;

        Dialog(CallRequest request, String localHost, int localPort, String callId, String fromTag) {
            this.request = request;
            this.localHost = localHost;
            this.localPort = localPort;
            this.callId = callId;
            this.fromTag = fromTag;
        }

        String via(String branch) {
            return "SIP/2.0/UDP " + localHost + ":" + localPort + ";branch=" + branch + ";rport";
        }

        String from() {
            return "<" + request.fromUri() + ">;tag=" + fromTag;
        }

        public CallRequest request() {
            return request;
        }

        public String localHost() {
            return localHost;
        }

        public int localPort() {
            return localPort;
        }

        public String callId() {
            return callId;
        }

        public String fromTag() {
            return fromTag;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Dialog)) {
                return false;
            }
            Dialog other = (Dialog) o;
            return java.util.Objects.equals(request, other.request)
                    && java.util.Objects.equals(localHost, other.localHost)
                    && localPort == other.localPort
                    && java.util.Objects.equals(callId, other.callId)
                    && java.util.Objects.equals(fromTag, other.fromTag);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(request, localHost, localPort, callId, fromTag);
        }

        @Override
        public String toString() {
            return "Dialog[" + "request=" + request + ", " + "localHost=" + localHost + ", " + "localPort=" + localPort + ", " + "callId=" + callId + ", " + "fromTag=" + fromTag + "]";
        }
    }

    /** One call: the INVITE transaction, the ACK, the BYE transaction. */
    private final class Call {
        private final DatagramSocket socket;
        private final Dialog dialog;
        private final String inviteBranch = MAGIC_COOKIE + hex(8);
        private final byte[] buffer = new byte[65535];

        Call(DatagramSocket socket, Dialog dialog) {
            this.socket = socket;
            this.dialog = dialog;
        }

        CallResult run() throws IOException {
            byte[] invite = invite();
            List<Integer> provisional = new ArrayList<>();
            long timerB = System.nanoTime() + t1.multipliedBy(64).toNanos();
            Duration retransmit = t1;
            long nextSend = 0;
            SipMessage answer = null;
            while (answer == null) {
                long now = System.nanoTime();
                if (now >= timerB) {
                    return new CallResult.TimedOut("INVITE");
                }
                if (provisional.isEmpty() && now >= nextSend) {
                    send(invite); // Timer A: until a provisional response
                    nextSend = now + retransmit.toNanos();
                    retransmit = retransmit.multipliedBy(2);
                }
                long wait = Math.min(timerB, provisional.isEmpty() ? nextSend : timerB) - System.nanoTime();
                Optional<SipMessage> in = receive(wait);
                if (in.isEmpty() || !belongs(in.get(), "INVITE")) {
                    continue;
                }
                int status = statusOf(in.get());
                if (status < 200) {
                    provisional.add(status);
                } else {
                    answer = in.get();
                }
            }
            int status = statusOf(answer);
            // what the callee sent goes into our ACK and BYE: only a well-formed value, never one with a line break
            String to = answer.header("To").filter(SipText::isHeaderValue).orElse("<" + dialog.request().requestUri() + ">");
            if (status >= 300) {
                // §17.1.1.3: the ACK of a failure is part of the INVITE transaction (same branch)
                send(ack(inviteBranch, dialog.request().requestUri(), to));
                return new CallResult.Refused("INVITE", status, reason(answer));
            }
            String target = answer.header("Contact").map(SipMessage::uri).filter(SipText::isUri).orElse(dialog.request().requestUri());
            byte[] ack = ack(MAGIC_COOKIE + hex(8), target, to);
            send(ack);
            log.info("call {} answered {} after {}; ACK sent", dialog.callId(), status, provisional);
            sleep(hold);
            return bye(target, to, ack, provisional, status);
        }

        private CallResult bye(String target, String to, byte[] ack, List<Integer> provisional, int inviteStatus)
                throws IOException {
            byte[] bye = request("BYE", target, MAGIC_COOKIE + hex(8), to, 2, "");
            long timerF = System.nanoTime() + t1.multipliedBy(64).toNanos();
            Duration retransmit = t1;
            long nextSend = 0;
            while (System.nanoTime() < timerF) {
                if (System.nanoTime() >= nextSend) {
                    send(bye); // Timer E: T1 doubling, at most T2
                    nextSend = System.nanoTime() + retransmit.toNanos();
                    retransmit = retransmit.multipliedBy(2).compareTo(T2) > 0 ? T2 : retransmit.multipliedBy(2);
                }
                Optional<SipMessage> in = receive(Math.min(nextSend, timerF) - System.nanoTime());
                if (in.isEmpty()) {
                    continue;
                }
                if (belongs(in.get(), "INVITE") && statusOf(in.get()) >= 200) {
                    send(ack); // §13.2.2.4: a retransmitted 2xx gets the ACK again
                    continue;
                }
                if (belongs(in.get(), "BYE") && statusOf(in.get()) >= 200) {
                    int status = statusOf(in.get());
                    return status < 300 ? new CallResult.Completed(provisional, inviteStatus, status, dialog.callId())
                            : new CallResult.Refused("BYE", status, reason(in.get()));
                }
            }
            return new CallResult.TimedOut("BYE");
        }

        private byte[] invite() {
            String host = dialog.localHost();
            String sdp = "v=0\r\n"
                    + "o=- " + Math.abs(random.nextInt()) + " 1 IN IP4 " + host + "\r\n"
                    + "s=mip-aaa confirmed call\r\n"
                    + "c=IN IP4 " + host + "\r\n"
                    + "t=0 0\r\n"
                    + "m=audio 9 RTP/AVP 0\r\n" // port 9 (discard): no media is sent in this sketch of a call
                    + "a=rtpmap:0 PCMU/8000\r\n";
            return request("INVITE", dialog.request().requestUri(), inviteBranch, "<" + dialog.request().requestUri() + ">", 1, sdp);
        }

        private byte[] ack(String branch, String target, String to) {
            return request("ACK", target, branch, to, 1, "");
        }

        private byte[] request(String method, String uri, String branch, String to, int cseq, String sdp) {
            StringBuilder m = new StringBuilder()
                    .append(method).append(' ').append(uri).append(" SIP/2.0\r\n")
                    .append("Via: ").append(dialog.via(branch)).append("\r\n")
                    .append("Max-Forwards: 70\r\n")
                    .append("From: ").append(dialog.from()).append("\r\n")
                    .append("To: ").append(to).append("\r\n")
                    .append("Call-ID: ").append(dialog.callId()).append("\r\n")
                    .append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
            if (method.equals("INVITE")) {
                m.append("Contact: <sip:").append(dialog.localHost()).append(':').append(dialog.localPort()).append(">\r\n")
                 .append(ConfirmationProtocol.SIP_CONFIRMATION_ID_HEADER).append(": ").append(dialog.request().confirmationId()).append("\r\n")
                 .append("Content-Type: application/sdp\r\n");
            }
            byte[] body = sdp.getBytes(StandardCharsets.UTF_8);
            m.append("Content-Length: ").append(body.length).append("\r\n\r\n").append(sdp);
            return m.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** A response of this call to a {@code method} request. */
        private boolean belongs(SipMessage m, String method) {
            return m.isResponse() && dialog.callId().equals(m.header("Call-ID").orElse("")) && method.equals(m.cseqMethod());
        }

        private int statusOf(SipMessage response) {
            try {
                return response.status();
            } catch (MalformedSipException e) {
                return 0; // not reached: receive() drops responses without a valid status
            }
        }

        private void send(byte[] octets) throws IOException {
            socket.send(new DatagramPacket(octets, octets.length));
        }

        /** A well-formed message within {@code nanos}, or empty (timeout, or something to ignore). */
        private Optional<SipMessage> receive(long nanos) throws IOException {
            long ms = Math.max(1, nanos / 1_000_000);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, ms));
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(in);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            } catch (PortUnreachableException e) {
                // nobody listens at the callee's port (yet): the retransmission timers go on
                sleep(Duration.ofNanos(Math.min(nanos, t1.toNanos())));
                return Optional.empty();
            }
            try {
                SipMessage m = SipMessage.parse(in.getData(), in.getLength());
                if (m.isResponse()) {
                    m.status();
                }
                return Optional.of(m);
            } catch (MalformedSipException e) {
                log.info("ignored a malformed SIP message from {}: {}", dialog.request().callee(), e.getMessage());
                return Optional.empty();
            }
        }
    }

    private static String reason(SipMessage response) {
        String[] parts = response.startLine().split(" ", 3);
        return parts.length > 2 ? parts[2] : "";
    }

    private String hex(int octets) {
        byte[] b = new byte[octets];
        random.nextBytes(b);
        StringBuilder text = new StringBuilder(2 * b.length);
        for (byte x : b) {
            text.append(String.format("%02x", x & 0xFF));
        }
        return text.toString();
    }

    private static void sleep(Duration d) throws IOException {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted during the call");
        }
    }
}
