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
    private static final int MAX_CONCURRENT_HANDSHAKES = 16;

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
        this.handshakes = new ThreadPoolExecutor(0, MAX_CONCURRENT_HANDSHAKES, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
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
            if (withTls) {
                try {
                    handshakes.execute(() -> handshake(accepted));
                } catch (RejectedExecutionException e) {
                    log.warn("refusing TLS connection from {}: {} handshakes already running",
                            accepted.getRemoteSocketAddress(), MAX_CONCURRENT_HANDSHAKES);
                    DiameterConnection.closeQuietly(accepted);
                    open.decrementAndGet();
                }
            } else {
                try {
                    hand(new DiameterConnection(accepted, settings, watchdog, parser, null, open::decrementAndGet));
                } catch (IOException e) {
                    log.warn("cannot take connection from {}: {}", accepted.getRemoteSocketAddress(), e.getMessage());
                    DiameterConnection.closeQuietly(accepted);
                    open.decrementAndGet();
                }
            }
        }
    }

    /** TLS first: nothing of the peer is read as DIAMETER until its certificate is verified. */
    private void handshake(Socket accepted) {
        try {
            accepted.setSoTimeout((int) settings.connectTimeout().toMillis());
            SSLSocket ssl = tls.server(accepted);
            ssl.startHandshake();
            // the handshake is the only read with a time limit of its own; framing takes over from here
            Set<String> names = TlsContext.identities(ssl.getSession());
            log.debug("TLS {} from {} ({}), certificate names {}", ssl.getSession().getProtocol(),
                    accepted.getRemoteSocketAddress(), ssl.getSession().getCipherSuite(), names);
            hand(new DiameterConnection(ssl, settings, watchdog, parser, names, open::decrementAndGet));
        } catch (IOException e) {
            log.warn("refusing TLS connection from {}: {}", accepted.getRemoteSocketAddress(), e.getMessage());
            DiameterConnection.closeQuietly(accepted);
            open.decrementAndGet();
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
}
