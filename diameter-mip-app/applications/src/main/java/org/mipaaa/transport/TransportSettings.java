package org.mipaaa.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How a node's DIAMETER connections behave (from {@code node.properties}, {@code transport.*} and
 * {@code tls.*}).
 *
 * @param maxMessageLength  the largest DIAMETER message accepted; a peer announcing more is cut off
 *                          before anything is buffered
 * @param messageTimeout    a message whose first byte arrived must be complete within this time (slow
 *                          trickle); an idle connection is the watchdog's business, not this
 * @param connectTimeout    TCP connect and TLS handshake limit
 * @param writeTimeout      a write blocked longer than this (a peer that stopped reading) closes the
 *                          connection
 * @param keepAlive         SO_KEEPALIVE on every socket
 * @param tcpListen         whether the node accepts plain TCP on its URI port
 * @param tlsPort           the TLS port the node accepts on (RFC 6733 §13: TLS first, then CER), 0 for none
 * @param tls               keys and trust for TLS, or null when the node has no TLS
 * @param tlsOnlyPeers      hosts configured to reach this node over TLS: a CER from one of them on a
 *                          plain TCP connection is refused (no identity can be proved there)
 * @param maxConnections    accepted connections open at once, beyond which new ones are closed at once
 *                          (each holds a reader thread until jDiameter's sweep of unidentified ones)
 */
public record TransportSettings(int maxMessageLength, Duration messageTimeout, Duration connectTimeout,
                                Duration writeTimeout, boolean keepAlive, boolean tcpListen, int tlsPort,
                                TlsSettings tls, Set<String> tlsOnlyPeers, int maxConnections) {

    /** RFC 6733 §3: the header alone is 20 octets. */
    public static final int HEADER_LENGTH = 20;

    public TransportSettings {
        if (maxMessageLength < HEADER_LENGTH) {
            throw new IllegalArgumentException("transport.max.message.length must be at least " + HEADER_LENGTH);
        }
        tlsOnlyPeers = Set.copyOf(tlsOnlyPeers);
        if (tlsPort > 0 && tls == null) {
            throw new IllegalArgumentException("transport.tls.port is set but no tls.keystore is configured");
        }
    }

    /** Whether a peer's {@code security_ref} in jdiameter.xml asks for TLS ("none" or blank: plain TCP). */
    public static boolean isTls(String securityRef) {
        return securityRef != null && !securityRef.isBlank() && !securityRef.equalsIgnoreCase("none");
    }

    /** Plain TCP, 1 MiB messages, 10 s to complete a message, 5 s to connect, 10 s to write. */
    public static TransportSettings defaults() {
        return new TransportSettings(1 << 20, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10),
                true, true, 0, null, Set.of(), 256);
    }

    /**
     * Keys and trust of a node for TLS. Passwords are read from files (never written in a
     * configuration file, never logged).
     *
     * @param keyStore          PKCS#12 file with this node's private key and certificate chain
     * @param keyStorePassword  file holding the key store's password
     * @param trustStore        PKCS#12 file with the CA certificates peers' certificates must chain to
     * @param trustStorePassword file holding the trust store's password
     * @param protocols         enabled TLS versions: TLSv1.3 and TLSv1.2 only
     * @param cipherSuites      enabled cipher suites, empty for the JDK's defaults for those versions
     */
    public record TlsSettings(Path keyStore, Path keyStorePassword, Path trustStore, Path trustStorePassword,
                              List<String> protocols, List<String> cipherSuites) {

        public TlsSettings {
            protocols = List.copyOf(protocols);
            cipherSuites = List.copyOf(cipherSuites);
            for (String p : protocols) {
                if (!p.equals("TLSv1.3") && !p.equals("TLSv1.2")) {
                    throw new IllegalArgumentException("tls.protocols: only TLSv1.3 and TLSv1.2 are allowed, not " + p);
                }
            }
        }
    }
}
