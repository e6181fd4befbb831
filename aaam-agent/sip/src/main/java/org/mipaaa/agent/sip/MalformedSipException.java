package org.mipaaa.agent.sip;

/** Octets that are not a SIP message this package can use. */
public final class MalformedSipException extends Exception {

    public MalformedSipException(String message) {
        super(message);
    }
}
