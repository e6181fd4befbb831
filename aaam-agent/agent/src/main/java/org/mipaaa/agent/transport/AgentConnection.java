package org.mipaaa.agent.transport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;

import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.diameter.EndToEndIdentifiers;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mobile node's DIAMETER connection to its AAA server: TLS first (RFC 6733 §13: handshake with
 * the node's certificate, then CER/CEA, all within the endpoint's connect timeout), DWR from the server
 * answered with DWA, DPR on close. JSSE only; one reader thread.
 *
 * <p>An answer is taken only for the pending request whose Hop-by-Hop Identifier it carries, and only
 * when it also carries that request's End-to-End Identifier, Command-Code, Application-Id and Session-Id
 * (RFC 6733 §6.2); anything else is discarded, so an answer forged for another session or request is
 * never taken. Other requests from the server (the AAAH's User-Confirmation-Request) go to the
 * {@link ServerRequests} the owner registered, on a thread of their own so that a user deciding does not
 * hold up DWR/DWA or answers; at most {@value #MAX_QUEUED_SERVER_REQUESTS} wait, more are answered 3004
 * DIAMETER_TOO_BUSY.
 *
 * <p>Thread-safe: requests may be sent from several threads; answers complete their futures on the
 * reader thread (or the timeout's), so a caller must not block in a dependent stage of its future.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class AgentConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentConnection.class);
    /** The largest message the agent accepts from its server. */
    static final int MAX_MESSAGE = 1 << 20;
    /** Server requests waiting for the request thread, at most. */
    static final int MAX_QUEUED_SERVER_REQUESTS = 16;
    /** Requests of this side waiting for their answers, at most: a caller that never waits cannot grow the table. */
    static final int MAX_PENDING = 1024;

    private final AgentEndpoint endpoint;
    private final SSLSocket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong hopByHop = new AtomicLong(ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL);
    private final EndToEndIdentifiers endToEnd = new EndToEndIdentifiers();
    private final String peerHost;
    private final ServerRequests serverRequests;
    /** One thread, made on the first server request: a user deciding must not block the reader. */
    private final ThreadPoolExecutor requestThread = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED_SERVER_REQUESTS), r -> {
                Thread t = new Thread(r, "aaam-agent-server-request");
                t.setDaemon(true);
                return t;
            });
    /**
     * Answer timeouts (a scheduler of the connection's own: {@code CompletableFuture.orTimeout} is Java 9,
     * not Android 8); one daemon thread, stopped with the connection.
     */
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "aaam-agent-timeouts");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closing;
    /** Set when this side sent DPR: the server closing the connection then is expected, not a loss. */
    private volatile boolean disconnecting;

    private AgentConnection(AgentEndpoint endpoint, SSLSocket socket, DiameterMessage cea, ServerRequests serverRequests)
            throws IOException {
        this.endpoint = endpoint;
        this.serverRequests = serverRequests;
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.peerHost = cea.find(AvpCodes.ORIGIN_HOST).map(Avp::asUtf8).orElse("?");
        timers.setRemoveOnCancelPolicy(true);
    }

    /**
     * What the owner of a connection answers when the server sends a request other than DWR or DPR.
     * Returns the answer (its identifiers are the request's: {@link DiameterMessage#answerTo}), or null
     * when it does not serve that command (then 3001 DIAMETER_COMMAND_UNSUPPORTED goes back).
     */
    @FunctionalInterface
    public interface ServerRequests {
        ServerRequests NONE = request -> null;

        DiameterMessage answer(Received request);
    }

    /** Connects, runs the TLS handshake, then CER/CEA; fails unless the CEA says DIAMETER_SUCCESS from the expected server. */
    public static AgentConnection open(AgentEndpoint endpoint) throws IOException {
        return open(endpoint, ServerRequests.NONE);
    }

    /** As {@link #open(AgentEndpoint)}, answering the server's own requests with {@code serverRequests}. */
    public static AgentConnection open(AgentEndpoint endpoint, ServerRequests serverRequests) throws IOException {
        Objects.requireNonNull(serverRequests, "serverRequests");
        int timeout = (int) Math.min(Integer.MAX_VALUE, endpoint.connectTimeout().toMillis());
        Socket tcp = new Socket();
        // the whole set-up is bounded: a server trickling its handshake or CEA one octet at a time is cut off
        AtomicBoolean connected = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        // a timer thread of its own for the set-up (CompletableFuture.delayedExecutor is Java 9, not Android 8)
        Timer deadline = new Timer("aaam-agent-connect", true);
        deadline.schedule(new TimerTask() {
            @Override
            public void run() {
                if (!connected.get()) {
                    timedOut.set(true);
                    closeQuietly(tcp);
                }
            }
        }, timeout);
        SSLSocket ssl = null;
        try {
            tcp.setTcpNoDelay(true);
            tcp.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeout);
            ssl = (SSLSocket) endpoint.tls().getSocketFactory().createSocket(tcp, endpoint.host(), endpoint.port(), true);
            ssl.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            ssl.setSoTimeout(timeout);
            ssl.startHandshake();
            DataInputStream in = new DataInputStream(ssl.getInputStream());
            DiameterMessage cer = capabilitiesExchange(endpoint, ssl.getLocalAddress()).withIdentifiers(1, 1);
            byte[] cerBytes = DiameterCodec.encode(cer);
            ssl.getOutputStream().write(cerBytes);
            ssl.getOutputStream().flush();
            tap(endpoint, true, cerBytes);
            byte[] ceaBytes = readFrame(in);
            tap(endpoint, false, ceaBytes);
            DiameterMessage cea = DiameterCodec.decode(ceaBytes);
            long result = cea.find(AvpCodes.RESULT_CODE).map(AgentConnection::unsigned32OrZero).orElse(0L);
            if (cea.commandCode() != CommandCodes.CAPABILITIES_EXCHANGE || cea.isRequest() || result != ResultCodes.SUCCESS) {
                throw new IOException("capabilities exchange refused: command " + cea.commandCode() + ", Result-Code " + result);
            }
            ServerIdentity.check(cea.find(AvpCodes.ORIGIN_HOST).map(Avp::asUtf8).orElse(null), ssl.getSession(), endpoint.expectedServer());
            ssl.setSoTimeout(0);
            AgentConnection connection = new AgentConnection(endpoint, ssl, cea, serverRequests);
            if (!connected.compareAndSet(false, true) || tcp.isClosed()) {
                throw new IOException("connecting took longer than " + endpoint.connectTimeout());
            }
            Thread reader = new Thread(connection::readLoop, "aaam-agent-read");
            reader.setDaemon(true);
            reader.start();
            log.debug("connected to {} ({}) over {}", connection.peerHost, endpoint.host(), ssl.getSession().getProtocol());
            return connection;
        } catch (MalformedMessageException e) {
            closeQuietly(ssl != null ? ssl : tcp);
            throw new IOException("the server's answer to CER is not DIAMETER: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ssl != null ? ssl : tcp);
            if (timedOut.get() && !(e instanceof ServerIdentity.RefusedServerException)) {
                throw new IOException("connecting to " + endpoint.host() + ":" + endpoint.port() + " failed within "
                        + endpoint.connectTimeout() + ": " + e.getMessage(), e);
            }
            throw e instanceof IOException ? (IOException) e : new IOException(e);
        } finally {
            connected.set(true);
            deadline.cancel();
        }
    }

    private static long unsigned32OrZero(Avp avp) {
        return avp.data().length == 4 ? avp.asUnsigned32() : 0L;
    }

    /** The server's Origin-Host from its CEA. */
    public String peerHost() {
        return peerHost;
    }

    /** An answer (or a server request) as decoded, with the octets it came in (what message authentication covers). Immutable. */
    public static final class Received {
        private final DiameterMessage message;
        private final byte[] bytes;

        public Received(DiameterMessage message, byte[] bytes) {
            this.message = Objects.requireNonNull(message, "message");
            this.bytes = bytes.clone();
        }

        public DiameterMessage message() {
            return message;
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public String toString() {
            return "Received[" + message + ", " + bytes.length + " octets]";
        }
    }

    /** A request of this side waiting for its answer, and what that answer must carry (RFC 6733 §6.2). */
    private static final class Pending {
        final long endToEnd;
        final int commandCode;
        final long applicationId;
        final Optional<String> sessionId;
        final CompletableFuture<Received> answer = new CompletableFuture<>();

        Pending(DiameterMessage request) {
            this.endToEnd = request.endToEnd();
            this.commandCode = request.commandCode();
            this.applicationId = request.applicationId();
            this.sessionId = sessionId(request);
        }

        /** Why {@code m} is not this request's answer, or null when it is. */
        String mismatch(DiameterMessage m) {
            if (m.endToEnd() != endToEnd) {
                return "End-to-End " + m.endToEnd() + " of another request";
            }
            if (m.commandCode() != commandCode || m.applicationId() != applicationId) {
                return "command " + m.commandCode() + "/application " + m.applicationId() + " of another request";
            }
            if (sessionId.isPresent() && !sessionId.equals(sessionId(m))) {
                return "the Session-Id of another session";
            }
            return null;
        }
    }

    /** The Session-Id of {@code m}: its only Session-Id AVP; empty when it has none, or more than one. */
    static Optional<String> sessionId(DiameterMessage m) {
        Optional<Avp> first = Optional.empty();
        for (Avp a : m.avps()) {
            if (a.code() == AvpCodes.SESSION_ID && a.vendorId() == 0) {
                if (first.isPresent()) {
                    return Optional.empty();
                }
                first = Optional.of(a);
            }
        }
        return first.map(Avp::asUtf8);
    }

    /**
     * Sends a request (its Hop-by-Hop and End-to-End Identifiers are set here) and completes with its
     * answer, or exceptionally with a TimeoutException after the endpoint's timeout.
     */
    public CompletableFuture<DiameterMessage> request(DiameterMessage request) {
        return exchange(request.withIdentifiers(0, nextEndToEnd())).thenApply(Received::message);
    }

    /** A new End-to-End Identifier (RFC 6733 §3: unique for at least 4 minutes), for a request built before it is sent. */
    public long nextEndToEnd() {
        return endToEnd.next();
    }

    /**
     * Sends a request whose End-to-End Identifier is already set (a signed request covers it), with a
     * Hop-by-Hop Identifier set here; completes with its answer and the answer's octets, or
     * exceptionally with a TimeoutException after the endpoint's timeout or an IOException when the
     * connection is lost.
     */
    public CompletableFuture<Received> exchange(DiameterMessage request) {
        long hop = hopByHop.incrementAndGet() & 0xFFFFFFFFL;
        DiameterMessage sent = request.withIdentifiers(hop, request.endToEnd());
        Pending waiting = new Pending(sent);
        if (closing) {
            waiting.answer.completeExceptionally(new IOException("connection to " + peerHost + " closed"));
            return waiting.answer;
        }
        if (pending.size() >= MAX_PENDING) {
            waiting.answer.completeExceptionally(new IOException(MAX_PENDING + " requests already wait for their answers"));
            return waiting.answer;
        }
        pending.put(hop, waiting);
        try {
            write(sent);
        } catch (IOException e) {
            pending.remove(hop);
            waiting.answer.completeExceptionally(e);
            return waiting.answer;
        }
        ScheduledFuture<?> late;
        try {
            late = timers.schedule(() -> waiting.answer.completeExceptionally(new TimeoutException("no answer within " + endpoint.timeout())),
                    endpoint.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the connection closed meanwhile
            pending.remove(hop);
            waiting.answer.completeExceptionally(new IOException("connection to " + peerHost + " closed"));
            return waiting.answer;
        }
        return waiting.answer.whenComplete((a, f) -> {
            late.cancel(false);
            pending.remove(hop);
        });
    }

    private void readLoop() {
        try {
            while (!closing) {
                byte[] bytes = readFrame(in);
                tap(endpoint, false, bytes);
                DiameterMessage m = DiameterCodec.decode(bytes);
                if (m.isRequest() && m.commandCode() != CommandCodes.DEVICE_WATCHDOG
                        && m.commandCode() != CommandCodes.DISCONNECT_PEER) {
                    serveRequest(new Received(m, bytes));
                } else if (m.isRequest()) {
                    answerServerRequest(m, m.commandCode() == CommandCodes.DEVICE_WATCHDOG || m.commandCode() == CommandCodes.DISCONNECT_PEER
                            ? ResultCodes.SUCCESS : ResultCodes.COMMAND_UNSUPPORTED);
                } else {
                    take(m, bytes);
                }
            }
        } catch (IOException | MalformedMessageException e) {
            if (!closing && !disconnecting) {
                log.warn("connection to {} lost: {}", peerHost, e.toString());
            }
        } finally {
            closing = true;
            requestThread.shutdown();
            timers.shutdownNow();
            closeQuietly(socket);
            IOException lost = new IOException("connection to " + peerHost + " closed");
            pending.values().forEach(p -> p.answer.completeExceptionally(lost));
        }
    }

    /** Completes the pending request {@code m} answers; an answer to nothing pending, or not to that request, is discarded. */
    private void take(DiameterMessage m, byte[] bytes) {
        Pending waiting = pending.get(m.hopByHop());
        if (waiting == null) {
            log.debug("answer with unknown Hop-by-Hop {} from {} discarded", m.hopByHop(), peerHost);
            return;
        }
        String mismatch = waiting.mismatch(m);
        if (mismatch != null) {
            log.warn("answer on Hop-by-Hop {} from {} discarded: {}", m.hopByHop(), peerHost, mismatch);
            return;
        }
        pending.remove(m.hopByHop());
        waiting.answer.complete(new Received(m, bytes));
    }

    /** Hands a server request to {@link #serverRequests} on the request thread; 3001 when it has no answer, 3004 when too many wait. */
    private void serveRequest(Received request) throws IOException {
        try {
            requestThread.execute(() -> {
                try {
                    DiameterMessage answer = serverRequests.answer(request);
                    if (answer == null) {
                        answerServerRequest(request.message(), ResultCodes.COMMAND_UNSUPPORTED);
                    } else {
                        write(answer);
                    }
                } catch (IOException | RuntimeException e) {
                    log.warn("cannot answer command {} from {}: {}", request.message().commandCode(), peerHost, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            if (closing || requestThread.isShutdown()) {
                log.debug("closing: command {} from {} not answered", request.message().commandCode(), peerHost);
            } else {
                log.warn("{} requests from {} already wait: command {} answered DIAMETER_TOO_BUSY", MAX_QUEUED_SERVER_REQUESTS,
                        peerHost, request.message().commandCode());
                answerServerRequest(request.message(), ResultCodes.TOO_BUSY);
            }
        }
    }

    /** RFC 6733 §5.5 DWR and §5.4 DPR from the server with 2001; anything else with {@code result} and the E bit. */
    private void answerServerRequest(DiameterMessage request, int result) throws IOException {
        List<Avp> avps = new ArrayList<>();
        AgentConnection.sessionId(request).ifPresent(s -> avps.add(Avp.utf8(AvpCodes.SESSION_ID, s)));
        avps.add(Avp.unsigned32(AvpCodes.RESULT_CODE, result));
        avps.add(Avp.utf8(AvpCodes.ORIGIN_HOST, endpoint.originHost()));
        avps.add(Avp.utf8(AvpCodes.ORIGIN_REALM, endpoint.originRealm()));
        DiameterMessage answer = DiameterMessage.answerTo(request, avps);
        if (result != ResultCodes.SUCCESS) {
            answer = new DiameterMessage(answer.flags() | DiameterMessage.FLAG_ERROR, answer.commandCode(),
                    answer.applicationId(), answer.hopByHop(), answer.endToEnd(), answer.avps());
        }
        write(answer);
        if (request.commandCode() == CommandCodes.DISCONNECT_PEER) {
            closing = true;
            closeQuietly(socket);
        }
    }

    private synchronized void write(DiameterMessage message) throws IOException {
        byte[] bytes = DiameterCodec.encode(message);
        out.write(bytes);
        out.flush();
        tap(endpoint, true, bytes);
    }

    private static void tap(AgentEndpoint endpoint, boolean outgoing, byte[] bytes) {
        if (endpoint.wireTap() == WireTap.NONE) {
            return; // no copy of every message for nobody
        }
        try {
            endpoint.wireTap().message(outgoing, bytes.clone());
        } catch (RuntimeException e) {
            log.debug("the wire tap failed on a message: {}", e.toString());
        }
    }

    /** One frame: the 4-octet header says version 1 and a length of 20..{@link #MAX_MESSAGE}; the rest is read whole. */
    static byte[] readFrame(DataInputStream in) throws IOException, MalformedMessageException {
        int first = in.readInt();
        int length = first & 0xFFFFFF;
        if ((first >>> 24) != 1 || length < DiameterCodec.HEADER_LENGTH || length > MAX_MESSAGE) {
            throw new MalformedMessageException("not a DIAMETER header: version " + (first >>> 24) + ", length " + length);
        }
        byte[] bytes = new byte[length];
        bytes[0] = (byte) (first >>> 24);
        bytes[1] = (byte) (first >>> 16);
        bytes[2] = (byte) (first >>> 8);
        bytes[3] = (byte) first;
        in.readFully(bytes, 4, length - 4);
        return bytes;
    }

    private static DiameterMessage capabilitiesExchange(AgentEndpoint endpoint, InetAddress local) {
        List<Avp> avps = new ArrayList<>();
        avps.add(Avp.utf8(AvpCodes.ORIGIN_HOST, endpoint.originHost()));
        avps.add(Avp.utf8(AvpCodes.ORIGIN_REALM, endpoint.originRealm()));
        avps.add(Avp.address(AvpCodes.HOST_IP_ADDRESS, local));
        avps.add(Avp.unsigned32(AvpCodes.VENDOR_ID, 0));
        avps.add(Avp.utf8(AvpCodes.PRODUCT_NAME, "mip-aaa AAAM agent").optional());
        for (AgentEndpoint.Application app : endpoint.applications()) {
            if (app.vendorId() == 0) {
                avps.add(Avp.unsigned32(AvpCodes.AUTH_APPLICATION_ID, app.applicationId()));
            } else {
                avps.add(Avp.unsigned32(AvpCodes.SUPPORTED_VENDOR_ID, app.vendorId()));
                avps.add(Avp.grouped(AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID, 0, List.of(
                        Avp.unsigned32(AvpCodes.VENDOR_ID, app.vendorId()),
                        Avp.unsigned32(AvpCodes.AUTH_APPLICATION_ID, app.applicationId()))));
            }
        }
        return DiameterMessage.request(CommandCodes.CAPABILITIES_EXCHANGE, ApplicationIds.COMMON_MESSAGES, false, avps);
    }

    /** Sends DPR (RFC 6733 §5.4, cause REBOOTING), waits briefly for the DPA, and closes. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        disconnecting = true;
        try {
            List<Avp> avps = List.of(Avp.utf8(AvpCodes.ORIGIN_HOST, endpoint.originHost()),
                    Avp.utf8(AvpCodes.ORIGIN_REALM, endpoint.originRealm()),
                    Avp.unsigned32(AvpCodes.DISCONNECT_CAUSE, 0));
            request(DiameterMessage.request(CommandCodes.DISCONNECT_PEER, ApplicationIds.COMMON_MESSAGES, false, avps))
                    .get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("no DPA from {}: {}", peerHost, e.toString());
        } finally {
            closing = true;
            requestThread.shutdown();
            timers.shutdownNow();
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Whether the connection is still up. */
    public boolean isOpen() {
        return !closing && !socket.isClosed();
    }
}
