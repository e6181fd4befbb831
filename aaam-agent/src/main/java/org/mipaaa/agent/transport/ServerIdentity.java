package org.mipaaa.agent.transport;

import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Whether the server the agent reached is one it may talk to. A certificate from a trusted CA is not
 * enough (the CA certifies every mobile node too): the Origin-Host of the server's CEA must be a name
 * its certificate vouches for, as the nodes require of each other (RFC 6733 §13), and, when the
 * vendor names the server it expects ({@link AgentEndpoint#expectedServer()}), be that server.
 */
final class ServerIdentity {

    private static final int DNS_NAME = 2;

    private ServerIdentity() {
    }

    /** Throws when {@code originHost}, the CEA's Origin-Host, is not certified by {@code session} or not the expected server. */
    static void check(String originHost, SSLSession session, String expectedServer) throws IOException {
        if (originHost == null) {
            throw new IOException("the server's CEA has no Origin-Host");
        }
        String host = originHost.toLowerCase(Locale.ROOT);
        Set<String> names = certifiedNames(session);
        if (!names.contains(host)) {
            throw new IOException("the server calls itself " + originHost + ", which its certificate does not name " + names);
        }
        if (expectedServer != null && !host.equals(expectedServer.toLowerCase(Locale.ROOT))) {
            throw new IOException("reached " + originHost + ", not the expected server " + expectedServer);
        }
    }

    /** The DNS names and the common name of the server's certificate, lower case. */
    static Set<String> certifiedNames(SSLSession session) throws IOException {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw new IOException("the server presented no certificate", e);
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
            throw new IOException("the server presented no X.509 certificate");
        }
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
            throw new IOException("cannot read the names of the server's certificate", e);
        }
        return names;
    }

    /**
     * The CN of an RFC 2253 name (the first one, as the name lists them), unescaped; parsed here rather
     * than with javax.naming, which not every platform a mobile node runs on has.
     */
    static java.util.Optional<String> commonName(String rfc2253) {
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
                if (type.toString().strip().equalsIgnoreCase("CN")) {
                    return java.util.Optional.of(value.toString());
                }
                type.setLength(0);
                value = null;
            } else {
                value.append(c);
            }
        }
        return value != null && type.toString().strip().equalsIgnoreCase("CN") ? java.util.Optional.of(value.toString())
                : java.util.Optional.empty();
    }
}
