package org.mipaaa.probe;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.parser.ParseException;
import org.jdiameter.client.impl.parser.MessageParser;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.ResultCodes;

/**
 * The probe's one connection to the peer under test: a bare socket (TLS or TCP) that sends exactly
 * the bytes a check builds, broken ones included, and reads whole messages back within a deadline.
 * The peer's watchdog requests are answered as a live peer would (RFC 3539 §3.4.1), so a slow check
 * does not lose the link. Every message is bounded by the 24-bit length of its header; one over
 * {@link #MAX_MESSAGE} is refused rather than read.
 */
final class ProbeLink implements AutoCloseable {

    /** The most requests of the peer kept while an exchange waits for its answer. */
    private static final int MAX_UNREAD = 16;
    private final Deque<Received> unread = new ArrayDeque<>();
    /** The largest message read: far beyond what any check provokes. */
    static final int MAX_MESSAGE = 1 << 20;

    private final MessageParser parser = new MessageParser();
    private final Socket socket;
    private final DataInputStream in;
    private final Dictionary dictionary;
    private final String ownHost;
    private final String ownRealm;
    private final AtomicLong ids = new AtomicLong(System.nanoTime() & 0x0FFF_FFFFL);

    private ProbeLink(Socket socket, Dictionary dictionary, String ownHost, String ownRealm) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.dictionary = dictionary;
        this.ownHost = ownHost;
        this.ownRealm = ownRealm;
    }

    /** Dials {@code address}; over TLS when {@code tls} is present (handshake done before this returns). */
    static ProbeLink connect(InetSocketAddress address, Optional<SSLContext> tls, Duration timeout, Dictionary dictionary,
                             String ownHost, String ownRealm) throws IOException {
        Socket plain = new Socket();
        plain.connect(address, (int) timeout.toMillis());
        Socket socket = plain;
        if (tls.isPresent()) {
            SSLSocket ssl = (SSLSocket) tls.get().getSocketFactory().createSocket(plain, address.getHostString(), address.getPort(), true);
            ssl.setSoTimeout((int) timeout.toMillis());
            ssl.startHandshake();
            socket = ssl;
        }
        return new ProbeLink(socket, dictionary, ownHost, ownRealm);
    }

    /**
     * Waits on {@code bind} for the peer to dial in (an AAAH that dials its home agents, a relay that
     * only connects out); over TLS the peer must present a certificate the trust store accepts.
     */
    static ProbeLink accept(InetSocketAddress bind, Optional<SSLContext> tls, Duration timeout, Dictionary dictionary,
                            String ownHost, String ownRealm) throws IOException {
        ServerSocket server = tls.isPresent() ? tls.get().getServerSocketFactory().createServerSocket() : new ServerSocket();
        try (server) {
            if (server instanceof SSLServerSocket ssl) {
                ssl.setNeedClientAuth(true);
            }
            server.setReuseAddress(true);
            server.bind(bind, 1);
            server.setSoTimeout((int) timeout.toMillis());
            Socket socket = server.accept();
            socket.setSoTimeout((int) timeout.toMillis());
            if (socket instanceof SSLSocket ssl) {
                ssl.startHandshake();
            }
            return new ProbeLink(socket, dictionary, ownHost, ownRealm);
        }
    }

    String ownHost() {
        return ownHost;
    }

    String ownRealm() {
        return ownRealm;
    }

    Dictionary dictionary() {
        return dictionary;
    }

    /** A new request with fresh identifiers, its header flags R and (when {@code proxiable}) P. */
    IMessage request(int command, long applicationId, boolean proxiable) {
        IMessage m = parser.createEmptyMessage(command, applicationId);
        m.setRequest(true);
        m.setProxiable(proxiable);
        long id = ids.incrementAndGet();
        m.setHopByHopIdentifier(id);
        m.setEndToEndIdentifier(id);
        return m;
    }

    /** A request with Session-Id (new, in {@code session} when given), Origin-Host and Origin-Realm. */
    IMessage sessionRequest(int command, long applicationId, String session) {
        IMessage m = request(command, applicationId, true);
        new AvpWriter(dictionary, m.getAvps())
                .add(AvpCodes.SESSION_ID, session)
                .add(AvpCodes.ORIGIN_HOST, ownHost)
                .add(AvpCodes.ORIGIN_REALM, ownRealm);
        return m;
    }

    /** A new Session-Id of this probe (RFC 6733 §8.8: the sender's identity first). */
    String newSession() {
        return ownHost + ";" + (System.currentTimeMillis() / 1000) + ";" + ids.incrementAndGet();
    }

    /** What one request got: the bytes sent, and the answer with its bytes, if one came in time. */
    record Exchange(byte[] sent, Optional<IMessage> answer, byte[] received) {
    }

    /** Sends {@code request} and waits up to {@code within} for the answer of the same Hop-by-Hop Identifier. */
    Exchange exchange(IMessage request, Duration within) throws IOException {
        byte[] sent = encode(request);
        write(sent);
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Optional<byte[]> next = read(deadline);
            if (next.isEmpty()) {
                return new Exchange(sent, Optional.empty(), new byte[0]);
            }
            IMessage m = decode(next.get());
            if (!m.isRequest() && m.getHopByHopIdentifier() == request.getHopByHopIdentifier()) {
                return new Exchange(sent, Optional.of(m), next.get());
            }
            if (m.isRequest() && m.getCommandCode() != CommandCodes.DEVICE_WATCHDOG && unread.size() < MAX_UNREAD) {
                // the peer's own request while we wait (an STR racing an ASA): kept for nextRequest
                unread.add(new Received(m, next.get()));
            }
            answerWatchdog(m);
        }
    }

    /** The next request of the peer other than a watchdog (each answered), within {@code within}. */
    Optional<Received> nextRequest(Duration within) throws IOException {
        if (!unread.isEmpty()) {
            return Optional.of(unread.poll());
        }
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Optional<byte[]> next = read(deadline);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            IMessage m = decode(next.get());
            if (m.isRequest() && m.getCommandCode() != CommandCodes.DEVICE_WATCHDOG) {
                return Optional.of(new Received(m, next.get()));
            }
            answerWatchdog(m);
        }
    }

    /** A message of the peer, with its bytes. */
    record Received(IMessage message, byte[] bytes) {
    }

    /** Sends {@code message} as it is; returns its bytes. */
    byte[] send(IMessage message) throws IOException {
        byte[] bytes = encode(message);
        write(bytes);
        return bytes;
    }

    /** The answer to {@code request} with {@code resultCode}, Origin-Host and Origin-Realm; same identifiers. */
    IMessage answer(IMessage request, long resultCode) {
        IMessage a = parser.createEmptyMessage(request.getCommandCode(), request.getApplicationId());
        a.setProxiable(request.isProxiable());
        a.setHopByHopIdentifier(request.getHopByHopIdentifier());
        a.setEndToEndIdentifier(request.getEndToEndIdentifier());
        AvpWriter avps = new AvpWriter(dictionary, a.getAvps());
        if (request.getAvps().getAvp(AvpCodes.SESSION_ID) != null) {
            avps.add(AvpCodes.SESSION_ID, request.getSessionId());
        }
        avps.add(AvpCodes.RESULT_CODE, resultCode)
                .add(AvpCodes.ORIGIN_HOST, ownHost)
                .add(AvpCodes.ORIGIN_REALM, ownRealm);
        return a;
    }

    byte[] encode(IMessage message) throws IOException {
        try {
            ByteBuffer bytes = parser.encodeMessage(message);
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (ParseException e) {
            throw new IOException("cannot encode " + message.getCommandCode() + ": " + e.getMessage(), e);
        }
    }

    private void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    private void answerWatchdog(IMessage m) throws IOException {
        if (m.isRequest() && m.getCommandCode() == CommandCodes.DEVICE_WATCHDOG) {
            send(answer(m, ResultCodes.SUCCESS));
        }
    }

    private IMessage decode(byte[] bytes) throws IOException {
        try {
            return parser.createMessage(bytes);
        } catch (Exception e) {
            throw new IOException("the peer sent a message that does not decode: " + e.getMessage(), e);
        }
    }

    /** The next whole message, or empty when none began before {@code deadline} (System.nanoTime). */
    private Optional<byte[]> read(long deadline) throws IOException {
        long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            return Optional.empty();
        }
        int before = socket.getSoTimeout();
        int first;
        try {
            socket.setSoTimeout((int) Math.max(1, left));
            first = in.readInt();
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } finally {
            socket.setSoTimeout(before);
        }
        int length = first & 0xFF_FFFF;
        if (length < 20 || length > MAX_MESSAGE) {
            throw new IOException("the peer sent a message header of length " + length);
        }
        byte[] message = new byte[length];
        ByteBuffer.wrap(message).putInt(first);
        in.readFully(message, 4, length - 4);
        return Optional.of(message);
    }

    /** True once the peer has closed its side: a read returns end of stream within {@code within}. */
    boolean closedByPeer(Duration within) throws IOException {
        int before = socket.getSoTimeout();
        try {
            socket.setSoTimeout((int) Math.max(1, within.toMillis()));
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset: closed as well
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(before);
            }
        }
    }

    /** The address of this end, as CER / CEA's Host-IP-Address. */
    InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
