package org.mipaaa.node;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.jdiameter.server.impl.helpers.XMLConfiguration;
import org.mipaaa.trace.MessageObserver;
import org.mipaaa.trace.ObservedConfiguration;

/**
 * jDiameter's XML configuration of one node, carrying that node's message observer to the
 * {@link org.mipaaa.trace.TracingMessageParser} jDiameter builds from it. The observer is bound once the
 * stack knows its own identity, before any message can arrive.
 */
final class NodeConfiguration extends XMLConfiguration implements ObservedConfiguration {

    private static final long serialVersionUID = 1L;

    private transient volatile MessageObserver observer = MessageObserver.NONE;

    NodeConfiguration(String xml) throws Exception {
        super(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    void bind(MessageObserver observer) {
        this.observer = observer;
    }

    @Override
    public MessageObserver messageObserver() {
        return message -> observer.received(message);
    }
}
