package org.mipaaa.conformance;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdiameter.api.Configuration;
import org.jdiameter.api.MetaData;
import org.jdiameter.client.api.IContainer;
import org.jdiameter.client.api.controller.IPeer;
import org.jdiameter.client.api.controller.IRealmTable;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.server.impl.RouterImpl;

/**
 * jDiameter's router, sharing a realm's requests between its peers of the highest rating in turn,
 * plugged in through {@code <Extensions><RouterEngine/>} of jdiameter.xml. jDiameter's own takes the
 * last of them every time, so a realm served by several nodes (a cluster of AAAHs) would get every
 * request at one of them until it died. The peers offered are those whose connection is up (CER/CEA
 * done), so a node that died is out of turn at once.
 */
public class SharingRouter extends RouterImpl {

    private final AtomicInteger turn = new AtomicInteger();

    public SharingRouter(IContainer container, IConcurrentFactory concurrentFactory, IRealmTable realmTable, Configuration config,
                         MetaData metaData) {
        super(container, concurrentFactory, realmTable, config, metaData);
    }

    @Override
    protected IPeer selectPeer(List<IPeer> available) {
        int best = Integer.MIN_VALUE;
        for (IPeer peer : available) {
            if (peer != null) {
                best = Math.max(best, peer.getRating());
            }
        }
        int rating = best;
        List<IPeer> candidates = available.stream().filter(p -> p != null && p.getRating() == rating).toList();
        if (candidates.isEmpty()) {
            return null;
        }
        return candidates.get(Math.floorMod(turn.getAndIncrement(), candidates.size()));
    }
}
