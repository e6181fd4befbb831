package org.mipaaa.install;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.jdiameter.server.impl.helpers.XMLConfiguration;
import org.mipaaa.conformance.ConformanceConfiguration;
import org.mipaaa.conformance.ConformingPeer;
import org.mipaaa.conformance.RealmPeers;
import org.mipaaa.diameter.ErrorAnswers;
import org.mipaaa.trace.MessageObserver;
import org.mipaaa.trace.ObservedConfiguration;
import org.mipaaa.transport.CertifiedMobileNodes;
import org.mipaaa.transport.ConnectionWatchdog;
import org.mipaaa.transport.ListenerReport;
import org.mipaaa.transport.TlsContext;
import org.mipaaa.transport.TransportConfiguration;
import org.mipaaa.transport.TransportEvents;
import org.mipaaa.transport.TransportSettings;

/**
 * jDiameter's XML configuration of one node, for a stack that uses this project's optional jDiameter
 * extensions (named in its {@code <Extensions>}): pass it to {@code stack.init}, then {@link #bind} the
 * {@link Installation} before {@code stack.start()}. A stack with jDiameter's own extensions only
 * needs none of this: its plain {@code XMLConfiguration} will do. jDiameter hands it to the extensions it builds, so it
 * carries what ours need: the message observer of {@link org.mipaaa.trace.TracingMessageParser} and the
 * {@link ErrorAnswers} of {@link ConformingPeer}, the transport settings and TLS context of
 * {@link org.mipaaa.transport.DiameterConnection} and {@link org.mipaaa.transport.DiameterNetworkGuard}. Both are bound once the stack knows its identity,
 * before any message can arrive.
 */
public class ExtendedConfiguration extends XMLConfiguration implements ObservedConfiguration, TransportConfiguration,
        ConformanceConfiguration {

    private static final long serialVersionUID = 1L;

    private transient volatile MessageObserver observer = MessageObserver.NONE;
    private transient volatile ErrorAnswers errorAnswers;

    private final transient TransportSettings transport;
    private final transient TlsContext tls;
    private final transient ConnectionWatchdog watchdog;
    private transient volatile TransportEvents events;
    private final transient ListenerReport listenerReport = new ListenerReport();
    private final transient CertifiedMobileNodes mobileNodes = new CertifiedMobileNodes();
    private final transient RealmPeers realmPeers;

    /**
     * @param xml       the jDiameter configuration, placeholders resolved
     * @param transport the settings of this project's transport, or null when the stack uses jDiameter's
     * @param tls       the TLS context of this project's transport, or null for plain TCP only
     * @param watchdog  the deadlines of this project's transport's connections
     */
    public ExtendedConfiguration(String xml, TransportSettings transport, TlsContext tls, ConnectionWatchdog watchdog) throws Exception {
        super(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        this.realmPeers = RealmPeers.of(xml);
        this.transport = transport;
        this.tls = tls;
        this.watchdog = watchdog;
    }

    /** The node's meters once bound (no handshake happens before the stack starts, so none is missed). */
    @Override
    public TransportEvents transportEvents() {
        return new TransportEvents() {
            @Override
            public void tlsHandshake(boolean accepted, boolean succeeded) {
                TransportEvents bound = events;
                if (bound != null) {
                    bound.tlsHandshake(accepted, succeeded);
                }
            }
        };
    }

    @Override
    public CertifiedMobileNodes certifiedMobileNodes() {
        return mobileNodes;
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

    /** Binds what the extensions need of the installed applications; before the stack starts. */
    public void bind(Installation installation) {
        this.observer = installation.messageObserver();
        this.errorAnswers = installation.errorAnswers();
        this.events = installation.metrics();
    }

    /** The peers each realm of jdiameter.xml routes to, for {@link ConformingPeer} to keep jDiameter to them. */
    @Override
    public RealmPeers realmPeers() {
        return realmPeers;
    }

    /** How {@link ConformingPeer} answers the requests jDiameter refuses itself; null before binding. */
    @Override
    public ErrorAnswers errorAnswers() {
        return errorAnswers;
    }

    @Override
    public MessageObserver messageObserver() {
        return (message, peer) -> observer.received(message, peer);
    }
}
