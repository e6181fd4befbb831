package org.mipaaa.agent.transport;

import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the server the agent reached is one it may talk to. A certificate from a trusted CA is not
 * enough (the CA certifies every mobile node too): the certificate must be a server's (extended key
 * usage serverAuth, RFC 5280 §4.2.1.12: a mobile node's carries clientAuth only), the Origin-Host of the
 * server's CEA must be a name the certificate vouches for, as the nodes require of each other (RFC 6733
 * §13), and it must be the server the vendor named ({@link AgentEndpoint#expectedServer()}).
 */
final class ServerIdentity {

    private static final Logger log = LoggerFactory.getLogger(ServerIdentity.class);
    private static final int DNS_NAME = 2;
    /** id-kp-serverAuth (RFC 5280 §4.2.1.12). */
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private ServerIdentity() {
    }

    /** A server the agent refuses to talk to, whatever its TLS handshake said. */
    static final class RefusedServerException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedServerException(String message) {
            super(message);
        }

        RefusedServerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Throws when the server of {@code session} is not certified as {@code originHost}, a server, and the expected one. */
    static void check(String originHost, SSLSession session, String expectedServer) throws IOException {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw new RefusedServerException("the server presented no certificate", e);
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
            throw new RefusedServerException("the server presented no X.509 certificate");
        }
        check(originHost, (X509Certificate) chain[0], expectedServer);
    }

    /** {@link #check(String, SSLSession, String)} on the server's own certificate. */
    static void check(String originHost, X509Certificate certificate, String expectedServer) throws IOException {
        if (originHost == null) {
            throw new RefusedServerException("the server's CEA has no Origin-Host");
        }
        List<String> usages;
        try {
            usages = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new RefusedServerException("cannot read the extended key usage of the server's certificate", e);
        }
        if (usages == null || !usages.contains(SERVER_AUTH)) {
            throw new RefusedServerException("the certificate of " + originHost + " is not a server's: its extended key usage "
                    + (usages == null ? "is missing" : usages + " lacks serverAuth"));
        }
        String host = originHost.toLowerCase(Locale.ROOT);
        Set<String> names = certifiedNames(certificate);
        if (!names.contains(host)) {
            throw new RefusedServerException("the server calls itself " + originHost + ", which its certificate does not name " + names);
        }
        if (expectedServer == null) {
            log.warn("no expected server configured: accepting {} on its certificate alone (AgentEndpoint.builder().expectedServer)",
                    originHost);
        } else if (!host.equals(expectedServer.toLowerCase(Locale.ROOT))) {
            throw new RefusedServerException("reached " + originHost + ", not the expected server " + expectedServer);
        }
    }

    /** The DNS names and the common name of the server's certificate, lower case. */
    static Set<String> certifiedNames(X509Certificate certificate) throws IOException {
        Set<String> names = new TreeSet<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    if (name.size() == 2 && Integer.valueOf(DNS_NAME).equals(name.get(0))) {
                        names.add(name.get(1).toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
            commonName(certificate.getSubjectX500Principal().getName("RFC2253"))
                    .ifPresent(cn -> names.add(cn.toLowerCase(Locale.ROOT)));
        } catch (CertificateParsingException e) {
            throw new RefusedServerException("cannot read the names of the server's certificate", e);
        }
        return names;
    }

    /**
     * The CN of an RFC 2253 name (the first one, as the name lists them), unescaped; parsed here rather
     * than with javax.naming, which not every platform a mobile node runs on has.
     */
    static Optional<String> commonName(String rfc2253) {
        StringBuilder value = null;
        StringBuilder type = new StringBuilder();
        for (int i = 0; i < rfc2253.length(); i++) {
            char c = rfc2253.charAt(i);
            if (value == null) {
                if (c == '=') {
                    value = new StringBuilder();
                } else {
                    type.append(c);
                }
            } else if (c == '\\' && i + 1 < rfc2253.length()) {
                value.append(rfc2253.charAt(++i));
            } else if (c == ',' || c == '+') {
                if (type.toString().trim().equalsIgnoreCase("CN")) {
                    return Optional.of(value.toString());
                }
                type.setLength(0);
                value = null;
            } else {
                value.append(c);
            }
        }
        return value != null && type.toString().trim().equalsIgnoreCase("CN") ? Optional.of(value.toString()) : Optional.empty();
    }
}
