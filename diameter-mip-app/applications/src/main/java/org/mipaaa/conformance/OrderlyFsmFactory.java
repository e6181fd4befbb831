package org.mipaaa.conformance;

import org.jdiameter.api.Configuration;
import org.jdiameter.client.api.fsm.IContext;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.common.api.statistic.IStatisticManager;
import org.jdiameter.server.api.IStateMachine;
import org.jdiameter.server.impl.fsm.FsmFactoryImpl;

/** jDiameter's server state machine factory, making {@link OrderlyPeerFsm}s. */
public class OrderlyFsmFactory extends FsmFactoryImpl {

    public OrderlyFsmFactory(IStatisticManager statisticFactory) {
        super(statisticFactory);
    }

    @Override
    public IStateMachine createInstanceFsm(IContext context, IConcurrentFactory concurrentFactory, Configuration config) {
        return new OrderlyPeerFsm(context, concurrentFactory, config, statisticFactory);
    }
}
