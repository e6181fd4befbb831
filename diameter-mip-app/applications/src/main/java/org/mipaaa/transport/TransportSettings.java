package org.mipaaa.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
                                TlsSettings tls, Set<String> tlsOnlyPeers, int maxConnections, Admission admission) {

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

    /**
     * Who may connect and how long they have to prove it: the peers of jdiameter.xml (by DiameterIdentity,
     * and the address and port each is dialled on), and whether mobile nodes the configuration does not
     * list are admitted by their certificate; the deadlines and counts that hold before a peer is
     * authenticated (TLS handshake, then CER).
     *
     * @param configuredPeers      the hosts of jdiameter.xml's {@code <Peer>} entries (lower case)
     * @param dialledPeers         "ip:port" -> the hosts of the configured peers this node dials there: a peer
     *                             we dial must answer as one of them (one, but for a lab sharing a port)
     * @param mobileNodes          admit a peer jdiameter.xml does not list if it comes over TLS with a
     *                             mobile node's certificate (clientAuth, not serverAuth) naming its Origin-Host
     * @param handshakeTimeout     the whole TLS handshake of an accepted connection ({@code transport.handshake.timeout.ms})
     * @param authenticationTimeout from accept to the peer's CER ({@code transport.cer.timeout.ms})
     * @param maxHandshakes        TLS handshakes at once ({@code transport.max.handshakes})
     * @param maxUnauthenticatedPerAddress accepted connections of one source address not yet past CER
     *                             ({@code transport.max.unauthenticated.per.address})
     */
    public record Admission(Set<String> configuredPeers, Map<String, Set<String>> dialledPeers, boolean mobileNodes,
                            Duration handshakeTimeout, Duration authenticationTimeout, int maxHandshakes,
                            int maxUnauthenticatedPerAddress) {

        public Admission {
            configuredPeers = Set.copyOf(configuredPeers);
            dialledPeers = Map.copyOf(dialledPeers);
        }

        /** No list of peers (jDiameter's own checks only), 5 s handshake, 10 s to CER, 64 handshakes, 8 per address. */
        public static Admission open() {
            return new Admission(Set.of(), Map.of(), false, Duration.ofSeconds(5), Duration.ofSeconds(10), 64, 8);
        }

        /** Whether the admission knows which peers are configured (our nodes: always). */
        boolean listsPeers() {
            return !configuredPeers.isEmpty();
        }
    }

    /** Whether a peer's {@code security_ref} in jdiameter.xml asks for TLS ("none" or blank: plain TCP). */
    public static boolean isTls(String securityRef) {
        return securityRef != null && !securityRef.isBlank() && !securityRef.equalsIgnoreCase("none");
    }

    /** Plain TCP, 1 MiB messages, 10 s to complete a message, 5 s to connect, 10 s to write. */
    public static TransportSettings defaults() {
        return new TransportSettings(1 << 20, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10),
                true, true, 0, null, Set.of(), 256, Admission.open());
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
