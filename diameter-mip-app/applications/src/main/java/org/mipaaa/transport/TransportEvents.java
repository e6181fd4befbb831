package org.mipaaa.transport;

/**
 * What this project's transport reports, for the node's meters. Called on connection threads; an
 * observer must not block.
 */
public interface TransportEvents {

    /** Reports nothing. */
    TransportEvents NONE = new TransportEvents() {
    };

    /**
     * A TLS handshake ended.
     *
     * @param accepted  the peer dialled us (false: we dialled the peer)
     * @param succeeded the handshake completed with a certificate we accept
     */
    default void tlsHandshake(boolean accepted, boolean succeeded) {
    }
}
