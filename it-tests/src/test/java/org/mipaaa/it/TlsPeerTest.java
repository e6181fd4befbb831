package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.jdiameter.client.api.IMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;

/**
 * DIAMETER over TLS as RFC 6733 §13 has it, seen from a client that is not jDiameter (a JSSE socket):
 * the handshake comes first and needs a certificate from the CA the node trusts (TLS 1.2 or 1.3 only:
 * {@code TlsContextTest});
 * then CER/CEA, where the Origin-Host must be a name of that certificate; and a peer configured for
 * TLS may not come over plain TCP.
 */
class TlsPeerTest {

    private static final String AAAF = "aaaf.visited.example";
    private static TopologyFixture fixture;

    @TempDir
    static Path otherCa;

    @BeforeAll
    static void start() throws Exception {
        // the plain TCP listener on too, to show a TLS peer is refused there (the shipped nodes have none)
        fixture = new TopologyFixture().start(EnumSet.of(Role.AAAH), RoleApplications.NONE, Map.of("transport.tcp.listen", "true"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static SSLSocket connect(Path keys, String host, Path trust) throws Exception {
        SSLSocket socket = (SSLSocket) LabTls.context(keys, host, trust).getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), fixture.tlsPort(Role.AAAH));
        socket.setSoTimeout(10_000);
        return socket;
    }

    @Test
    void aTrustedPeerHandshakesFirstThenExchangesCapabilities() throws Exception {
        Path pki = fixture.tlsDirectory();
        try (SSLSocket socket = connect(pki, AAAF, pki)) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(socket.getSession().getPeerPrincipal().getName()).isEqualTo("CN=aaah.home.example");
            try (RawPeer peer = new RawPeer(socket)) {
                IMessage cea = peer.capabilitiesExchange(AAAF, "visited.example", ApplicationIds.MOBILE_IPV4);
                assertThat(cea.getAvps().getAvp(AvpCodes.RESULT_CODE, 0).getUnsigned32()).isEqualTo(ResultCodes.SUCCESS);
            }
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedInTheHandshake() throws Exception {
        PkiIssuer.issueAll(otherCa, "somebody else's CA", java.util.List.of(AAAF));
        try (SSLSocket socket = connect(otherCa, AAAF, fixture.tlsDirectory())) {
            // TLS 1.3: the client may finish its side before the server's alert arrives; the first read
            // then fails. Either way no DIAMETER byte is ever read by the node.
            assertThatThrownBy(() -> {
                socket.startHandshake();
                socket.getOutputStream().write(new byte[] {1, 0, 0, 20});
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() < 0) {
                    throw new SSLException("closed by the node");
                }
            }).isInstanceOf(IOException.class);
        }
        assertThat(fixture.events()).noneMatch(e -> e.from().equals(AAAF));
    }

    @Test
    void aPeerWithoutACertificateIsRefused() throws Exception {
        try (SSLSocket socket = connect(null, null, fixture.tlsDirectory())) {
            assertThatThrownBy(() -> {
                socket.startHandshake();
                if (socket.getInputStream().read() < 0) {
                    throw new SSLException("closed by the node");
                }
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void anOriginHostTheCertificateDoesNotNameIsRefused() throws Exception {
        Path pki = fixture.tlsDirectory();
        // a trusted certificate, but of the home agent; the CER claims to be the AAAF
        try (SSLSocket socket = connect(pki, "ha.home.example", pki)) {
            socket.startHandshake();
            try (RawPeer peer = new RawPeer(socket)) {
                peer.send(peer.capabilitiesExchangeRequest(AAAF, "visited.example", ApplicationIds.MOBILE_IPV4));
                assertThat(peer.readUntilClosed()).as("no CEA, the connection is closed").isEmpty();
            }
        }
    }

    @Test
    void aPeerConfiguredForTlsMayNotComeOverPlainTcp() throws Exception {
        try (RawPeer impostor = new RawPeer(fixture.port(Role.AAAH))) {
            impostor.send(impostor.capabilitiesExchangeRequest(AAAF, "visited.example", ApplicationIds.MOBILE_IPV4));
            assertThat(impostor.readUntilClosed()).as("no CEA, the connection is closed").isEmpty();
        }
    }
}
