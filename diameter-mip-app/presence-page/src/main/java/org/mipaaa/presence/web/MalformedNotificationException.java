package org.mipaaa.presence.web;

/** A notification body that is not the JSON object of docs/PROTOCOL.md §10.3; the message says why. */
public final class MalformedNotificationException extends Exception {

    public MalformedNotificationException(String message) {
        super(message);
    }
}
