package org.mipaaa.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.io.IConnection;
import org.jdiameter.client.api.io.IConnectionListener;
import org.jdiameter.client.api.io.TransportException;
import org.jdiameter.client.impl.helpers.EmptyConfiguration;
import org.jdiameter.client.impl.parser.MessageParser;
import org.jdiameter.server.api.IMetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.pki.PkiIssuer;

/**
 * Who the transport lets through to jDiameter, over real sockets with certificates from a real CA
 * (issue 14 attacks 6 and 10): a node's identity is proved by a server's certificate and, when we dial
 * it, by answering as the peer we dialled; a mobile node is admitted by a certificate for TLS clients
 * only and by nothing else; nobody holds the node's connection places without authenticating.
 */
class PeerAdmissionTest {

    private static final String AAAH = "aaah.home.example";
    private static final String AAAF = "aaaf.visited.example";
    private static final String MN1 = "mn1.home.example";
    private static final String ROGUE = "rogue.example.net";
    /** A configured peer whose name a mobile node's certificate (wrongly) carries, from the CA the node trusts. */
    private static final String MISISSUED = "hss.visited.example";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    static Path pki;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void issue() throws Exception {
        PkiIssuer ca = PkiIssuer.newCa(pki, "admission test CA");
        ca.issue(List.of(AAAH, AAAF, ROGUE));
        ca.issueMobileNode(MN1);
        // a mobile node's certificate that (wrongly) names a server of the network
        ca.issueMobileNode(MISISSUED);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static TlsContext tls(Path dir, String host, Path trust) throws Exception {
        return TlsContext.of(new TransportSettings.TlsSettings(dir.resolve(host + ".p12"), dir.resolve(host + ".pass"),
                trust.resolve("trust.p12"), trust.resolve("trust.pass"), List.of("TLSv1.3", "TLSv1.2"), List.of()));
    }

    private static TransportSettings.TlsSettings tlsSettings(String host) {
        return new TransportSettings.TlsSettings(pki.resolve(host + ".p12"), pki.resolve(host + ".pass"),
                pki.resolve("trust.p12"), pki.resolve("trust.pass"), List.of("TLSv1.3", "TLSv1.2"), List.of());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    /** The AAAH's acceptor: AAAF a configured TLS peer; with its TCP listener on, to show what TCP meets. */
    private final class Acceptor implements AutoCloseable {
        final int tcpPort;
        final int tlsPort;
        final CertifiedMobileNodes mobileNodes = new CertifiedMobileNodes();
        final BlockingQueue<String> admitted = new LinkedBlockingQueue<>();
        final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
        final DiameterNetworkGuard guard;
        final ConnectionWatchdog watchdog = new ConnectionWatchdog("admission-test");

        Acceptor(boolean mobileNodesAdmitted, Duration handshake, Duration cer, int perAddress) throws Exception {
            tcpPort = freePort();
            tlsPort = freePort();
            TransportSettings.Admission admission = new TransportSettings.Admission(Set.of(AAAF, MISISSUED), Map.of(),
                    mobileNodesAdmitted, handshake, cer, 64, perAddress);
            TransportSettings settings = new TransportSettings(1 << 16, Duration.ofSeconds(10), Duration.ofSeconds(5),
                    Duration.ofSeconds(10), true, true, tlsPort, tlsSettings(AAAH), Set.of(AAAF), 256, admission);
            TlsContext context = tls(pki, AAAH, pki);
            Config config = new Config(settings, context, watchdog, mobileNodes);
            IMetaData metaData = mock(IMetaData.class);
            when(metaData.getConfiguration()).thenReturn(config);
            guard = new DiameterNetworkGuard(new InetAddress[] {LOOPBACK}, tcpPort, null, new MessageParser(), metaData);
            guard.addListener(this::watch);
            open.add(this);
        }

        private void watch(IConnection connection) {
            connection.addConnectionListener(new IConnectionListener() {
                @Override
                public void connectionOpened(String key) {
                }

                @Override
                public void connectionClosed(String key, List notSent) {
                    closed.add(key);
                }

                @Override
                public void messageReceived(String key, IMessage message) {
                    admitted.add(originHost(message));
                }

                @Override
                public void internalError(String key, IMessage message, TransportException cause) {
                }
            });
        }

        @Override
        public void close() {
            guard.destroy();
            watchdog.close();
        }
    }

    /** What jDiameter hands our extensions: the node's configuration with the transport's parts. */
    private static final class Config extends EmptyConfiguration implements TransportConfiguration {
        private final TransportSettings settings;
        private final TlsContext tls;
        private final ConnectionWatchdog watchdog;
        private final CertifiedMobileNodes mobileNodes;

        Config(TransportSettings settings, TlsContext tls, ConnectionWatchdog watchdog, CertifiedMobileNodes mobileNodes) {
            this.settings = settings;
            this.tls = tls;
            this.watchdog = watchdog;
            this.mobileNodes = mobileNodes;
        }

        @Override
        public TransportSettings transportSettings() {
            return settings;
        }

        @Override
        public TlsContext tlsContext() {
            return tls;
        }

        @Override
        public ConnectionWatchdog connectionWatchdog() {
            return watchdog;
        }

        @Override
        public ListenerReport listenerReport() {
            return new ListenerReport();
        }

        @Override
        public CertifiedMobileNodes certifiedMobileNodes() {
            return mobileNodes;
        }
    }

    private static String originHost(IMessage message) {
        try {
            return message.getAvps().getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity();
        } catch (org.jdiameter.api.AvpDataException e) {
            return "<undecodable>";
        }
    }

    /** A CER (or, with {@code request} false, a CEA 2001) naming {@code host}. */
    private static byte[] capabilities(String host, boolean request) throws Exception {
        MessageParser parser = new MessageParser();
        IMessage m = parser.createEmptyMessage(CommandCodes.CAPABILITIES_EXCHANGE, 0);
        m.setRequest(request);
        if (!request) {
            m.getAvps().addAvp(AvpCodes.RESULT_CODE, 2001L, true, false, true);
        }
        m.getAvps().addAvp(AvpCodes.ORIGIN_HOST, host, true, false, true);
        m.getAvps().addAvp(AvpCodes.ORIGIN_REALM, host.substring(host.indexOf('.') + 1), true, false, true);
        ByteBuffer encoded = parser.encodeMessage(m);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    private static SSLSocket tlsClient(Path dir, String host, int port) throws Exception {
        Socket plain = new Socket(LOOPBACK, port);
        SSLSocket ssl = tls(dir, host, pki).client(plain);
        ssl.setSoTimeout(10_000);
        ssl.startHandshake();
        return ssl;
    }

    /** Whether the other side closed {@code s} within {@code wait} (read end of stream or reset). */
    private static boolean closedWithin(Socket s, Duration wait) throws IOException {
        s.setSoTimeout((int) wait.toMillis());
        try {
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Test
    void aMobileNodeIsAdmittedByItsClientOnlyCertificateAndForgottenWhenItLeaves() throws Exception {
        Acceptor aaah = new Acceptor(true, Duration.ofSeconds(5), Duration.ofSeconds(10), 8);
        try (SSLSocket mn = tlsClient(pki, MN1, aaah.tlsPort)) {
            mn.getOutputStream().write(capabilities(MN1, true));
            assertThat(aaah.admitted.poll(10, TimeUnit.SECONDS)).as("the CER went on to jDiameter").contains(MN1);
            assertThat(aaah.mobileNodes.contains(MN1)).isTrue();
        }
        assertThat(aaah.closed.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(aaah.mobileNodes.contains(MN1)).as("forgotten with its connection").isFalse();
    }

    @Test
    void attack10_aMobileNodesCertificateNeverPassesForAServerOfTheNetwork() throws Exception {
        Acceptor aaah = new Acceptor(true, Duration.ofSeconds(5), Duration.ofSeconds(10), 8);
        // trusted CA, the right name, a configured peer: but a certificate for clients only
        try (SSLSocket impostor = tlsClient(pki, MISISSUED, aaah.tlsPort)) {
            impostor.getOutputStream().write(capabilities(MISISSUED, true));
            assertThat(closedWithin(impostor, Duration.ofSeconds(10))).isTrue();
        }
        assertThat(aaah.admitted).isEmpty();
        assertThat(aaah.mobileNodes.contains(MISISSUED)).isFalse();
    }

    @Test
    void aPeerNotConfiguredWithAServersCertificateIsRefusedAtCer() throws Exception {
        Acceptor aaah = new Acceptor(true, Duration.ofSeconds(5), Duration.ofSeconds(10), 8);
        try (SSLSocket rogue = tlsClient(pki, ROGUE, aaah.tlsPort)) {
            rogue.getOutputStream().write(capabilities(ROGUE, true));
            assertThat(closedWithin(rogue, Duration.ofSeconds(10))).isTrue();
        }
        assertThat(aaah.admitted).isEmpty();
    }

    @Test
    void noMobileNodeIsAdmittedByANodeThatAdmitsNone() throws Exception {
        Acceptor ha = new Acceptor(false, Duration.ofSeconds(5), Duration.ofSeconds(10), 8);
        try (SSLSocket mn = tlsClient(pki, MN1, ha.tlsPort)) {
            mn.getOutputStream().write(capabilities(MN1, true));
            assertThat(closedWithin(mn, Duration.ofSeconds(10))).isTrue();
        }
        assertThat(ha.admitted).isEmpty();
        assertThat(ha.mobileNodes.contains(MN1)).isFalse();
    }

    @Test
    void overPlainTcpNeitherAnUnlistedPeerNorATlsPeerGetsThrough() throws Exception {
        Acceptor aaah = new Acceptor(true, Duration.ofSeconds(5), Duration.ofSeconds(10), 8);
        for (String claimed : List.of(MN1, AAAF)) {
            try (Socket s = new Socket(LOOPBACK, aaah.tcpPort)) {
                s.getOutputStream().write(capabilities(claimed, true));
                assertThat(closedWithin(s, Duration.ofSeconds(10))).as(claimed).isTrue();
            }
        }
        assertThat(aaah.admitted).isEmpty();
    }

    @Test
    void attack6_aClientHelloTrickledByteByByteIsCutAtTheHandshakeDeadline() throws Exception {
        Acceptor aaah = new Acceptor(true, Duration.ofMillis(1500), Duration.ofSeconds(10), 8);
        try (Socket trickle = new Socket(LOOPBACK, aaah.tlsPort)) {
            long started = System.nanoTime();
            OutputStream out = trickle.getOutputStream();
            InputStream in = trickle.getInputStream();
            trickle.setSoTimeout(200);
            boolean cut = false;
            // a TLS record header, one byte at a time, every 500 ms: each read of the handshake is fed in time
            byte[] hello = {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01};
            for (int i = 0; i < 40 && !cut; i++) {
                try {
                    out.write(hello[i % hello.length]);
                    out.flush();
                    cut = in.read() < 0;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    cut = false;
                } catch (IOException reset) {
                    cut = true;
                }
            }
            Duration held = Duration.ofNanos(System.nanoTime() - started);
            assertThat(cut).as("closed before the trickle ended").isTrue();
            assertThat(held).as("cut at the handshake deadline").isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void attack6_aConnectionThatNeverSendsItsCerIsClosedAtTheDeadline() throws Exception {
        Acceptor aaah = new Acceptor(true, Duration.ofSeconds(5), Duration.ofMillis(1500), 8);
        try (Socket idle = new Socket(LOOPBACK, aaah.tcpPort)) {
            long started = System.nanoTime();
            assertThat(closedWithin(idle, Duration.ofSeconds(10))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void attack6_oneAddressCannotHoldTheNodesPlacesForUnauthenticatedPeers() throws Exception {
        Acceptor aaah = new Acceptor(true, Duration.ofSeconds(30), Duration.ofSeconds(30), 3);
        InetAddress attackerAddress = InetAddress.getByName("127.0.0.2");
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(attackerAddress, 0));
                s.connect(new InetSocketAddress(LOOPBACK, aaah.tcpPort));
                idle.add(s);
            }
            try (Socket fourth = new Socket()) {
                fourth.bind(new InetSocketAddress(attackerAddress, 0));
                fourth.connect(new InetSocketAddress(LOOPBACK, aaah.tcpPort));
                assertThat(closedWithin(fourth, Duration.ofSeconds(5))).as("a fourth from the same address").isTrue();
            }
            // a real peer from another address still gets through, TLS and CER
            try (SSLSocket mn = tlsClient(pki, MN1, aaah.tlsPort)) {
                mn.getOutputStream().write(capabilities(MN1, true));
                assertThat(aaah.admitted.poll(10, TimeUnit.SECONDS)).contains(MN1);
            }
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    /** A server that answers the CER of whoever connects with a CEA naming {@code answeringAs}. */
    private CompletableFuture<Void> fakeServer(ServerSocket listener, String answeringAs) {
        return CompletableFuture.runAsync(() -> {
            try (Socket s = listener.accept()) {
                s.setSoTimeout(10_000);
                if (s instanceof SSLSocket ssl) {
                    ssl.startHandshake();
                }
                s.getInputStream().read(new byte[4096]);
                s.getOutputStream().write(capabilities(answeringAs, false));
                s.getInputStream().read();
            } catch (Exception e) {
                // the node under test closed the connection: what some cases expect
            }
        });
    }

    /** Our connection to the AAAH as the AAAF's jDiameter would open it (configured: AAAH at that address). */
    private DiameterConnection dialAaah(int port, TlsContext tls) {
        TransportSettings.Admission admission = new TransportSettings.Admission(Set.of(AAAH),
                Map.of(LOOPBACK.getHostAddress() + ":" + port, Set.of(AAAH)), false, Duration.ofSeconds(5), Duration.ofSeconds(10), 64, 8);
        TransportSettings settings = new TransportSettings(1 << 16, Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(10), true, false, 0, null, Set.of(), 256, admission);
        ConnectionWatchdog watchdog = new ConnectionWatchdog("dial-test");
        open.add(watchdog);
        Config config = new Config(settings, tls, watchdog, new CertifiedMobileNodes());
        return new DiameterConnection(config, null, LOOPBACK, port, null, 0, new MessageParser(), tls == null ? null : "tls");
    }

    private static BlockingQueue<String> events(DiameterConnection c) {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        c.addConnectionListener(new IConnectionListener() {
            @Override
            public void connectionOpened(String key) {
            }

            @Override
            public void connectionClosed(String key, List notSent) {
                events.add("closed");
            }

            @Override
            public void messageReceived(String key, IMessage message) {
                events.add("CEA from " + originHost(message));
            }

            @Override
            public void internalError(String key, IMessage message, TransportException cause) {
            }
        });
        return events;
    }

    @Test
    void attack10_aPeerWeDialMustAnswerAsThePeerWeDialled() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, LOOPBACK)) {
            CompletableFuture<Void> server = fakeServer(listener, "ha.home.example");
            DiameterConnection toAaah = dialAaah(listener.getLocalPort(), null);
            BlockingQueue<String> events = events(toAaah);
            toAaah.connect();
            toAaah.sendMessage(new MessageParser().createMessage(capabilities(AAAF, true)));
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("closed");
            server.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPeerWeDialThatAnswersAsItselfGetsThrough() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, LOOPBACK)) {
            CompletableFuture<Void> server = fakeServer(listener, AAAH);
            DiameterConnection toAaah = dialAaah(listener.getLocalPort(), null);
            BlockingQueue<String> events = events(toAaah);
            toAaah.connect();
            toAaah.sendMessage(new MessageParser().createMessage(capabilities(AAAF, true)));
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("CEA from " + AAAH);
            toAaah.release();
            server.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void attack10_aServerPresentingAMobileNodesCertificateIsRefused() throws Exception {
        TlsContext mnAsServer = tls(pki, MN1, pki);
        try (SSLServerSocket listener = (SSLServerSocket) mnAsServer.sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, LOOPBACK)) {
            listener.setNeedClientAuth(true);
            fakeServer(listener, AAAH);
            DiameterConnection toAaah = dialAaah(listener.getLocalPort(), tls(pki, AAAF, pki));
            assertThatThrownBy(toAaah::connect).isInstanceOf(TransportException.class);
        }
    }
}
