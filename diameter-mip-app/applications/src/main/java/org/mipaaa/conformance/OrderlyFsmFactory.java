package org.mipaaa.conformance;

import org.jdiameter.api.Configuration;
import org.jdiameter.client.api.fsm.IContext;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.common.api.statistic.IStatisticManager;
import org.jdiameter.server.api.IStateMachine;
import org.jdiameter.server.impl.fsm.FsmFactoryImpl;

/**
 * jDiameter's server state machine factory, making {@link OrderlyPeerFsm}s whose peers hand what they
 * receive through {@link ConformingPeerTable#receive} (a request for a host that is no peer is
 * forwarded by realm).
 */
public class OrderlyFsmFactory extends FsmFactoryImpl {

    private final ConformingPeerTable peers;

    public OrderlyFsmFactory(IStatisticManager statisticFactory, ConformingPeerTable peers) {
        super(statisticFactory);
        this.peers = peers;
    }

    @Override
    public IStateMachine createInstanceFsm(IContext context, IConcurrentFactory concurrentFactory, Configuration config) {
        return new OrderlyPeerFsm(new ReceivingContext(context, peers), concurrentFactory, config, statisticFactory);
    }
}
