package org.mipaaa.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab PKI: what each certificate may be used for, and who may read the secrets. */
class PkiIssuerTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path dir;

    private X509Certificate certificate(String host) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        char[] password = Files.readString(dir.resolve(host + ".pass")).strip().toCharArray();
        try (InputStream in = Files.newInputStream(dir.resolve(host + ".p12"))) {
            store.load(in, password);
        }
        return (X509Certificate) store.getCertificate(store.aliases().nextElement());
    }

    @Test
    void attack10_aMobileNodesCertificateIsForTlsClientsOnlyANodesForBoth() throws Exception {
        PkiIssuer.issueAll(dir, "test CA", List.of("aaah.home.example"), List.of("mn1.home.example"));

        assertThat(certificate("mn1.home.example").getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(certificate("aaah.home.example").getExtendedKeyUsage()).contains(SERVER_AUTH, CLIENT_AUTH);
    }

    @Test
    void attack11_keysAndPasswordsAreTheOwnersAlone() throws Exception {
        PkiIssuer.issueAll(dir, "test CA", List.of("aaah.home.example"), List.of("mn1.home.example"));

        Set<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        for (String secret : List.of("aaah.home.example.p12", "aaah.home.example.pass", "aaah.home.example.key.pem",
                "mn1.home.example.p12", "mn1.home.example.pass", "mn1.home.example.key.pem", "trust.pass")) {
            assertThat(Files.getPosixFilePermissions(dir.resolve(secret))).as(secret).isSubsetOf(ownerOnly);
        }
    }

    @Test
    void clusterMembersKeysComeFromACaOfTheirOwnThatNoOtherNodesCertificatePasses() throws Exception {
        PkiIssuer.issueAll(dir, "test CA", List.of("aaah.home.example", "ha.home.example"), List.of(), List.of("aaah.home.example"));
        X509TrustManager members = trustManager(PkiIssuer.CLUSTER_TRUST);

        members.checkClientTrusted(chain("aaah.home.example.cluster"), "EC");
        assertThatThrownBy(() -> members.checkClientTrusted(chain("ha.home.example"), "EC")).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> members.checkClientTrusted(chain("aaah.home.example"), "EC"))
                .as("the member's DIAMETER certificate, of the realm's CA").isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trustManager("trust").checkClientTrusted(chain("aaah.home.example.cluster"), "EC"))
                .as("the realm's nodes do not trust the cluster's keys either").isInstanceOf(CertificateException.class);
        Set<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        for (String secret : List.of("aaah.home.example.cluster.p12", "aaah.home.example.cluster.pass", "cluster-trust.pass")) {
            assertThat(Files.getPosixFilePermissions(dir.resolve(secret))).as(secret).isSubsetOf(ownerOnly);
        }
    }

    private X509Certificate[] chain(String fileBase) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(fileBase + ".p12"))) {
            store.load(in, Files.readString(dir.resolve(fileBase + ".pass")).strip().toCharArray());
        }
        return Arrays.stream(store.getCertificateChain(store.aliases().nextElement())).map(X509Certificate.class::cast)
                .toArray(X509Certificate[]::new);
    }

    private X509TrustManager trustManager(String fileBase) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(fileBase + ".p12"))) {
            store.load(in, Files.readString(dir.resolve(fileBase + ".pass")).strip().toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
