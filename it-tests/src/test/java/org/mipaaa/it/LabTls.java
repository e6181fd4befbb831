package org.mipaaa.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** JSSE contexts of a test client, from the files {@link org.mipaaa.pki.PkiIssuer} writes. */
final class LabTls {

    private LabTls() {
    }

    /**
     * A context presenting {@code host}'s key from {@code keys} (none when {@code host} is null) and
     * trusting the CA of {@code trust}.
     */
    static SSLContext context(Path keys, String host, Path trust) throws Exception {
        KeyManagerFactory kmf = null;
        if (host != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] password = password(keys.resolve(host + ".pass"));
            kmf.init(store(keys.resolve(host + ".p12"), password), password);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(store(trust.resolve("trust.p12"), password(trust.resolve("trust.pass"))));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore store(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static char[] password(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
    }
}
