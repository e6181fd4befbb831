package org.mipaaa.conformance;

import java.util.List;

import org.jdiameter.api.Avp;
import org.jdiameter.api.Configuration;
import org.jdiameter.api.InternalException;
import org.jdiameter.api.OverloadException;
import org.jdiameter.api.URI;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.IRequest;
import org.jdiameter.client.api.ISessionFactory;
import org.jdiameter.client.api.fsm.EventTypes;
import org.jdiameter.client.api.io.IConnection;
import org.jdiameter.client.api.io.TransportException;
import org.jdiameter.client.api.parser.IMessageParser;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.common.api.data.ISessionDatasource;
import org.jdiameter.common.api.statistic.IStatistic;
import org.jdiameter.common.api.statistic.IStatisticManager;
import org.jdiameter.server.api.IFsmFactory;
import org.jdiameter.server.api.IMetaData;
import org.jdiameter.server.api.INetwork;
import org.jdiameter.server.api.IOverloadManager;
import org.jdiameter.server.api.io.ITransportLayerFactory;
import org.jdiameter.server.impl.MutablePeerTableImpl;
import org.jdiameter.server.impl.PeerImpl;
import org.mipaaa.diameter.ErrorAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A jDiameter peer whose own error answers (sent before any listener sees the request) are the RFC
 * 6733 answers {@link ErrorAnswers} builds, not the request turned around, and that stays out of the
 * realm entries jdiameter.xml does not put it in ({@link RealmPeers}).
 */
public class ConformingPeer extends PeerImpl {

    private static final Logger log = LoggerFactory.getLogger(ConformingPeer.class);

    private final Configuration config;
    /** The statistics of the last open link: jDiameter drops them when the peer goes DOWN. */
    private volatile IStatistic lastStatistic;

    public ConformingPeer(int rating, URI remotePeer, String ip, String portRange, boolean attCnn, IConnection connection,
                          MutablePeerTableImpl peerTable, IMetaData metaData, Configuration config, Configuration peerConfig,
                          ISessionFactory sessionFactory, IFsmFactory fsmFactory, ITransportLayerFactory trFactory,
                          IStatisticManager statisticFactory, IConcurrentFactory concurrentFactory, IMessageParser parser,
                          INetwork network, IOverloadManager overloadManager, ISessionDatasource sessionDataSource)
            throws InternalException, TransportException {
        super(rating, remotePeer, ip, portRange, attCnn, connection, peerTable, metaData, config, peerConfig, sessionFactory,
                fsmFactory, trFactory, statisticFactory, concurrentFactory, parser, network, overloadManager, sessionDataSource);
        this.config = config;
    }

    @Override
    public boolean handleMessage(EventTypes type, IMessage message, String key)
            throws TransportException, OverloadException, InternalException {
        if (type == EventTypes.CER_EVENT && config instanceof ConformanceConfiguration node) {
            // jDiameter has just added this peer, dialling in, to the realms of its Origin-Realm
            List<String> left = node.realmPeers().removeWhereNotListed(router.getRealmTable().getRealms(getRealmName()),
                    getUri().getFQDN());
            if (!left.isEmpty()) {
                log.debug("{} kept out of the realm entries that do not list it: {}", getUri().getFQDN(), left);
            }
        }
        return super.handleMessage(type, message, key);
    }

    /**
     * Never null once the peer has been open: jDiameter counts an answer in the peer's statistics after
     * handing it to the peer, and fails with a NullPointerException (the answer handed over all the same)
     * when the peer went DOWN in between, a mobile node that closes its link as soon as it has its answer.
     */
    @Override
    public IStatistic getStatistic() {
        IStatistic current = super.getStatistic();
        if (current != null) {
            lastStatistic = current;
            return current;
        }
        return lastStatistic;
    }

    @Override
    protected void sendErrorAnswer(IRequest request, String errorMessage, int resultCode, Avp... avpsToAdd) {
        ErrorAnswers errors = config instanceof ConformanceConfiguration node ? node.errorAnswers() : null;
        if (errors == null) {
            super.sendErrorAnswer(request, errorMessage, resultCode, avpsToAdd);
            return;
        }
        try {
            IMessage answer = (IMessage) errors.answer(request, resultCode, errorMessage, avpsToAdd);
            answer.setPeer(this);
            sendMessage(answer);
        } catch (Exception e) {
            log.error("cannot send error answer {} to {}: session={}", resultCode, getUri(), sessionId(request), e);
        }
    }

    private static String sessionId(IRequest request) {
        try {
            Avp sid = request.getAvps().getAvp(Avp.SESSION_ID, 0);
            return sid == null ? "-" : sid.getUTF8String();
        } catch (Exception e) {
            return "<undecodable>";
        }
    }
}
