package org.mipaaa.trace;

import org.jdiameter.api.Message;

/** Told of every DIAMETER message a node decodes from the wire. */
@FunctionalInterface
public interface MessageObserver {

    MessageObserver NONE = message -> { };

    void received(Message message);
}
