package org.mipaaa.aaah.settlement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.settlement.SettlementRecord;
import org.mipaaa.settlement.SettlementState;
import org.mipaaa.settlement.SettlementStore;
import org.mipaaa.state.AgentTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a restart of the AAAH left half done, finished at start before the handlers take requests: a
 * settlement whose user had not confirmed yet can no longer be confirmed (the UCR's wait ended with the
 * process): TIMED_OUT. One confirmed whose payee side had not answered may have been booked there:
 * voided there like a PNR without answer (VOIDING, then NOT_SETTLED), never charged. Nobody was told
 * either had settled, so undoing is what the mobile node was last told; a copy of its SER is answered
 * from the new state (4801, or 3002). A CANCELLING one stays: the mobile node was answered 3002 "ask
 * again" and its next SCR carries on.
 *
 * <p>In a cluster (docs/ARCHITECTURE.md "Clustered state") the other members may be waiting for some of
 * those settlements right now: a member alone takes up every one at its start, as above, but one that
 * joins others takes up only those opened longer ago than {@code orphanedAfter} (past any member's wait
 * for the user and the payee side), and every member looks again for such orphans every
 * {@link #SWEEP} while it runs: those of a member that died.
 */
final class SettlementRecovery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SettlementRecovery.class);

    /** How often a running member looks for settlements a dead member left half done. */
    static final Duration SWEEP = Duration.ofMinutes(1);

    private final SettlementStore store;
    private final PayeeVoids voids;
    private final Clock clock;
    private final Duration orphanedAfter;
    private final ScheduledExecutorService timer = AgentTimers.start("settlement-orphans");

    SettlementRecovery(SettlementStore store, PayeeVoids voids, Clock clock, Duration orphanedAfter) {
        this.store = store;
        this.voids = voids;
        this.clock = clock;
        this.orphanedAfter = orphanedAfter;
    }

    /** At start: every settlement left half done when {@code alone}, else those no other member can still be waiting for. */
    void recover(boolean alone) {
        try {
            voids.resume();
            finish(alone ? Instant.MAX : clock.instant().minus(orphanedAfter));
        } catch (RuntimeException e) {
            // a member started while its cluster is a minority: the sweep takes them up once it is whole
            log.warn("settlements left half done not taken up at start; again in {}", SWEEP, e);
        }
        timer.scheduleWithFixedDelay(() -> {
            try {
                finish(clock.instant().minus(orphanedAfter));
            } catch (RuntimeException e) {
                log.warn("looking for settlements left half done failed; again in {}", SWEEP, e);
            }
        }, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Finishes the settlements left half done that were opened before {@code openedBefore}. */
    void finish(Instant openedBefore) {
        for (SettlementRecord s : store.inState(SettlementState.AWAITING_CONFIRMATION)) {
            if (s.openedAt().isBefore(openedBefore) && store.replace(s, s.in(SettlementState.TIMED_OUT))) {
                log.info("settlement {} of {} was awaiting the user's confirmation at the restart: timed out, nothing charged",
                        s.settlementId(), s.nai());
            }
        }
        for (SettlementRecord s : store.inState(SettlementState.CONFIRMED)) {
            SettlementRecord voiding = s.notSettled(ResultCodes.UNABLE_TO_DELIVER, false,
                    "the AAAH restarted before the payee side confirmed", "").in(SettlementState.VOIDING);
            if (s.openedAt().isBefore(openedBefore) && store.replace(s, voiding)) {
                log.info("settlement {} of {} was confirmed, its payee side had not answered at the restart: voided there, nothing charged",
                        s.settlementId(), s.nai());
                voids.voidAtPayee(voiding);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
