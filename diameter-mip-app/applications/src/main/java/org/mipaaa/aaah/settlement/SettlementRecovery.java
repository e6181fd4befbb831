package org.mipaaa.aaah.settlement;

import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.settlement.SettlementRecord;
import org.mipaaa.settlement.SettlementState;
import org.mipaaa.settlement.SettlementStore;
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
 */
final class SettlementRecovery {

    private static final Logger log = LoggerFactory.getLogger(SettlementRecovery.class);

    private final SettlementStore store;
    private final PayeeVoids voids;

    SettlementRecovery(SettlementStore store, PayeeVoids voids) {
        this.store = store;
        this.voids = voids;
    }

    void recover() {
        for (SettlementRecord s : store.inState(SettlementState.AWAITING_CONFIRMATION)) {
            if (store.replace(s, s.in(SettlementState.TIMED_OUT))) {
                log.info("settlement {} of {} was awaiting the user's confirmation at the restart: timed out, nothing charged",
                        s.settlementId(), s.nai());
            }
        }
        for (SettlementRecord s : store.inState(SettlementState.CONFIRMED)) {
            SettlementRecord voiding = s.notSettled(ResultCodes.UNABLE_TO_DELIVER, false,
                    "the AAAH restarted before the payee side confirmed", "").in(SettlementState.VOIDING);
            if (store.replace(s, voiding)) {
                log.info("settlement {} of {} was confirmed, its payee side had not answered at the restart: voided there, nothing charged",
                        s.settlementId(), s.nai());
            }
        }
        voids.resume();
    }
}
