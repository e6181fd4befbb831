package org.mipaaa.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

import org.jdiameter.client.api.io.IConnection;
import org.jdiameter.client.api.parser.IMessageParser;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.server.api.IMetaData;
import org.jdiameter.server.api.io.INetworkConnectionListener;
import org.jdiameter.server.api.io.INetworkGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts DIAMETER connections, in place of jDiameter's acceptor ({@code <Extensions><NetworkGuard/>}):
 * plain TCP on the node's URI port (when {@code transport.tcp.listen}) and TLS on
 * {@code transport.tls.port}, where the TLS handshake, with a certificate the node trusts, comes
 * before any DIAMETER byte is read (RFC 6733 §13). Handshakes run on a small bounded pool, so a slow
 * or hostile client delays nobody's accept; beyond the pool a new TLS connection is closed at once.
 */
public class DiameterNetworkGuard implements INetworkGuard {

    private static final Logger log = LoggerFactory.getLogger(DiameterNetworkGuard.class);

    private final TransportSettings settings;
    private final TlsContext tls;
    private final ConnectionWatchdog watchdog;
    private final boolean ownWatchdog;
    private final IMessageParser parser;
    private final List<INetworkConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final List<IConnection> unclaimed = new ArrayList<>();
    private final List<ServerSocket> servers = new ArrayList<>();
    private final ExecutorService handshakes;
    /** Accepted connections open now (including those still in their TLS handshake). */
    private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
    /** Accepted connections not yet past CER, per source address: one address cannot hold every slot. */
    private final java.util.Map<InetAddress, Integer> unauthenticated = new java.util.HashMap<>();
    private final CertifiedMobileNodes mobileNodes;
    private final TransportEvents events;
    private volatile boolean running = true;

    /** jDiameter's constructor (see its server TransportLayerFactory). */
    public DiameterNetworkGuard(InetAddress[] addresses, int port, IConcurrentFactory concurrentFactory,
                                IMessageParser parser, IMetaData metaData) throws IOException {
        org.jdiameter.api.Configuration config = metaData.getConfiguration();
        this.settings = config instanceof TransportConfiguration t ? t.transportSettings() : TransportSettings.defaults();
        this.tls = config instanceof TransportConfiguration t ? t.tlsContext() : null;
        ConnectionWatchdog shared = config instanceof TransportConfiguration t ? t.connectionWatchdog() : null;
        this.watchdog = shared != null ? shared : new ConnectionWatchdog("diameter-accept");
        this.ownWatchdog = shared == null;
        this.parser = parser;
        this.mobileNodes = config instanceof TransportConfiguration t ? t.certifiedMobileNodes() : new CertifiedMobileNodes();
        this.events = config instanceof TransportConfiguration t ? t.transportEvents() : TransportEvents.NONE;
        this.handshakes = new ThreadPoolExecutor(0, settings.admission().maxHandshakes(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "diameter-tls-handshake"));
        ListenerReport report = config instanceof TransportConfiguration t ? t.listenerReport() : null;
        InetSocketAddress current = null;
        try {
            for (InetAddress address : addresses) {
                if (settings.tcpListen()) {
                    current = new InetSocketAddress(address, port);
                    listen(current, false);
                }
                if (settings.tlsPort() > 0) {
                    current = new InetSocketAddress(address, settings.tlsPort());
                    listen(current, true);
                }
            }
        } catch (IOException e) {
            if (report != null) {
                report.failed(String.valueOf(current), e);
            }
            destroy();
            throw e;
        }
    }

    private void listen(InetSocketAddress address, boolean withTls) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address, 128);
        servers.add(server);
        daemon(() -> acceptLoop(server, withTls), "diameter-accept-" + address).start();
        log.info("accepting DIAMETER over {} on {}", withTls ? "TLS" : "TCP", address);
    }

    private void acceptLoop(ServerSocket server, boolean withTls) {
        while (running) {
            Socket accepted;
            try {
                accepted = server.accept();
            } catch (SocketException e) {
                if (running) {
                    log.warn("stopped accepting on {}: {}", server.getLocalSocketAddress(), e.getMessage());
                }
                return;
            } catch (IOException e) {
                log.warn("accept failed on {}: {}", server.getLocalSocketAddress(), e.getMessage());
                continue;
            }
            if (open.incrementAndGet() > settings.maxConnections()) {
                open.decrementAndGet();
                log.warn("refusing connection from {}: {} accepted connections already open (transport.max.connections)",
                        accepted.getRemoteSocketAddress(), settings.maxConnections());
                DiameterConnection.closeQuietly(accepted);
                continue;
            }
            Unauthenticated pending = Unauthenticated.claim(unauthenticated, accepted.getInetAddress(),
                    settings.admission().maxUnauthenticatedPerAddress());
            if (pending == null) {
                open.decrementAndGet();
                log.warn("refusing connection from {}: {} connections from that address not yet past CER "
                        + "(transport.max.unauthenticated.per.address)", accepted.getRemoteSocketAddress(),
                        settings.admission().maxUnauthenticatedPerAddress());
                DiameterConnection.closeQuietly(accepted);
                continue;
            }
            Runnable closed = () -> {
                pending.release();
                open.decrementAndGet();
            };
            if (withTls) {
                try {
                    handshakes.execute(() -> handshake(accepted, pending, closed));
                } catch (RejectedExecutionException e) {
                    log.warn("refusing TLS connection from {}: {} handshakes already running (transport.max.handshakes)",
                            accepted.getRemoteSocketAddress(), settings.admission().maxHandshakes());
                    DiameterConnection.closeQuietly(accepted);
                    closed.run();
                }
            } else {
                try {
                    hand(new DiameterConnection(accepted, settings, watchdog, parser, null, false, mobileNodes,
                            pending::release, closed));
                } catch (IOException e) {
                    log.warn("cannot take connection from {}: {}", accepted.getRemoteSocketAddress(), e.getMessage());
                    DiameterConnection.closeQuietly(accepted);
                    closed.run();
                }
            }
        }
    }

    /**
     * TLS first: nothing of the peer is read as DIAMETER until its certificate is verified. The whole
     * handshake has {@code transport.handshake.timeout.ms}: a peer that trickles its ClientHello a byte
     * at a time is cut off then, not after each read's timeout.
     */
    private void handshake(Socket accepted, Unauthenticated pending, Runnable closed) {
        java.util.concurrent.ScheduledFuture<?> deadline = watchdog.after(settings.admission().handshakeTimeout(), () -> {
            log.warn("closing TLS connection from {}: no handshake within {} ms", accepted.getRemoteSocketAddress(),
                    settings.admission().handshakeTimeout().toMillis());
            DiameterConnection.closeQuietly(accepted);
        });
        try {
            accepted.setSoTimeout((int) settings.connectTimeout().toMillis());
            SSLSocket ssl = tls.server(accepted);
            ssl.startHandshake();
            if (!deadline.cancel(false)) {
                throw new IOException("handshake not complete in time");
            }
            // the handshake is the only read with a time limit of its own; framing takes over from here
            Set<String> names = TlsContext.identities(ssl.getSession());
            events.tlsHandshake(true, true);
            log.debug("TLS {} from {} ({}), certificate names {}", ssl.getSession().getProtocol(),
                    accepted.getRemoteSocketAddress(), ssl.getSession().getCipherSuite(), names);
            hand(new DiameterConnection(ssl, settings, watchdog, parser, names, TlsContext.isClientOnly(ssl.getSession()),
                    mobileNodes, pending::release, closed));
        } catch (IOException e) {
            deadline.cancel(false);
            events.tlsHandshake(true, false);
            log.warn("refusing TLS connection from {}: {}", accepted.getRemoteSocketAddress(), e.getMessage());
            DiameterConnection.closeQuietly(accepted);
            closed.run();
        }
    }

    private void hand(IConnection connection) {
        synchronized (unclaimed) {
            if (listeners.isEmpty()) {
                unclaimed.add(connection);
                return;
            }
        }
        for (INetworkConnectionListener listener : listeners) {
            listener.newNetworkConnection(connection);
        }
    }

    @Override
    public void addListener(INetworkConnectionListener listener) {
        List<IConnection> waiting;
        synchronized (unclaimed) {
            if (listeners.contains(listener)) {
                return;
            }
            listeners.add(listener);
            waiting = new ArrayList<>(unclaimed);
            unclaimed.clear();
        }
        waiting.forEach(listener::newNetworkConnection);
    }

    @Override
    public void remListener(INetworkConnectionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void destroy() {
        running = false;
        for (ServerSocket server : servers) {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        handshakes.shutdownNow();
        if (ownWatchdog) {
            watchdog.close();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One accepted connection counted against its source address until it passes CER or closes. */
    private static final class Unauthenticated {

        private final java.util.Map<InetAddress, Integer> counts;
        private final InetAddress address;
        private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

        private Unauthenticated(java.util.Map<InetAddress, Integer> counts, InetAddress address) {
            this.counts = counts;
            this.address = address;
        }

        /** A claim on one of {@code max} places of {@code address}, or null when they are all taken. */
        static Unauthenticated claim(java.util.Map<InetAddress, Integer> counts, InetAddress address, int max) {
            synchronized (counts) {
                int n = counts.getOrDefault(address, 0);
                if (n >= max) {
                    return null;
                }
                counts.put(address, n + 1);
            }
            return new Unauthenticated(counts, address);
        }

        /** Gives the place back, once (the peer passed CER, or the connection closed first); no entry stays at 0. */
        void release() {
            if (released.compareAndSet(false, true)) {
                synchronized (counts) {
                    counts.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
                }
            }
        }
    }
}
