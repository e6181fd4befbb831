package org.mipaaa.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.pki.PkiIssuer;

/** The node's TLS context on a PKI issued by {@link PkiIssuer}, between two real sockets. */
class TlsContextTest {

    @TempDir
    Path pki;

    private TlsContext context(String host) throws Exception {
        return TlsContext.of(new TransportSettings.TlsSettings(pki.resolve(host + ".p12"), pki.resolve(host + ".pass"),
                pki.resolve("trust.p12"), pki.resolve("trust.pass"), List.of("TLSv1.3", "TLSv1.2"), List.of()));
    }

    @Test
    void mutualTlsBetweenTwoNodesNamesEachSideByItsCertificate() throws Exception {
        PkiIssuer.issueAll(pki, "test CA", List.of("aaah.home.example", "aaaf.visited.example"));
        TlsContext server = context("aaah.home.example");
        TlsContext client = context("aaaf.visited.example");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Set<String>> serverSaw = CompletableFuture.supplyAsync(() -> {
                try (Socket accepted = listener.accept(); SSLSocket ssl = server.server(accepted)) {
                    assertThat(ssl.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
                    assertThat(ssl.getNeedClientAuth()).isTrue();
                    ssl.startHandshake();
                    return TlsContext.identities(ssl.getSession());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                 SSLSocket ssl = client.client(plain)) {
                ssl.startHandshake();
                assertThat(TlsContext.identities(ssl.getSession())).containsExactly("aaah.home.example");
            }
            assertThat(serverSaw.get(10, TimeUnit.SECONDS)).containsExactly("aaaf.visited.example");
        }
    }

    @Test
    void onlyTls13And12MayBeConfigured() {
        assertThatThrownBy(() -> new TransportSettings.TlsSettings(pki, pki, pki, pki, List.of("TLSv1.1"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLSv1.1");
    }
}
