package org.mipaaa.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.jdiameter.api.Configuration;
import org.jdiameter.api.OverloadException;
import org.jdiameter.api.app.StateEvent;
import org.jdiameter.client.api.fsm.EventTypes;
import org.jdiameter.client.api.fsm.IContext;
import org.jdiameter.client.impl.fsm.FsmState;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.common.api.statistic.IStatisticManager;
import org.jdiameter.server.impl.fsm.PeerFSMImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jDiameter's server peer state machine (RFC 6733 §5.6), whose one event thread starts and stops
 * without losing an event.
 * <p>
 * jDiameter stops that thread when the peer goes DOWN, and the thread counts itself out only after it
 * has left its loop. An event offered in between (the CER of a mobile node that dials again the moment
 * its old link closed) waits for a thread that is leaving; the next start clears the queue, so the
 * peer never gets its CEA. A start also clears what was offered before the new thread counted itself
 * in, and fails ("Statistic already defined") when the first event comes before the thread the
 * constructor started has counted itself in, as a dialling peer's CER does. Here every offer and every
 * restart is serialised, no start happens while another thread is about to count itself in, what waits
 * in the queue is offered again, in order, when a thread starts, and a thread that leaves looks back for
 * what it left behind.
 */
public class OrderlyPeerFsm extends PeerFSMImpl {

    private static final Logger log = LoggerFactory.getLogger(OrderlyPeerFsm.class);

    /** How long a new thread may take to count itself in; far more than it ever needs. */
    private static final long HANDOVER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How many milliseconds a leaving thread may take to count itself out; far more than it ever needs. */
    private static final int HANDOVER_ATTEMPTS = 2_000;

    public OrderlyPeerFsm(IContext context, IConcurrentFactory concurrentFactory, Configuration config,
                          IStatisticManager statisticFactory) {
        super(context, concurrentFactory, config, statisticFactory);
    }

    @Override
    public boolean handleEvent(StateEvent event) throws InternalError, OverloadException {
        boolean offered = offerInOrder(event);
        if (!mustRun) {
            // the thread is leaving (this event came right after the one that took the peer DOWN)
            offerWhatWasLeft(0);
        }
        return offered;
    }

    @Override
    protected void switchToNextState(FsmState next) {
        super.switchToNextState(next);
        if (!mustRun) {
            // DOWN: this thread leaves after this event; an event offered before it noticed is stranded
            offerWhatWasLeft(0);
        }
    }

    /**
     * Offers {@code event} (null: nothing new) after whatever waits in the queue with no thread to take
     * it; jDiameter's own start would clear those. Each start waits until its thread has counted itself
     * in or taken the event, so the next offer does not start (and clear) a second time.
     */
    private synchronized boolean offerInOrder(StateEvent event) throws OverloadException {
        if (numberOfThreadsRunning.get() == 0 && mustRun) {
            // a thread was started (the constructor starts one) and has not counted itself in yet: a
            // second start now would clear the queue and fail on the queue statistics it registers again
            await(() -> numberOfThreadsRunning.get() > 0);
        }
        List<StateEvent> events = new ArrayList<>();
        if (numberOfThreadsRunning.get() == 0) {
            eventQueue.drainTo(events);
        }
        if (event != null) {
            events.add(event);
        }
        boolean offered = true;
        for (StateEvent e : events) {
            if (numberOfThreadsRunning.get() == 0 && state == FsmState.DOWN && !actsWhenDown(e)) {
                // DOWN acts only on a start and a CER; a thread started for anything else would idle until the peer returns
                log.debug("{}: {} dropped while the peer is DOWN", context.getPeerDescription(), e);
                offered = e != event && offered;
                continue;
            }
            boolean starting = numberOfThreadsRunning.get() == 0;
            offered = super.handleEvent(e);
            if (starting) {
                await(() -> numberOfThreadsRunning.get() > 0 || !eventQueue.contains(e));
            }
        }
        return offered;
    }

    /**
     * Once the leaving thread has counted itself out (or a new one has taken over), offers again what is
     * still queued; until then it looks again a millisecond later, on no thread of the caller's.
     */
    private void offerWhatWasLeft(int attempt) {
        if (numberOfThreadsRunning.get() > 0 && !mustRun) {
            if (attempt < HANDOVER_ATTEMPTS) {
                CompletableFuture.runAsync(() -> offerWhatWasLeft(attempt + 1),
                        CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
            } else {
                log.warn("{}: the stopped peer thread did not leave; {} events stay queued", context.getPeerDescription(),
                        eventQueue.size());
            }
            return;
        }
        try {
            offerInOrder(null);
        } catch (OverloadException | RuntimeException e) {
            log.warn("{}: events left by the stopped peer thread not offered again: {}", context.getPeerDescription(), e.toString());
        }
    }

    private static boolean actsWhenDown(StateEvent event) {
        return event.getType() == EventTypes.CER_EVENT || event.getType() == EventTypes.START_EVENT;
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + HANDOVER_NANOS;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
    }
}
