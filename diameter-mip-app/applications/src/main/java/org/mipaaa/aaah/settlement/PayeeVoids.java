package org.mipaaa.aaah.settlement;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.settlement.SettlementRecord;
import org.mipaaa.settlement.SettlementState;
import org.mipaaa.settlement.SettlementStore;
import org.mipaaa.state.AgentTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voids at the payee side the settlements whose PNR (or SER to a terminal with the AAA function) got no
 * answer in time ({@link SettlementState#VOIDING}): the AAAY or the terminal may have booked -X after
 * all, or may still do it. An SCR is sent there ({@link PayeeSide#cancel}) until it answers 2001 (it
 * reversed its booking) or 5803 (it has none, and now never will: it keeps the Settlement-Id as voided);
 * then the settlement is NOT_SETTLED. Back-off 1 s doubling to {@code maxDelay}; the VOIDING ones stored
 * are taken up again at start.
 */
public final class PayeeVoids implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PayeeVoids.class);

    private final SettlementStore store;
    private final PayeeSides payeeSides;
    private final Duration maxDelay;
    private final ScheduledExecutorService timer = AgentTimers.start("settlement-voids");

    PayeeVoids(SettlementStore store, PayeeSides payeeSides, Duration maxDelay) {
        this.store = store;
        this.payeeSides = payeeSides;
        this.maxDelay = maxDelay;
    }

    /** Takes up the settlements stored VOIDING (after a restart). */
    public void resume() {
        for (SettlementRecord s : store.inState(SettlementState.VOIDING)) {
            schedule(s, 0);
        }
    }

    /** Voids {@code s} (stored VOIDING) at its payee side. */
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
        PayeeSide side = payeeSides.of(s);
        side.cancel(s).whenComplete((sca, failure) -> {
            Optional<AnswerResult> result = failure == null ? AnswerResult.of(sca) : Optional.empty();
            // 2001: it reversed its booking; 5803: it had none, and keeps the id voided
            boolean done = result.filter(r -> r.isSuccess() || r.experimental() && r.code() == VendorResultCodes.UNKNOWN_SETTLEMENT)
                    .isPresent();
            if (done) {
                boolean moved = store.replace(s, s.in(SettlementState.NOT_SETTLED));
                log.info("settlement {} voided at {} ({}){}", s.settlementId(), side.name(), result.get(), moved ? "" : "; moved on meanwhile");
            } else {
                long next = Math.min(maxDelay.toMillis(), Math.max(1000, lastDelayMs * 2));
                log.warn("settlement {}: void at {} not confirmed ({}); again in {} ms", s.settlementId(), side.name(),
                        failure != null ? failure.toString() : result.map(AnswerResult::toString).orElse("no result"), next);
                schedule(s, next);
            }
        });
    }

    @Override
    public void close() {
        AgentTimers.stop(timer);
    }
}
