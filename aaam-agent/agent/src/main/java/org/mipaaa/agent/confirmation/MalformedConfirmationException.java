package org.mipaaa.agent.confirmation;

import java.util.Optional;

/**
 * Octets that are not a well-formed confirmation message. When the header was a request's and its
 * nonce could be read, {@link #requestNonce()} has it, so the terminal can answer NG
 * (MALFORMED_REQUEST) to a caller that will recognise the answer; otherwise the datagram is dropped.
 *
 * <p>Immutable, so thread-safe.
 */
public final class MalformedConfirmationException extends Exception {

    private final transient byte[] requestNonce;

    MalformedConfirmationException(String message, byte[] requestNonce) {
        super(message);
        this.requestNonce = requestNonce == null ? null : requestNonce.clone();
    }

    MalformedConfirmationException(String message) {
        this(message, null);
    }

    /** The nonce of a request that was readable up to it, for an NG answer. */
    public Optional<byte[]> requestNonce() {
        return Optional.ofNullable(requestNonce).map(byte[]::clone);
    }
}
