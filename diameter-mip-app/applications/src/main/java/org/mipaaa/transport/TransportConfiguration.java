package org.mipaaa.transport;

/**
 * The jDiameter configuration of a node whose transport is ours: jDiameter hands its configuration
 * to the connections and network guard it builds, and they read their settings from it.
 */
public interface TransportConfiguration {
    TransportSettings transportSettings();

    /** The TLS context of the node, or null when it has no TLS. */
    TlsContext tlsContext();

    /** The thread that enforces the node's connection deadlines. */
    ConnectionWatchdog connectionWatchdog();

    /** Where the acceptor reports what it could not listen on. */
    ListenerReport listenerReport();

    /** The peers connected now as mobile nodes by their certificate. */
    CertifiedMobileNodes certifiedMobileNodes();

    /** Where the transport reports its TLS handshakes (the node's meters); nowhere by default. */
    default TransportEvents transportEvents() {
        return TransportEvents.NONE;
    }
}
