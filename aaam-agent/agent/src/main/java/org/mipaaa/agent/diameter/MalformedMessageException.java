package org.mipaaa.agent.diameter;

/**
 * Bytes that are not a DIAMETER message (RFC 6733 §3, §4).
 *
 * <p>Immutable, so thread-safe.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
