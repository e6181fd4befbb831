package org.mipaaa.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLSocket;

import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.Configuration;
import org.jdiameter.api.InternalException;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.io.IConnection;
import org.jdiameter.client.api.io.IConnectionListener;
import org.jdiameter.client.api.io.TransportError;
import org.jdiameter.client.api.io.TransportException;
import org.jdiameter.client.api.parser.IMessageParser;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.trace.TracingMessageParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DIAMETER connection, in place of jDiameter's own ({@code <Extensions><Connection/>}): plain TCP
 * or TLS first (RFC 6733 §13: the handshake, then CER/CEA; no in-band "StartTls" exchange), TCP_NODELAY
 * and keep-alive on the socket, framing that refuses what is not DIAMETER ({@link FrameReader}), a
 * write timeout, and on TLS the check that the peer's Origin-Host in its CER/CEA is a name its
 * certificate vouches for. A peer of jdiameter.xml with a {@code security_ref} is reached over TLS.
 *
 * <p>One reader thread per connection; writes happen on the caller's thread, one {@code write} per
 * message.
 */
public class DiameterConnection implements IConnection {

    private static final Logger log = LoggerFactory.getLogger(DiameterConnection.class);

    /** Messages written in one system call when several wait: TCP_NODELAY without a packet each. */
    private static final int WRITE_BATCH = 64 * 1024;
    /** Octets queued behind a blocked write before senders are refused (the write timeout ends it). */
    private static final long MAX_QUEUED = 16L * 1024 * 1024;

    /** Events kept while jDiameter has not yet attached a listener (an accepted connection). */
    private static final int MAX_BUFFERED_EVENTS = 64;

    private final TransportSettings settings;
    private final TlsContext tls;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final long createdTime = System.currentTimeMillis();
    private final List<IConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final Deque<Event> buffered = new ArrayDeque<>();
    private final ReentrantLock dispatch = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> pendingWrites = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong queuedOctets = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean disconnectedFired = new AtomicBoolean();
    private final boolean networkInitiated;
    private final ConnectionWatchdog watchdog;
    private final boolean ownWatchdog;
    /** Told once when an accepted connection ends (the acceptor counts its open connections). */
    private final Runnable onClosed;
    /** Told once when an accepted connection's peer has passed CER (it no longer counts as unauthenticated). */
    private final Runnable onAuthenticated;
    /** The peers connected now as mobile nodes by their certificate (the node's policy reads it). */
    private final CertifiedMobileNodes mobileNodes;
    private final TransportEvents events;
    /** The configured peer(s) this connection dials (its CEA must name one), null for an accepted one. */
    private final Set<String> dialledHosts;

    private volatile IMessageParser parser;
    private volatile Socket socket;
    private volatile OutputStream out;
    private volatile long writeStartedNanos;
    private volatile long messageStartedNanos;
    private volatile Set<String> certifiedNames;
    /** The peer's certificate is for TLS clients only: a mobile node's, never a server's. */
    private volatile boolean clientOnlyCertificate;
    private volatile boolean identityChecked;
    /** The peer's Origin-Host once its first message arrived, for log lines. */
    private volatile String peerName;
    /** When the connection opened: an accepted peer has {@code authenticationTimeout} to send its CER. */
    private volatile long openedNanos;
    /** The host this connection admitted as a mobile node by its certificate, to forget when it closes. */
    private volatile String admittedMobileNode;

    /** jDiameter's constructor for a connection it opens to a peer. */
    public DiameterConnection(Configuration config, IConcurrentFactory concurrentFactory, InetAddress remoteAddress,
                              int remotePort, InetAddress localAddress, int localPort, IMessageParser parser, String ref) {
        this.settings = settingsOf(config);
        this.tls = TransportSettings.isTls(ref) ? tlsOf(config, ref) : null;
        ConnectionWatchdog shared = config instanceof TransportConfiguration t ? t.connectionWatchdog() : null;
        this.watchdog = shared != null ? shared : new ConnectionWatchdog("diameter");
        this.ownWatchdog = shared == null;
        this.remote = new InetSocketAddress(remoteAddress, remotePort);
        this.local = localAddress == null ? null : new InetSocketAddress(localAddress, localPort);
        this.parser = parser;
        this.networkInitiated = false;
        this.onClosed = () -> { };
        this.onAuthenticated = () -> { };
        this.mobileNodes = config instanceof TransportConfiguration t ? t.certifiedMobileNodes() : new CertifiedMobileNodes();
        this.events = config instanceof TransportConfiguration t ? t.transportEvents() : TransportEvents.NONE;
        this.dialledHosts = settings.admission().dialledPeers().get(remoteAddress.getHostAddress() + ":" + remotePort);
    }

    /** jDiameter's constructor for a connection it opens to a peer, with its listener. */
    public DiameterConnection(Configuration config, IConcurrentFactory concurrentFactory, InetAddress remoteAddress,
                              int remotePort, InetAddress localAddress, int localPort, IConnectionListener listener,
                              IMessageParser parser, String ref) {
        this(config, concurrentFactory, remoteAddress, remotePort, localAddress, localPort, parser, ref);
        listeners.add(listener);
    }

    /**
     * A connection a peer opened to us, TLS handshake already done when {@code certifiedNames} is
     * not null. Reading starts at once.
     */
    DiameterConnection(Socket accepted, TransportSettings settings, ConnectionWatchdog watchdog, IMessageParser parser,
                       Set<String> certifiedNames, boolean clientOnlyCertificate, CertifiedMobileNodes mobileNodes,
                       Runnable onAuthenticated, Runnable onClosed) throws IOException {
        this.onClosed = onClosed;
        this.onAuthenticated = onAuthenticated;
        this.mobileNodes = mobileNodes;
        this.events = TransportEvents.NONE; // the network guard reports the handshakes of accepted connections
        this.dialledHosts = null;
        this.clientOnlyCertificate = clientOnlyCertificate;
        this.settings = settings;
        this.watchdog = watchdog;
        this.ownWatchdog = false;
        this.tls = null;
        this.remote = (InetSocketAddress) accepted.getRemoteSocketAddress();
        this.local = (InetSocketAddress) accepted.getLocalSocketAddress();
        this.parser = parser;
        this.networkInitiated = true;
        this.certifiedNames = certifiedNames;
        open(accepted);
    }

    private static TransportSettings settingsOf(Configuration config) {
        return config instanceof TransportConfiguration t ? t.transportSettings() : TransportSettings.defaults();
    }

    private static TlsContext tlsOf(Configuration config, String ref) {
        TlsContext context = config instanceof TransportConfiguration t ? t.tlsContext() : null;
        if (context == null) {
            throw new IllegalStateException("peer needs TLS (security_ref=\"" + ref + "\") but the node has no tls.keystore");
        }
        return context;
    }

    @Override
    public void connect() throws TransportException {
        // jDiameter keeps one connection object per configured peer and calls connect() again after a
        // disconnect: every connection-scoped state starts afresh
        closing.set(false);
        disconnectedFired.set(false);
        identityChecked = false;
        certifiedNames = null;
        peerName = null;
        closeReason = null;
        messageStartedNanos = 0;
        writeStartedNanos = 0;
        pendingWrites.clear();
        queuedOctets.set(0);
        Socket s = new Socket();
        boolean handshaking = false;
        try {
            configure(s);
            if (local != null) {
                s.bind(new InetSocketAddress(local.getAddress(), local.getPort()));
            }
            s.connect(remote, (int) settings.connectTimeout().toMillis());
            if (tls != null) {
                SSLSocket ssl = tls.client(s);
                ssl.setSoTimeout((int) settings.connectTimeout().toMillis());
                handshaking = true;
                ssl.startHandshake();
                if (!TlsContext.isServer(ssl.getSession())) {
                    throw new IOException("the certificate of " + remote + " is not a server's (extended key usage)");
                }
                certifiedNames = TlsContext.identities(ssl.getSession());
                handshaking = false;
                events.tlsHandshake(false, true);
                log.debug("TLS {} with {} ({}), certificate names {}", ssl.getSession().getProtocol(), remote,
                        ssl.getSession().getCipherSuite(), certifiedNames);
                s = ssl;
            }
            open(s);
        } catch (IOException | RuntimeException e) {
            if (handshaking) {
                events.tlsHandshake(false, false);
            }
            closeQuietly(s);
            throw new TransportException("cannot connect to " + remote + ": " + e.getMessage(), TransportError.NetWorkError, e);
        }
        fire(new Event(EventKind.CONNECTED, null));
    }

    private void configure(Socket s) throws IOException {
        // jDiameter never sets it: Nagle against the peer's delayed ACK costs ~40 ms per exchange
        s.setTcpNoDelay(true);
        s.setKeepAlive(settings.keepAlive());
    }

    private void open(Socket s) throws IOException {
        configure(s);
        s.setSoTimeout(0);
        this.socket = s;
        this.openedNanos = System.nanoTime();
        watchdog.watch(this);
        this.out = s.getOutputStream();
        Thread reader = new Thread(this::readLoop, "diameter-read-" + remote);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        FrameReader frames;
        try {
            frames = new FrameReader(socket.getInputStream(), settings.maxMessageLength(), new FrameReader.Progress() {
                @Override
                public void messageStarted() {
                    messageStartedNanos = System.nanoTime();
                }

                @Override
                public void messageComplete() {
                    messageStartedNanos = 0;
                }
            });
        } catch (IOException e) {
            shutdown("cannot read: " + e.getMessage());
            return;
        }
        try {
            byte[] message;
            while ((message = frames.next()) != null) {
                if (peerName == null) {
                    peerName = Frames.originHost(message);
                }
                checkIdentity(message);
                fire(new Event(EventKind.MESSAGE, message));
            }
            shutdown(null);
        } catch (FramingException e) {
            log.warn("closing DIAMETER connection with {}: {}", peer(), e.getMessage());
            shutdown(e.getMessage());
        } catch (IOException e) {
            String reason = closeReason;
            if (reason != null) {
                log.warn("closing DIAMETER connection with {}: {}", peer(), reason);
            } else if (!closing.get()) {
                log.debug("connection with {} lost: {}", peer(), e.toString());
            }
            shutdown(reason);
        }
    }

    /** Why the watchdog closed the connection, for the log line of the reader it unblocks. */
    private volatile String closeReason;

    /**
     * Called by the {@link ConnectionWatchdog}: closes the connection when a message has been arriving
     * for longer than the message timeout (a slow trickle) or a write has been blocked longer than the
     * write timeout (a peer that stopped reading). Closing the socket ends the blocked read or write.
     */
    void checkDeadlines(long now) {
        long message = messageStartedNanos;
        long write = writeStartedNanos;
        String reason = null;
        long opened = openedNanos;
        if (networkInitiated && !identityChecked && opened != 0
                && now - opened > settings.admission().authenticationTimeout().toNanos()) {
            reason = "no CER within " + settings.admission().authenticationTimeout().toMillis() + " ms";
        } else if (message != 0 && now - message > settings.messageTimeout().toNanos()) {
            reason = "message not complete within " + settings.messageTimeout().toMillis() + " ms";
        } else if (write != 0 && now - write > settings.writeTimeout().toNanos()) {
            reason = "a write blocked for more than " + settings.writeTimeout().toMillis() + " ms";
        }
        if (reason != null && closing.compareAndSet(false, true)) {
            closeReason = reason;
            closeQuietly(socket);
        }
    }

    /**
     * The first message (CER from a peer that connected, CEA from one we connected to) names the peer,
     * and is the only one that may come first.
     * <ul>
     * <li>A peer we dialled must answer as the configured peer we dialled (its CEA's Origin-Host); on
     *     TLS its certificate must also name it.</li>
     * <li>On TLS, a peer's Origin-Host must be a name its certificate vouches for. A configured peer's
     *     certificate must be a server's; a peer jdiameter.xml does not list is admitted only as a
     *     mobile node, with a certificate for clients only, when the node admits mobile nodes.</li>
     * <li>On plain TCP, a peer must be configured, and not for TLS (it would be impersonated without
     *     any proof).</li>
     * </ul>
     * jDiameter then checks the rest (a configured peer, or an undefined one when it accepts those).
     */
    private void checkIdentity(byte[] message) throws FramingException {
        if (identityChecked) {
            return;
        }
        identityChecked = true;
        int command = ((message[5] & 0xFF) << 16) | ((message[6] & 0xFF) << 8) | (message[7] & 0xFF);
        if (command != CommandCodes.CAPABILITIES_EXCHANGE) {
            throw new FramingException("first message is command " + command + ", not CER/CEA");
        }
        String origin = Frames.originHost(message);
        String host = origin == null ? null : origin.toLowerCase(java.util.Locale.ROOT);
        TransportSettings.Admission admission = settings.admission();
        if (!networkInitiated) {
            if (dialledHosts != null && !dialledHosts.contains(host)) {
                throw new FramingException("dialled " + dialledHosts + " but the CEA comes from " + host);
            }
            if (certifiedNames != null && (host == null || !certifiedNames.contains(host))) {
                throw new FramingException("Origin-Host " + host + " is not a name of the peer's certificate " + certifiedNames);
            }
            return;
        }
        boolean configured = host != null && admission.configuredPeers().contains(host);
        if (certifiedNames == null) {
            if (host != null && settings.tlsOnlyPeers().contains(host)) {
                throw new FramingException(host + " is configured for TLS and may not connect over plain TCP");
            }
            if (admission.listsPeers() && !configured) {
                throw new FramingException(host + " is no configured peer (a mobile node comes over TLS with its certificate)");
            }
        } else {
            if (host == null || !certifiedNames.contains(host)) {
                throw new FramingException("Origin-Host " + host + " is not a name of the peer's certificate " + certifiedNames);
            }
            if (configured && clientOnlyCertificate) {
                throw new FramingException(host + " presents a certificate for clients only, never a server's identity");
            }
            if (!configured && admission.listsPeers()) {
                if (!admission.mobileNodes() || !clientOnlyCertificate) {
                    throw new FramingException(host + " is no configured peer" + (admission.mobileNodes()
                            ? " and its certificate is not a mobile node's" : " and this node admits no mobile node"));
                }
                mobileNodes.admitted(host);
                admittedMobileNode = host;
            }
        }
        onAuthenticated.run();
    }

    @Override
    public void sendMessage(IMessage message) throws TransportException {
        if (out == null || closing.get()) {
            throw new TransportException("connection with " + remote + " is closed", TransportError.FailedSendMessage);
        }
        byte[] bytes;
        try {
            ByteBuffer encoded = parser.encodeMessage(message);
            bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
        } catch (Exception e) {
            throw new TransportException("cannot encode a message for " + remote + ": " + e.getMessage(), TransportError.FailedSendMessage, e);
        }
        if (queuedOctets.addAndGet(bytes.length) > MAX_QUEUED) {
            queuedOctets.addAndGet(-bytes.length);
            throw new TransportException("send queue to " + peer() + " is full: the peer does not read", TransportError.FailedSendMessage);
        }
        pendingWrites.add(bytes);
        try {
            flushPending();
        } catch (IOException e) {
            throw new TransportException("cannot send to " + remote + ": " + e.getMessage(), TransportError.FailedSendMessage, e);
        }
    }

    /**
     * Writes what waits, several messages per system call when senders overlap: a thread that finds
     * another one writing leaves its message in the queue for it. Each caller returns once its message
     * is with a writer, as with a kernel send buffer. A lone message is written as it is; a batch is
     * copied into one array of exactly its size (never a buffer of {@code WRITE_BATCH} per call).
     */
    private void flushPending() throws IOException {
        while (!pendingWrites.isEmpty() && writeLock.tryLock()) {
            try {
                byte[] bytes = nextBatch(pendingWrites, WRITE_BATCH);
                if (bytes == null) {
                    continue;
                }
                queuedOctets.addAndGet(-bytes.length);
                writeStartedNanos = System.nanoTime();
                try {
                    out.write(bytes);
                    out.flush();
                } finally {
                    writeStartedNanos = 0;
                }
            } finally {
                writeLock.unlock();
            }
        }
    }

    /**
     * Takes messages off {@code queue} while they add up to less than {@code limit} octets (at least
     * one, whatever its size) and returns them as one array, in order; null when the queue is empty.
     */
    static byte[] nextBatch(java.util.Queue<byte[]> queue, int limit) {
        byte[] first = queue.poll();
        if (first == null) {
            return null;
        }
        if (first.length >= limit || queue.isEmpty()) {
            return first;
        }
        java.util.List<byte[]> batch = new java.util.ArrayList<>();
        batch.add(first);
        int size = first.length;
        byte[] next;
        while (size < limit && (next = queue.poll()) != null) {
            batch.add(next);
            size += next.length;
        }
        byte[] bytes = new byte[size];
        int at = 0;
        for (byte[] b : batch) {
            System.arraycopy(b, 0, bytes, at, b.length);
            at += b.length;
        }
        return bytes;
    }

    private void shutdown(String reason) {
        closing.set(true);
        closeQuietly(socket);
        pendingWrites.clear();
        queuedOctets.set(0);
        watchdog.forget(this);
        String mobileNode = admittedMobileNode;
        if (mobileNode != null) {
            admittedMobileNode = null;
            mobileNodes.gone(mobileNode);
        }
        if (disconnectedFired.compareAndSet(false, true)) {
            if (reason != null) {
                log.debug("connection with {} closed: {}", remote, reason);
            }
            onClosed.run();
            fire(new Event(EventKind.DISCONNECTED, null));
        }
    }

    private void fire(Event event) {
        dispatch.lock();
        try {
            if (listeners.isEmpty()) {
                if (buffered.size() >= MAX_BUFFERED_EVENTS) {
                    log.warn("closing DIAMETER connection with {}: nobody takes its messages", remote);
                    closing.set(true);
                    closeQuietly(socket);
                    return;
                }
                buffered.add(event);
                return;
            }
            deliver(event);
        } finally {
            dispatch.unlock();
        }
    }

    private void deliver(Event event) {
        String key = getKey();
        for (IConnectionListener listener : listeners) {
            switch (event.kind) {
                case CONNECTED -> listener.connectionOpened(key);
                case DISCONNECTED -> listener.connectionClosed(key, null);
                case MESSAGE -> {
                    IMessageParser p = parser;
                    if (p == null) {
                        return;
                    }
                    try {
                        IMessage message = p instanceof TracingMessageParser tracing
                                ? tracing.createMessage(event.message, peerName) : p.createMessage(event.message);
                        listener.messageReceived(key, message);
                    } catch (AvpDataException e) {
                        listener.internalError(key, null, new TransportException("message from " + remote + " does not decode",
                                TransportError.ReceivedBrokenMessage, e));
                    }
                }
            }
        }
    }

    @Override
    public void addConnectionListener(IConnectionListener listener) {
        dispatch.lock();
        try {
            listeners.add(listener);
            while (!buffered.isEmpty()) {
                deliver(buffered.poll());
            }
        } finally {
            dispatch.unlock();
        }
    }

    @Override
    public void remAllConnectionListener() {
        listeners.clear();
    }

    @Override
    public void remConnectionListener(IConnectionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void disconnect() {
        closing.set(true);
        closeQuietly(socket);
    }

    @Override
    public void release() throws IOException {
        disconnect();
        remAllConnectionListener();
        parser = null;
        if (ownWatchdog) {
            watchdog.close();
        }
    }

    @Override
    public boolean isConnected() {
        Socket s = socket;
        return s != null && s.isConnected() && !s.isClosed() && !closing.get();
    }

    @Override
    public boolean isNetworkInitiated() {
        return networkInitiated;
    }

    @Override
    public long getCreatedTime() {
        return createdTime;
    }

    @Override
    public String getKey() {
        return "aaa://" + remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return remote.getAddress();
    }

    @Override
    public int getRemotePort() {
        return remote.getPort();
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws InternalException {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> type) throws InternalException {
        return null;
    }

    /** The peer for a log line: its Origin-Host when known, and its address. */
    private String peer() {
        String name = peerName;
        return name == null ? remote.toString() : name + " (" + remote + ")";
    }

    @Override
    public String toString() {
        return "DiameterConnection[" + getKey() + (certifiedNames != null ? ", TLS" : "") + "]";
    }

    static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed or broken: nothing left to release
            }
        }
    }

    private enum EventKind { CONNECTED, DISCONNECTED, MESSAGE }

    private record Event(EventKind kind, byte[] message) {
    }
}
