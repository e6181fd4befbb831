package org.mipaaa.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
}
