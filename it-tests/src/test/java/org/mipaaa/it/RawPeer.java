package org.mipaaa.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;

import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;

/**
 * A DIAMETER peer made of a bare socket: it sends exactly the bytes a test builds, including ones a
 * jDiameter stack would refuse to send (no Destination-Realm, say), and reads whole messages back.
 */
final class RawPeer implements AutoCloseable {

    private final MessageParser parser = new MessageParser();
    private final Socket socket;
    private final DataInputStream in;

    /** A plain TCP peer connected to {@code port} on loopback. */
    RawPeer(int port) throws IOException {
        this(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** {@code host}, with its certificate of the lab PKI in {@code tls}, over TLS to {@code port} on loopback, handshake done. */
    static RawPeer overTls(Path tls, String host, int port) throws Exception {
        SSLSocket socket = (SSLSocket) LabTls.context(tls, host, tls).getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port);
        socket.startHandshake();
        return new RawPeer(socket);
    }

    /** A peer over an already connected socket (plain, or TLS after its handshake). */
    RawPeer(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
    }

    /** Sends a CER (RFC 6733 §5.3.1) as {@code host} for {@code applicationId}; returns the CEA. */
    IMessage capabilitiesExchange(String host, String realm, long applicationId) throws Exception {
        send(capabilitiesExchangeRequest(host, realm, applicationId));
        return read();
    }

    /** A CER as {@code host} for {@code applicationId}. */
    IMessage capabilitiesExchangeRequest(String host, String realm, long applicationId) {
        IMessage cer = parser.createEmptyMessage(CommandCodes.CAPABILITIES_EXCHANGE, 0);
        cer.setRequest(true);
        cer.getAvps().addAvp(AvpCodes.ORIGIN_HOST, host, true, false, true);
        cer.getAvps().addAvp(AvpCodes.ORIGIN_REALM, realm, true, false, true);
        cer.getAvps().addAvp(AvpCodes.HOST_IP_ADDRESS, InetAddress.getLoopbackAddress(), true, false);
        cer.getAvps().addAvp(AvpCodes.VENDOR_ID, 0L, true, false, true);
        cer.getAvps().addAvp(AvpCodes.PRODUCT_NAME, "raw-peer", false, false, false);
        cer.getAvps().addAvp(AvpCodes.AUTH_APPLICATION_ID, applicationId, true, false, true);
        return cer;
    }

    /** The CEA (RFC 6733 §5.3.2) of {@code host} to {@code cer}: 2001, advertising {@code applicationIds}. */
    IMessage capabilitiesExchangeAnswer(IMessage cer, String host, String realm, long... applicationIds) {
        IMessage cea = parser.createEmptyMessage(CommandCodes.CAPABILITIES_EXCHANGE, 0);
        cea.setHopByHopIdentifier(cer.getHopByHopIdentifier());
        cea.setEndToEndIdentifier(cer.getEndToEndIdentifier());
        cea.getAvps().addAvp(AvpCodes.RESULT_CODE, 2001L, true, false, true);
        cea.getAvps().addAvp(AvpCodes.ORIGIN_HOST, host, true, false, true);
        cea.getAvps().addAvp(AvpCodes.ORIGIN_REALM, realm, true, false, true);
        cea.getAvps().addAvp(AvpCodes.HOST_IP_ADDRESS, InetAddress.getLoopbackAddress(), true, false);
        cea.getAvps().addAvp(AvpCodes.VENDOR_ID, 0L, true, false, true);
        cea.getAvps().addAvp(AvpCodes.PRODUCT_NAME, "raw-peer", false, false, false);
        for (long id : applicationIds) {
            cea.getAvps().addAvp(AvpCodes.AUTH_APPLICATION_ID, id, true, false, true);
        }
        return cea;
    }

    /**
     * Reads until the peer closes the connection and returns what came before, undecoded; a read
     * timeout (the socket's, 10 s) fails instead, so a peer that keeps the connection open is caught.
     */
    byte[] readUntilClosed() throws IOException {
        return in.readAllBytes();
    }

    /** A request of {@code command} with only a Session-Id, Origin-Host and Origin-Realm. */
    IMessage request(int command, long applicationId, String host, String realm) {
        IMessage m = parser.createEmptyMessage(command, applicationId);
        m.setRequest(true);
        m.setProxiable(true);
        m.getAvps().addAvp(AvpCodes.SESSION_ID, host + ";1;" + System.nanoTime(), false);
        m.getAvps().addAvp(AvpCodes.ORIGIN_HOST, host, true, false, true);
        m.getAvps().addAvp(AvpCodes.ORIGIN_REALM, realm, true, false, true);
        return m;
    }

    void send(IMessage message) throws Exception {
        write(encode(message));
    }

    byte[] encode(IMessage message) throws Exception {
        ByteBuffer bytes = parser.encodeMessage(message);
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
    }

    /** Sends raw bytes: whatever a test wants the node to see. */
    void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** The next whole message from the peer. */
    IMessage read() throws Exception {
        int first = in.readInt();
        int length = first & 0xFFFFFF;
        byte[] message = new byte[length];
        ByteBuffer.wrap(message).putInt(first);
        in.readFully(message, 4, length - 4);
        return parser.createMessage(message);
    }

    /**
     * The next answer from the peer; a Device-Watchdog-Request the peer sends meanwhile is answered
     * (RFC 3539 §3.4.1) as a live peer would, and skipped.
     */
    IMessage readAnswer(String ownHost, String ownRealm) throws Exception {
        // the peer's watchdogs keep the link busy: without a deadline a lost answer would wait for ever
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer within 30 s (only watchdog requests came)");
            }
            IMessage m = read();
            if (!m.isRequest()) {
                return m;
            }
            if (m.getCommandCode() == CommandCodes.DEVICE_WATCHDOG) {
                IMessage dwa = parser.createEmptyMessage(CommandCodes.DEVICE_WATCHDOG, 0);
                dwa.setHopByHopIdentifier(m.getHopByHopIdentifier());
                dwa.setEndToEndIdentifier(m.getEndToEndIdentifier());
                dwa.getAvps().addAvp(AvpCodes.RESULT_CODE, 2001L, true, false, true);
                dwa.getAvps().addAvp(AvpCodes.ORIGIN_HOST, ownHost, true, false, true);
                dwa.getAvps().addAvp(AvpCodes.ORIGIN_REALM, ownRealm, true, false, true);
                send(dwa);
            }
        }
    }

    /**
     * The answer of {@code host} to {@code request}: its command, application, identifiers and
     * Session-Id, {@code resultCode}, Origin-Host and Origin-Realm; the test adds the rest.
     */
    IMessage answer(IMessage request, long resultCode, String host, String realm) throws Exception {
        IMessage a = parser.createEmptyMessage(request.getCommandCode(), request.getApplicationId());
        a.setProxiable(request.isProxiable());
        a.setHopByHopIdentifier(request.getHopByHopIdentifier());
        a.setEndToEndIdentifier(request.getEndToEndIdentifier());
        if (request.getAvps().getAvp(AvpCodes.SESSION_ID) != null) {
            a.getAvps().addAvp(AvpCodes.SESSION_ID, request.getSessionId(), false);
        }
        a.getAvps().addAvp(AvpCodes.RESULT_CODE, resultCode, true, false, true);
        a.getAvps().addAvp(AvpCodes.ORIGIN_HOST, host, true, false, true);
        a.getAvps().addAvp(AvpCodes.ORIGIN_REALM, realm, true, false, true);
        return a;
    }

    /**
     * The next request other than a watchdog (each answered as a live peer would) that comes within
     * {@code within}; empty if none does.
     */
    java.util.Optional<IMessage> nextRequest(String ownHost, String ownRealm, java.time.Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int timeout = socket.getSoTimeout();
        try {
            while (true) {
                long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return java.util.Optional.empty();
                }
                socket.setSoTimeout((int) Math.max(1, left));
                IMessage m;
                try {
                    m = read();
                } catch (java.net.SocketTimeoutException e) {
                    return java.util.Optional.empty();
                }
                if (m.isRequest() && m.getCommandCode() == CommandCodes.DEVICE_WATCHDOG) {
                    send(answer(m, 2001L, ownHost, ownRealm));
                } else if (m.isRequest()) {
                    return java.util.Optional.of(m);
                }
            }
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
