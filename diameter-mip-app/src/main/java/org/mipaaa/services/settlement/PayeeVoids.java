package org.mipaaa.services.settlement;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jdiameter.api.AvpSet;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.node.AgentTimers;
import org.mipaaa.settlement.NextHopRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voids at the payee's AAAY the settlements whose PNR got no answer in time ({@link SettlementState#VOIDING}):
 * the AAAY may have booked -X (and told the terminal) after all, or may still do it. An SCR is sent
 * until the AAAY answers 2001 (it reversed its booking and told the terminal) or 5803 (it has none,
 * and now never will: it keeps the Settlement-Id as voided); then the settlement is NOT_SETTLED. Back-off
 * 1 s doubling to {@code maxDelay}; the VOIDING ones stored are taken up again at start.
 */
public final class PayeeVoids implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PayeeVoids.class);

    private final SettlementStore store;
    private final NextHopRequest toPayee;
    private final long vendorId;
    private final Duration maxDelay;
    private final ScheduledExecutorService timer = AgentTimers.start("settlement-voids");

    public PayeeVoids(SettlementStore store, NextHopRequest toPayee, Duration maxDelay) {
        this.store = store;
        this.toPayee = toPayee;
        this.vendorId = toPayee.vendorId();
        this.maxDelay = maxDelay;
    }

    /** Takes up the settlements stored VOIDING (after a restart). */
    public void resume() {
        for (SettlementRecord s : store.inState(SettlementState.VOIDING)) {
            schedule(s, 0);
        }
    }

    /** Voids {@code s} (stored VOIDING) at its payee's AAAY. */
    void voidAtPayee(SettlementRecord s) {
        schedule(s, 0);
    }

    private void schedule(SettlementRecord s, long delayMs) {
        try {
            timer.schedule(() -> attempt(s, delayMs), delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.info("settlement {} stays VOIDING: stopping; taken up at the next start", s.settlementId());
        }
    }

    private void attempt(SettlementRecord s, long lastDelayMs) {
        String realm = s.payee().substring(s.payee().lastIndexOf('@') + 1);
        toPayee.send(CommandCodes.SETTLEMENT_CANCEL, realm, null, scr -> {
            AvpSet avps = scr.getAvps();
            avps.addAvp(AvpCodes.USER_NAME, s.nai(), true, false, false);
            avps.addAvp(VendorAvpCodes.SETTLEMENT_ID, s.settlementId(), vendorId, true, false, false);
            avps.addAvp(AvpCodes.REQUESTED_ACTION, Enumerations.REQUESTED_ACTION_REFUND_ACCOUNT, true, false);
        }).whenComplete((sca, failure) -> {
            long[] result = failure == null ? SettlementAnswers.outcome(sca) : null;
            boolean done = result != null && (result[0] == ResultCodes.SUCCESS
                    || result[1] == 1 && result[0] == VendorResultCodes.UNKNOWN_SETTLEMENT);
            if (done) {
                boolean moved = store.replace(s, s.in(SettlementState.NOT_SETTLED));
                log.info("settlement {} voided at {} (result {}){}", s.settlementId(), realm, result[0], moved ? "" : "; moved on meanwhile");
            } else {
                long next = Math.min(maxDelay.toMillis(), Math.max(1000, lastDelayMs * 2));
                log.warn("settlement {}: void at {} not confirmed ({}); again in {} ms", s.settlementId(), realm,
                        failure != null ? failure.toString() : result == null ? "no result" : Long.toString(result[0]), next);
                schedule(s, next);
            }
        });
    }

    @Override
    public void close() {
        AgentTimers.stop(timer);
    }
}
