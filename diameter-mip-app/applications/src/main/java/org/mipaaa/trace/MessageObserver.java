package org.mipaaa.trace;

import org.jdiameter.api.Message;

/** Told of every DIAMETER message a node decodes from the wire. */
@FunctionalInterface
public interface MessageObserver {

    MessageObserver NONE = (message, peer) -> { };

    /**
     * @param peer the host of the peer the message came from, when the transport knows it (ours
     *             does); null otherwise, and the observer judges from the message's AVPs
     */
    void received(Message message, String peer);
}
