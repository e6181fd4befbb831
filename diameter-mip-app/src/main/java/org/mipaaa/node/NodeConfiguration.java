package org.mipaaa.node;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.jdiameter.server.impl.helpers.XMLConfiguration;
import org.mipaaa.diameter.ErrorAnswers;
import org.mipaaa.trace.MessageObserver;
import org.mipaaa.trace.ObservedConfiguration;
import org.mipaaa.transport.ConnectionWatchdog;
import org.mipaaa.transport.ListenerReport;
import org.mipaaa.transport.TlsContext;
import org.mipaaa.transport.TransportConfiguration;
import org.mipaaa.transport.TransportSettings;

/**
 * jDiameter's XML configuration of one node. jDiameter hands it to the extensions it builds, so it
 * carries what ours need: the message observer of {@link org.mipaaa.trace.TracingMessageParser} and the
 * {@link ErrorAnswers} of {@link ConformingPeer}, the transport settings and TLS context of
 * {@link org.mipaaa.transport.DiameterConnection} and {@link org.mipaaa.transport.DiameterNetworkGuard}. Both are bound once the stack knows its identity,
 * before any message can arrive.
 */
final class NodeConfiguration extends XMLConfiguration implements ObservedConfiguration, TransportConfiguration {

    private static final long serialVersionUID = 1L;

    private transient volatile MessageObserver observer = MessageObserver.NONE;
    private transient volatile ErrorAnswers errorAnswers;

    private final transient TransportSettings transport;
    private final transient TlsContext tls;
    private final transient ConnectionWatchdog watchdog;
    private final transient ListenerReport listenerReport = new ListenerReport();
    private final transient RealmPeers realmPeers;

    NodeConfiguration(String xml, TransportSettings transport, TlsContext tls, ConnectionWatchdog watchdog) throws Exception {
        super(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        this.realmPeers = RealmPeers.of(xml);
        this.transport = transport;
        this.tls = tls;
        this.watchdog = watchdog;
    }

    @Override
    public ListenerReport listenerReport() {
        return listenerReport;
    }

    @Override
    public ConnectionWatchdog connectionWatchdog() {
        return watchdog;
    }

    @Override
    public TransportSettings transportSettings() {
        return transport;
    }

    @Override
    public TlsContext tlsContext() {
        return tls;
    }

    /** Binds what the node's jDiameter extensions need, once the stack knows its identity. */
    void bind(MessageObserver observer, ErrorAnswers errorAnswers) {
        this.observer = observer;
        this.errorAnswers = errorAnswers;
    }

    /** The peers each realm of jdiameter.xml routes to, for {@link ConformingPeer} to keep jDiameter to them. */
    RealmPeers realmPeers() {
        return realmPeers;
    }

    /** How {@link ConformingPeer} answers the requests jDiameter refuses itself; null before binding. */
    ErrorAnswers errorAnswers() {
        return errorAnswers;
    }

    @Override
    public MessageObserver messageObserver() {
        return (message, peer) -> observer.received(message, peer);
    }
}
