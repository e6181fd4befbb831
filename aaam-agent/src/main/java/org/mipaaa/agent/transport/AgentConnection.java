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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * the node's certificate, then CER/CEA), requests matched to answers by Hop-by-Hop Identifier, DWR from
 * the server answered with DWA, DPR on close. JSSE only; one reader thread. Other requests from the
 * server (the AAAH's User-Confirmation-Request) go to the {@link ServerRequests} the owner registered,
 * on a thread of their own so that a user deciding does not hold up DWR/DWA or answers.
 */
public final class AgentConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentConnection.class);
    /** The largest message the agent accepts from its server. */
    private static final int MAX_MESSAGE = 1 << 20;

    private final AgentEndpoint endpoint;
    private final SSLSocket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Map<Long, CompletableFuture<Received>> pending = new ConcurrentHashMap<>();
    private final AtomicLong hopByHop = new AtomicLong(ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL);
    private final EndToEndIdentifiers endToEnd = new EndToEndIdentifiers();
    private final String peerHost;
    private final ServerRequests serverRequests;
    /** One thread, made on the first server request: a user deciding must not block the reader. */
    private final ExecutorService requestThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aaam-agent-server-request");
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

    /** Connects, runs the TLS handshake, then CER/CEA; fails unless the CEA says DIAMETER_SUCCESS. */
    public static AgentConnection open(AgentEndpoint endpoint) throws IOException {
        return open(endpoint, ServerRequests.NONE);
    }

    /** As {@link #open(AgentEndpoint)}, answering the server's own requests with {@code serverRequests}. */
    public static AgentConnection open(AgentEndpoint endpoint, ServerRequests serverRequests) throws IOException {
        int timeout = (int) endpoint.timeout().toMillis();
        Socket tcp = new Socket();
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
            ssl.getOutputStream().write(DiameterCodec.encode(cer));
            ssl.getOutputStream().flush();
            DiameterMessage cea = read(in);
            long result = cea.find(AvpCodes.RESULT_CODE).map(Avp::asUnsigned32).orElse(0L);
            if (cea.commandCode() != CommandCodes.CAPABILITIES_EXCHANGE || cea.isRequest() || result != ResultCodes.SUCCESS) {
                throw new IOException("capabilities exchange refused: command " + cea.commandCode() + ", Result-Code " + result);
            }
            ServerIdentity.check(cea.find(AvpCodes.ORIGIN_HOST).map(Avp::asUtf8).orElse(null), ssl.getSession(), endpoint.expectedServer());
            ssl.setSoTimeout(0);
            AgentConnection connection = new AgentConnection(endpoint, ssl, cea, serverRequests);
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
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /** The server's Origin-Host from its CEA. */
    public String peerHost() {
        return peerHost;
    }

    /** An answer as decoded, with the octets it came in (what message authentication covers). */
    public record Received(DiameterMessage message, byte[] bytes) {
        public Received {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
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
     * Hop-by-Hop Identifier set here; completes with the answer and its octets, or exceptionally with a
     * TimeoutException after the endpoint's timeout or an IOException when the connection is lost.
     */
    public CompletableFuture<Received> exchange(DiameterMessage request) {
        long hop = hopByHop.incrementAndGet() & 0xFFFFFFFFL;
        CompletableFuture<Received> answer = new CompletableFuture<>();
        pending.put(hop, answer);
        try {
            write(request.withIdentifiers(hop, request.endToEnd()));
        } catch (IOException e) {
            pending.remove(hop);
            answer.completeExceptionally(e);
            return answer;
        }
        return answer.orTimeout(endpoint.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((a, f) -> pending.remove(hop));
    }

    private void readLoop() {
        try {
            while (!closing) {
                byte[] bytes = readBytes(in);
                DiameterMessage m = DiameterCodec.decode(bytes);
                if (m.isRequest() && m.commandCode() != CommandCodes.DEVICE_WATCHDOG
                        && m.commandCode() != CommandCodes.DISCONNECT_PEER) {
                    serveRequest(new Received(m, bytes));
                } else if (m.isRequest()) {
                    answerServerRequest(m);
                } else {
                    CompletableFuture<Received> waiting = pending.remove(m.hopByHop());
                    if (waiting != null) {
                        waiting.complete(new Received(m, bytes));
                    } else {
                        log.debug("answer with unknown Hop-by-Hop {} from {}", m.hopByHop(), peerHost);
                    }
                }
            }
        } catch (IOException | MalformedMessageException e) {
            if (!closing && !disconnecting) {
                log.warn("connection to {} lost: {}", peerHost, e.toString());
            }
        } finally {
            closing = true;
            requestThread.shutdown();
            closeQuietly(socket);
            IOException lost = new IOException("connection to " + peerHost + " closed");
            pending.values().forEach(f -> f.completeExceptionally(lost));
        }
    }

    /** Hands a server request to {@link #serverRequests} on the request thread; 3001 when it has no answer. */
    private void serveRequest(Received request) throws IOException {
        try {
            requestThread.execute(() -> {
                try {
                    DiameterMessage answer = serverRequests.answer(request);
                    if (answer == null) {
                        answerServerRequest(request.message());
                    } else {
                        write(answer);
                    }
                } catch (IOException | RuntimeException e) {
                    log.warn("cannot answer command {} from {}: {}", request.message().commandCode(), peerHost, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("closing: command {} from {} not answered", request.message().commandCode(), peerHost);
        }
    }

    /** RFC 6733 §5.5 DWR and §5.4 DPR from the server; anything else gets 3001 with the E bit. */
    private void answerServerRequest(DiameterMessage request) throws IOException {
        int result = switch (request.commandCode()) {
            case CommandCodes.DEVICE_WATCHDOG, CommandCodes.DISCONNECT_PEER -> ResultCodes.SUCCESS;
            default -> ResultCodes.COMMAND_UNSUPPORTED;
        };
        List<Avp> avps = new ArrayList<>();
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
        out.write(DiameterCodec.encode(message));
        out.flush();
    }

    private static DiameterMessage read(DataInputStream in) throws IOException, MalformedMessageException {
        return DiameterCodec.decode(readBytes(in));
    }

    private static byte[] readBytes(DataInputStream in) throws IOException, MalformedMessageException {
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
