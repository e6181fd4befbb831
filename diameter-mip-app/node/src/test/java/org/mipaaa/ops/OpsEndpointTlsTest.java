package org.mipaaa.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.transport.TlsContext;
import org.mipaaa.transport.TransportSettings;

/**
 * {@code ops.tls=true}: the operations endpoint over HTTPS with the node's keys, answering only a client
 * whose certificate the node's PKI issued (a carrier's Prometheus), and no client without one.
 */
class OpsEndpointTlsTest {

    @TempDir
    Path pki;

    private NodeMeters meters;
    private OpsEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (meters != null) {
            meters.close();
        }
    }

    private TlsContext tlsOf(String host) throws Exception {
        return TlsContext.of(new TransportSettings.TlsSettings(pki.resolve(host + ".p12"), pki.resolve(host + ".pass"),
                pki.resolve("trust.p12"), pki.resolve("trust.pass"), List.of("TLSv1.3", "TLSv1.2"), List.of()));
    }

    private int get(SSLContext client, String path) throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) new URL(endpoint.url().resolve(path).toString()).openConnection();
        c.setSSLSocketFactory(client.getSocketFactory());
        c.setHostnameVerifier((host, session) -> true); // reached by address on loopback; the CA is what is checked
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    @Test
    void onlyAClientWithACertificateOfTheNodesPkiGetsAnAnswer() throws Exception {
        PkiIssuer.issueAll(pki, "ops CA", List.of("aaah.home.example", "prometheus.home.example"));
        meters = new NodeMeters("aaah.home.example", false);
        endpoint = OpsEndpoint.start("127.0.0.1", 0, "aaah.home.example", meters.prometheus(), new Readiness(Set.of(), Set::of), null,
                tlsOf("aaah.home.example").sslContext());

        assertThat(endpoint.url().getScheme()).isEqualTo("https");
        assertThat(get(tlsOf("prometheus.home.example").sslContext(), "metrics")).isEqualTo(200);
        assertThat(get(tlsOf("prometheus.home.example").sslContext(), "health/live")).isEqualTo(200);

        // the same CA trusted, but no certificate of its own to show: no answer at all
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(pki.resolve("trust.p12"))) {
            trust.load(in, java.nio.file.Files.readString(pki.resolve("trust.pass")).strip().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext anonymous = SSLContext.getInstance("TLS");
        anonymous.init(null, tmf.getTrustManagers(), null);
        assertThatThrownBy(() -> get(anonymous, "metrics")).isInstanceOf(IOException.class);
    }
}
