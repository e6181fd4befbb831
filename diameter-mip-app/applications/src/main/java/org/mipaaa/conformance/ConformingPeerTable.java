package org.mipaaa.conformance;

import java.net.URISyntaxException;
import java.net.UnknownServiceException;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.Configuration;
import org.jdiameter.api.InternalException;
import org.jdiameter.api.MetaData;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.URI;
import org.jdiameter.client.api.IContainer;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.ISessionFactory;
import org.jdiameter.client.api.controller.IRealm;
import org.jdiameter.client.api.fsm.IContext;
import org.jdiameter.client.api.io.IConnection;
import org.jdiameter.client.api.io.TransportException;
import org.jdiameter.client.api.parser.IMessageParser;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.common.api.statistic.IStatisticManager;
import org.jdiameter.server.api.IFsmFactory;
import org.jdiameter.server.api.INetwork;
import org.jdiameter.server.api.IOverloadManager;
import org.jdiameter.server.api.IPeer;
import org.jdiameter.server.api.IRouter;
import org.jdiameter.server.api.io.ITransportLayerFactory;
import org.jdiameter.server.impl.MutablePeerTableImpl;
import org.jdiameter.server.impl.fsm.FsmFactoryImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jDiameter's peer table, plugged in through {@code <Extensions><PeerController/>}, that makes its
 * peers {@link ConformingPeer}s, each with an {@link OrderlyPeerFsm} unless the configuration names a
 * state machine factory of its own ({@code <PeerFsmFactory/>}), and that forwards by realm a request
 * for a host that is no peer ({@link #receive}). Everything else is jDiameter's.
 */
public class ConformingPeerTable extends MutablePeerTableImpl {

    private static final Logger log = LoggerFactory.getLogger(ConformingPeerTable.class);

    public ConformingPeerTable(Configuration config, MetaData metaData, IContainer stack, IRouter router,
                               ISessionFactory sessionFactory, IFsmFactory fsmFactory, ITransportLayerFactory trFactory,
                               IMessageParser parser, INetwork network, IOverloadManager ovrManager,
                               IStatisticManager statisticFactory, IConcurrentFactory concurrentFactory) {
        super(config, metaData, stack, router, sessionFactory, fsmFactory, trFactory, parser, network, ovrManager,
                statisticFactory, concurrentFactory);
    }

    /**
     * The peer that stands, on the receiving thread, for a Destination-Host that is no peer of this
     * node ({@link #receive}).
     */
    private record StandIn(String host, org.jdiameter.client.api.controller.IPeer via) {
    }

    private final ThreadLocal<StandIn> standIn = new ThreadLocal<>();

    @Override
    public org.jdiameter.client.api.controller.IPeer getPeer(String host) {
        StandIn s = standIn.get();
        return s != null && s.host().equalsIgnoreCase(host) ? s.via() : super.getPeer(host);
    }

    /**
     * Hands a received message to jDiameter's peer ({@code context}), forwarding by realm a request for
     * a host that is no peer of this node. RFC 6733 §6.1.5-§6.1.6: a request for another realm is
     * forwarded to a peer of that realm's route whether or not its Destination-Host is a direct peer
     * (a relay or proxy in between; RFC 4004 §5.1 allows Destination-Host in an AMR, an STR carries
     * the authorising server). jDiameter's server answers such a request 3002 before any listener sees
     * it; here, while it decides, the host is looked up as the realm route's next hop, so the request
     * reaches this node's proxy, which routes it by realm (jDiameter's router does when the host is no
     * peer). Requests for this node's own realm, or with no usable route, are left to jDiameter.
     */
    boolean receive(IMessage message, IContext context) {
        java.util.Optional<StandIn> forward = nextHopByRealm(message);
        if (forward.isEmpty()) {
            return context.receiveMessage(message);
        }
        log.debug("request for {}, no peer of this node: forwarded by realm, next hop {}", forward.get().host(),
                forward.get().via().getUri());
        standIn.set(forward.get());
        try {
            return context.receiveMessage(message);
        } finally {
            standIn.remove();
        }
    }

    private java.util.Optional<StandIn> nextHopByRealm(IMessage message) {
        try {
            Avp hostAvp = message.isRequest() ? message.getAvps().getAvp(Avp.DESTINATION_HOST) : null;
            Avp realmAvp = message.getAvps().getAvp(Avp.DESTINATION_REALM);
            if (hostAvp == null || realmAvp == null) {
                return java.util.Optional.empty();
            }
            String host = hostAvp.getDiameterIdentity();
            String realm = realmAvp.getDiameterIdentity();
            if (host.equalsIgnoreCase(metaData.getLocalPeer().getUri().getFQDN())
                    || realm.equalsIgnoreCase(metaData.getLocalPeer().getRealmName())) {
                return java.util.Optional.empty();
            }
            org.jdiameter.client.api.controller.IPeer direct = super.getPeer(host);
            if (direct != null && direct.hasValidConnection()) {
                return java.util.Optional.empty();
            }
            IRealm route = (IRealm) router.getRealmTable().matchRealm(message);
            if (route == null) {
                return java.util.Optional.empty();
            }
            for (String name : route.getPeerNames()) {
                org.jdiameter.client.api.controller.IPeer next = super.getPeer(name);
                if (next != null && next.getState(PeerState.class) == PeerState.OKAY && next.hasValidConnection()) {
                    return java.util.Optional.of(new StandIn(host, next));
                }
            }
            return java.util.Optional.empty();
        } catch (AvpDataException e) {
            return java.util.Optional.empty(); // jDiameter answers the undecodable AVP itself
        }
    }

    @Override
    protected IPeer newPeerInstance(int rating, URI uri, String ip, String portRange, boolean attCnn, IConnection connection,
                                    MetaData metaData, Configuration globalConfig, Configuration peerConfig, IFsmFactory fsmFactory,
                                    ITransportLayerFactory transportFactory, IMessageParser parser,
                                    IStatisticManager statisticFactory, IConcurrentFactory concurrentFactory)
            throws URISyntaxException, UnknownServiceException, InternalException, TransportException {
        // jDiameter's own state machine loses the CER of a peer that dials again as its old link closes
        IFsmFactory machines = fsmFactory.getClass() == FsmFactoryImpl.class ? new OrderlyFsmFactory(statisticFactory, this) : fsmFactory;
        return new ConformingPeer(rating, uri, ip, portRange, attCnn, connection, this,
                (org.jdiameter.server.api.IMetaData) metaData, globalConfig, peerConfig, sessionFactory, machines,
                transportFactory, statisticFactory, concurrentFactory, parser, network, ovrManager, sessionDatasource);
    }
}
