package org.mipaaa.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS side of a node (RFC 6733 §13): its key and certificate, the CAs it trusts, TLS 1.3 and 1.2
 * only, and mutual authentication. JSSE only. Key material never reaches a log line: passwords are read
 * from files and kept only while the stores are opened.
 */
public final class TlsContext {

    private final SSLContext context;
    private final String[] protocols;
    private final String[] cipherSuites;

    private TlsContext(SSLContext context, List<String> protocols, List<String> cipherSuites) {
        this.context = context;
        this.protocols = protocols.toArray(String[]::new);
        this.cipherSuites = cipherSuites.isEmpty() ? null : cipherSuites.toArray(String[]::new);
    }

    public static TlsContext of(TransportSettings.TlsSettings tls) throws IOException, GeneralSecurityException {
        char[] keyPassword = password(tls.keyStorePassword());
        char[] trustPassword = password(tls.trustStorePassword());
        try {
            KeyStore keys = load(tls.keyStore(), keyPassword);
            KeyStore trust = load(tls.trustStore(), trustPassword);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, keyPassword);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return new TlsContext(context, tls.protocols(), tls.cipherSuites());
        } finally {
            java.util.Arrays.fill(keyPassword, '\0');
            java.util.Arrays.fill(trustPassword, '\0');
        }
    }

    /** The JSSE context itself, for a client that makes its own sockets (the demo's AAAM agent). */
    public SSLContext sslContext() {
        return context;
    }

    /** The client side over an open TCP socket: the caller runs the handshake. */
    SSLSocket client(Socket connected) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(connected,
                connected.getInetAddress().getHostAddress(), connected.getPort(), true);
        ssl.setUseClientMode(true);
        restrict(ssl);
        return ssl;
    }

    /** The server side over an accepted TCP socket; the peer must present a trusted certificate. */
    SSLSocket server(Socket accepted) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(accepted, null, accepted.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.setNeedClientAuth(true);
        restrict(ssl);
        return ssl;
    }

    private void restrict(SSLSocket ssl) {
        ssl.setEnabledProtocols(protocols);
        if (cipherSuites != null) {
            ssl.setEnabledCipherSuites(cipherSuites);
        }
    }

    /**
     * The names a peer's certificate vouches for: its DNS subject alternative names, and the common
     * name of its subject. A DIAMETER peer's Origin-Host must be one of them.
     */
    static Set<String> identities(SSLSession session) throws SSLPeerUnverifiedException {
        Certificate[] chain = session.getPeerCertificates();
        X509Certificate leaf = (X509Certificate) chain[0];
        Set<String> names = new LinkedHashSet<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0))) { // dNSName
                        names.add(san.get(1).toString().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new SSLPeerUnverifiedException("unreadable subject alternative names: " + e.getMessage());
        }
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(rdn.getValue().toString().toLowerCase(java.util.Locale.ROOT));
                }
            }
        } catch (InvalidNameException e) {
            throw new SSLPeerUnverifiedException("unreadable subject: " + e.getMessage());
        }
        return names;
    }

    /** RFC 5280 §4.2.1.12: id-kp-serverAuth and id-kp-clientAuth. */
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    /**
     * Whether the peer's certificate is a mobile node's: for TLS clients only (extended key usage
     * clientAuth, not serverAuth). Such a certificate can never stand for a server of the network,
     * whatever names it carries.
     */
    static boolean isClientOnly(SSLSession session) throws SSLPeerUnverifiedException {
        List<String> usage = extendedKeyUsage(session);
        return usage != null && usage.contains(CLIENT_AUTH) && !usage.contains(SERVER_AUTH);
    }

    /** Whether the peer's certificate may stand for a server (no extended key usage, or serverAuth among it). */
    static boolean isServer(SSLSession session) throws SSLPeerUnverifiedException {
        List<String> usage = extendedKeyUsage(session);
        return usage == null || usage.contains(SERVER_AUTH);
    }

    private static List<String> extendedKeyUsage(SSLSession session) throws SSLPeerUnverifiedException {
        X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
        try {
            return leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new SSLPeerUnverifiedException("unreadable extended key usage: " + e.getMessage());
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
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
