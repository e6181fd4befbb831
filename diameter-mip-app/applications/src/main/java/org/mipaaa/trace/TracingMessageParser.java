package org.mipaaa.trace;

import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.Configuration;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;

/**
 * jDiameter's message parser, plugged in through {@code <Extensions><MessageParser/>}, that also tells
 * the node's {@link MessageObserver} of every message it decodes. This is the one place where
 * jDiameter lets us see the base protocol's CER/CEA, DWR/DWA and DPR/DPA, which it handles itself.
 *
 * <p>jDiameter builds this class by constructor injection and hands it the {@link Configuration} the
 * stack was initialised with; a node passes a {@link ObservedConfiguration}, which carries the observer.
 */
public class TracingMessageParser extends MessageParser {

    private final MessageObserver observer;

    public TracingMessageParser(Configuration config) {
        this.observer = config instanceof ObservedConfiguration observed ? observed.messageObserver() : MessageObserver.NONE;
    }

    @Override
    public IMessage createMessage(byte[] data) throws AvpDataException {
        // the ByteBuffer variant delegates here, so every decoded message passes once
        IMessage message = super.createMessage(data);
        observer.received(message, null);
        return message;
    }

    /** Decodes a message that came from {@code peer} (our transport knows which connection it read). */
    public IMessage createMessage(byte[] data, String peer) throws AvpDataException {
        IMessage message = super.createMessage(data);
        observer.received(message, peer);
        return message;
    }
}
