package org.mipaaa.diameter;

/** A command within an application: what a handler is registered for. */
public record CommandKey(long applicationId, int commandCode) {
}
