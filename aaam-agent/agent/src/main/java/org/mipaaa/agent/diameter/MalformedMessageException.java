package org.mipaaa.agent.diameter;

/** Bytes that are not a DIAMETER message (RFC 6733 §3, §4). */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
