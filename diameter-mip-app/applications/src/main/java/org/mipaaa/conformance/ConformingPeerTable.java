package org.mipaaa.conformance;

import java.net.URISyntaxException;
import java.net.UnknownServiceException;

import org.jdiameter.api.Configuration;
import org.jdiameter.api.InternalException;
import org.jdiameter.api.MetaData;
import org.jdiameter.api.URI;
import org.jdiameter.client.api.IContainer;
import org.jdiameter.client.api.ISessionFactory;
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

/**
 * jDiameter's peer table, plugged in through {@code <Extensions><PeerController/>}, that makes its
 * peers {@link ConformingPeer}s, each with an {@link OrderlyPeerFsm} unless the configuration names a
 * state machine factory of its own ({@code <PeerFsmFactory/>}). Everything else is jDiameter's.
 */
public class ConformingPeerTable extends MutablePeerTableImpl {

    public ConformingPeerTable(Configuration config, MetaData metaData, IContainer stack, IRouter router,
                               ISessionFactory sessionFactory, IFsmFactory fsmFactory, ITransportLayerFactory trFactory,
                               IMessageParser parser, INetwork network, IOverloadManager ovrManager,
                               IStatisticManager statisticFactory, IConcurrentFactory concurrentFactory) {
        super(config, metaData, stack, router, sessionFactory, fsmFactory, trFactory, parser, network, ovrManager,
                statisticFactory, concurrentFactory);
    }

    @Override
    protected IPeer newPeerInstance(int rating, URI uri, String ip, String portRange, boolean attCnn, IConnection connection,
                                    MetaData metaData, Configuration globalConfig, Configuration peerConfig, IFsmFactory fsmFactory,
                                    ITransportLayerFactory transportFactory, IMessageParser parser,
                                    IStatisticManager statisticFactory, IConcurrentFactory concurrentFactory)
            throws URISyntaxException, UnknownServiceException, InternalException, TransportException {
        // jDiameter's own state machine loses the CER of a peer that dials again as its old link closes
        IFsmFactory machines = fsmFactory.getClass() == FsmFactoryImpl.class ? new OrderlyFsmFactory(statisticFactory) : fsmFactory;
        return new ConformingPeer(rating, uri, ip, portRange, attCnn, connection, this,
                (org.jdiameter.server.api.IMetaData) metaData, globalConfig, peerConfig, sessionFactory, machines,
                transportFactory, statisticFactory, concurrentFactory, parser, network, ovrManager, sessionDatasource);
    }
}
