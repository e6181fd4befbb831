package org.mipaaa.transport;

import java.io.IOException;

/** The byte stream from a peer is not DIAMETER (RFC 6733 §3, §4): the connection must be closed. */
public final class FramingException extends IOException {

    private static final long serialVersionUID = 1L;

    public FramingException(String message) {
        super(message);
    }
}
