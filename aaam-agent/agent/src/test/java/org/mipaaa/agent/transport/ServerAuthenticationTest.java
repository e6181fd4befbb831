package org.mipaaa.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.testing.LabPki;
import org.mipaaa.agent.testing.TestAaaServer;

/**
 * The agent talks only to the server its vendor named, and only when that server's certificate is a
 * server's (serverAuth) and names the Origin-Host of its CEA: the CA certifies the mobile nodes too, so
 * another mobile node (or any other certified host) must not pass for the AAAH.
 */
class ServerAuthenticationTest {

    private static final String AAAH = "aaah.home.example";
    private static final String NODE = "mn1.home.example";
    private static final String OTHER_NODE = "mn2.home.example";
    private static final String BARE = "bare.home.example";
    private static final String OTHER_SERVER = "aaaf.visited.example";
    private static LabPki pki;

    @BeforeAll
    static void pki(@TempDir Path dir) throws Exception {
        pki = LabPki.create(dir).issue(AAAH, LabPki.SERVER).issue(NODE, LabPki.CLIENT).issue(OTHER_NODE, LabPki.CLIENT)
                .issue(BARE, LabPki.NONE).issue(OTHER_SERVER, LabPki.SERVER);
    }

    private static AgentEndpoint endpoint(int port, String expected) throws Exception {
        return AgentEndpoint.builder("127.0.0.1", port, pki.context(NODE)).originHost(NODE).originRealm("home.example")
                .expectedServer(expected).application(0, 4).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static X509Certificate certificate(String host) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.keyStore(host))) {
            store.load(in, Files.readString(pki.passwordFile(host), StandardCharsets.US_ASCII).strip().toCharArray());
        }
        return (X509Certificate) store.getCertificate(host);
    }

    private static void connect(String serverHost, String expected) throws Exception {
        try (TestAaaServer server = TestAaaServer.start(pki.context(serverHost), serverHost, (r, o) -> List.of())) {
            AgentConnection.open(endpoint(server.port(), expected)).close();
        }
    }

    @Test
    void theExpectedServerWithAServerCertificateIsAccepted() throws Exception {
        connect(AAAH, AAAH);
        connect(AAAH, "AAAH.home.example"); // DiameterIdentities are FQDNs: case does not matter
    }

    @Test
    void anotherMobileNodesCertificateNeverPassesForTheServer() throws Exception {
        assertThatThrownBy(() -> connect(OTHER_NODE, OTHER_NODE)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ServerIdentity.check(OTHER_NODE, certificate(OTHER_NODE), OTHER_NODE))
                .isInstanceOf(IOException.class).hasMessageContaining("not a server's").hasMessageContaining("lacks serverAuth");
    }

    @Test
    void aCertificateWithoutExtendedKeyUsageIsNotAServers() throws Exception {
        // JSSE's own checks let a certificate without the extension through; the agent does not
        assertThatThrownBy(() -> connect(BARE, BARE)).isInstanceOf(IOException.class).hasMessageContaining("extended key usage is missing");
    }

    @Test
    void aCertifiedServerOtherThanTheExpectedOneIsRefused() throws Exception {
        assertThatThrownBy(() -> connect(OTHER_SERVER, AAAH)).isInstanceOf(IOException.class)
                .hasMessageContaining("not the expected server " + AAAH);
    }

    @Test
    void aServerCallingItselfWhatItsCertificateDoesNotNameIsRefused() throws Exception {
        assertThatThrownBy(() -> ServerIdentity.check(AAAH, certificate(OTHER_SERVER), AAAH)).isInstanceOf(IOException.class)
                .hasMessageContaining("does not name");
    }

    @Test
    void theVendorMustNameTheServer() {
        assertThatThrownBy(() -> AgentEndpoint.builder("127.0.0.1", 3869, pki.context(NODE)).originHost(NODE).originRealm("home.example")
                .application(0, 4).build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("expectedServer is required");
        assertThatThrownBy(() -> AgentEndpoint.builder("127.0.0.1", 3869, pki.context(NODE)).originHost(NODE).originRealm("home.example")
                .expectedServer("aaah.home.example\r\nX").application(0, 4).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCertifiedNamesAreTheDnsNamesAndTheCommonName() throws Exception {
        assertThat(ServerIdentity.certifiedNames(certificate(AAAH))).containsExactly(AAAH);
    }
}
