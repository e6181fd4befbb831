package org.mipaaa.agent.sip;

/**
 * Octets that are not a SIP message this package can use.
 *
 * <p>Immutable, so thread-safe.
 */
public final class MalformedSipException extends Exception {

    public MalformedSipException(String message) {
        super(message);
    }
}
