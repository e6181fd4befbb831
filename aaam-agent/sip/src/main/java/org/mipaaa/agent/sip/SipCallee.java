package org.mipaaa.agent.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

import org.mipaaa.dictionary.ConfirmationProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal SIP UAS over UDP (RFC 3261) on the callee's terminal: it answers an INVITE 100, 180, 200
 * only when its {@value ConfirmationProtocol#SIP_CONFIRMATION_ID_HEADER} carries an ID that
 * {@code confirmed} accepts (the terminal's issued, unexpired, unused IDs), else 403; answers BYE 200
 * and other requests 405. A retransmitted INVITE gets the same final response again, without checking
 * the ID a second time. Responses go back to the address the request came from (RFC 3581 rport).
 *
 * <p>Thread-safe: one thread serves the socket; the counters are atomic; close() may be called from any thread.
 */
public final class SipCallee implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SipCallee.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    /** Calls remembered for retransmissions. */
    private static final int REMEMBERED = 256;

    private final DatagramSocket socket;
    private final LongPredicate confirmed;
    private final Thread thread;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> finalResponses = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger hungUp = new AtomicInteger();

    private SipCallee(DatagramSocket socket, LongPredicate confirmed) {
        this.socket = socket;
        this.confirmed = confirmed;
        this.thread = new Thread(this::serve, "sip-callee-" + socket.getLocalPort());
        this.thread.setDaemon(true);
    }

    /** Binds {@code address} (port 0: any) and answers calls, each ID checked with {@code confirmed}. */
    public static SipCallee start(InetSocketAddress address, LongPredicate confirmed) throws SocketException {
        SipCallee callee = new SipCallee(new DatagramSocket(address), Objects.requireNonNull(confirmed, "confirmed"));
        callee.thread.start();
        return callee;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** INVITEs answered 200 (a confirmed ID). */
    public int acceptedCalls() {
        return accepted.get();
    }

    /** INVITEs answered 403 (no ID, or one not issued, expired or used). */
    public int refusedCalls() {
        return refused.get();
    }

    /** BYEs answered 200. */
    public int hungUpCalls() {
        return hungUp.get();
    }

    private void serve() {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(in);
                SipMessage m = SipMessage.parse(in.getData(), in.getLength());
                if (!m.isResponse()) {
                    handle(m, in.getSocketAddress());
                }
            } catch (MalformedSipException e) {
                log.info("SIP callee: dropped a malformed message: {}", e.getMessage());
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("SIP callee on {}: {}", socket.getLocalSocketAddress(), e.toString());
                }
            } catch (RuntimeException e) {
                log.error("SIP callee failed on a message from {}", in.getSocketAddress(), e);
            }
        }
    }

    private void handle(SipMessage request, SocketAddress from) throws IOException {
        String method = request.method();
        String key = request.header("Call-ID").orElse("") + " " + request.header("CSeq").orElse("");
        switch (method) {
            case "ACK":
                log.debug("SIP callee: ACK for {}", key);
                break;
            case "INVITE":
                byte[] again;
                synchronized (finalResponses) {
                    again = finalResponses.get(key);
                }
                if (again != null) {
                    send(again, from);
                    return;
                }
                String id = request.header(ConfirmationProtocol.SIP_CONFIRMATION_ID_HEADER).orElse("");
                byte[] answer;
                if (ID.matcher(id).matches() && confirmed.test(Long.parseUnsignedLong(id, 16))) {
                    String tag = ";tag=" + String.format("%08x", random.nextInt());
                    send(response(request, 100, "Trying", "", ""), from);
                    send(response(request, 180, "Ringing", tag, ""), from);
                    answer = response(request, 200, "OK", tag, sdp());
                    accepted.incrementAndGet();
                    log.info("SIP callee: call from a confirmed caller (ID {}) answered", id);
                } else {
                    answer = response(request, 403, "Unconfirmed Caller", ";tag=" + String.format("%08x", random.nextInt()), "");
                    refused.incrementAndGet();
                    log.info("SIP callee: INVITE refused, confirmation ID {} not issued by this terminal, expired or used",
                            id.isEmpty() ? "missing" : id);
                }
                synchronized (finalResponses) {
                    finalResponses.put(key, answer);
                }
                send(answer, from);

                break;
            case "BYE":
                hungUp.incrementAndGet(); // counted before the 200 leaves: whoever sees the 200 sees the count
                send(response(request, 200, "OK", "", ""), from);

                break;
            default:
                send(response(request, 405, "Method Not Allowed", "", ""), from);
                break;
        }
    }

    private byte[] response(SipMessage request, int status, String reason, String toTag, String sdp) {
        StringBuilder m = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String via : request.headers("Via")) {
            m.append("Via: ").append(via).append("\r\n");
        }
        String to = request.header("To").orElse("");
        m.append("From: ").append(request.header("From").orElse("")).append("\r\n")
         .append("To: ").append(to.contains(";tag=") ? to : to + toTag).append("\r\n")
         .append("Call-ID: ").append(request.header("Call-ID").orElse("")).append("\r\n")
         .append("CSeq: ").append(request.header("CSeq").orElse("")).append("\r\n");
        if (status == 200 && "INVITE".equals(request.method())) {
            InetSocketAddress here = address();
            m.append("Contact: <sip:").append(here.getAddress().getHostAddress()).append(':').append(here.getPort()).append(">\r\n")
             .append("Content-Type: application/sdp\r\n");
        }
        byte[] body = sdp.getBytes(StandardCharsets.UTF_8);
        m.append("Content-Length: ").append(body.length).append("\r\n\r\n").append(sdp);
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String sdp() {
        String host = address().getAddress().getHostAddress();
        return "v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=mip-aaa callee\r\nc=IN IP4 " + host
                + "\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    private void send(byte[] octets, SocketAddress to) throws IOException {
        socket.send(new DatagramPacket(octets, octets.length, to));
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
