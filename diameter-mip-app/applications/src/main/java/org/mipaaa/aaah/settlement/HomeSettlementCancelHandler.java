package org.mipaaa.aaah.settlement;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.aaah.auth.AuthenticatedMobileNode;
import org.mipaaa.aaah.auth.MobileNodeHandler;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.MoneyAvps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.ledger.AccountDatabase;
import org.mipaaa.settlement.SettlementRecord;
import org.mipaaa.settlement.SettlementState;
import org.mipaaa.settlement.SettlementStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAH's Settlement-Cancel-Request from a mobile node (right of withdrawal; seed Fig. 8 S25,
 * docs/PROTOCOL.md §4.5), straight or relayed by the AAAF.
 *
 * <ol>
 * <li><b>validate</b>: behind the {@link org.mipaaa.aaah.auth.MobileNodeGate}, the AAAM-Authenticator
 *     (5805 unsigned) and User-Name the association's NAI (5003); Settlement-Id present (5005) and a settlement of this NAI that was made (5803 otherwise, also for
 *     another user's, whose existence is not revealed); cancelled before: 5804, nothing done again.</li>
 * <li><b>act, once</b>: stored CANCELLING (fsynced), then an SCR to the payee side the settlement was
 *     settled at ({@link PayeeSide}): the payee's AAAY, which reverses its side once and tells the
 *     terminal, or the terminal with the AAA function that settled it itself; on its 2001 the account
 *     entry is invalidated and the settlement stored CANCELLED. When the payee side cannot be told the settlement stays CANCELLING and the entry
 *     valid; the mobile node is told (3002) and its next SCR carries on.</li>
 * <li><b>answer</b>: 2001 with Settlement-Id, Entry-State INVALIDATED and the amount credited back in
 *     CC-Money. Signed.</li>
 * </ol>
 */
public final class HomeSettlementCancelHandler implements MobileNodeHandler {

    private static final Logger log = LoggerFactory.getLogger(HomeSettlementCancelHandler.class);

    private final SettlementStore store;
    private final AccountDatabase ledger;
    private final PayeeSides payeeSides;
    private final long vendorId;
    private final Clock clock;

    HomeSettlementCancelHandler(SettlementStore store, AccountDatabase ledger, PayeeSides payeeSides, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.payeeSides = payeeSides;
        this.vendorId = payeeSides.vendorId();
        this.clock = clock;
    }

    @Override
    public CompletionStage<Outcome> handle(Request request, AuthenticatedMobileNode node) {
        String nai = node.nai();
        String settlementId;
        try {
            settlementId = Avps.utf8(Avps.require(request.getAvps(), VendorAvpCodes.SETTLEMENT_ID, vendorId, "Settlement-Id"));
        } catch (Avps.Invalid e) {
            return e.refusal().now();
        }
        Optional<SettlementRecord> found = store.byId(settlementId).filter(s -> s.nai().equals(nai));
        if (found.isEmpty() || !found.get().state().answered() || !isMade(found.get().state())) {
            log.info("SCR of {} for settlement {}: none made", nai, settlementId);
            return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_SETTLEMENT, "no settlement " + settlementId).now();
        }
        SettlementRecord s = found.get();
        String key = SettlementStore.requestKey(nai, SettlementAnswers.utf8(request, AvpCodes.SESSION_ID), request.getEndToEndIdentifier());
        if (s.state() == SettlementState.CANCELLED && s.cancelKey().equals(key)) {
            // a copy of the SCR that cancelled it (duplicate detection no longer holds its answer)
            return cancelled(s).now();
        }
        if (s.state() == SettlementState.CANCELLED) {
            return alreadyCancelled(settlementId).now();
        }
        // the latest SCR is the one whose copies are answered 2001 once it is done
        SettlementRecord cancelling = s.state() == SettlementState.CANCELLING && s.cancelKey().equals(key) ? s : move(s, s.cancelling(key));
        if (cancelling.state() == SettlementState.CANCELLED) {
            return alreadyCancelled(settlementId).now();
        }
        // to where it was settled: the payee's AAAY, or the terminal that settled it itself
        PayeeSide side = payeeSides.of(cancelling);
        return side.cancel(cancelling).handle((sca, failure) -> {
            Optional<AnswerResult> result = failure == null ? AnswerResult.of(sca) : Optional.empty();
            if (result.filter(AnswerResult::isSuccess).isEmpty()) {
                log.warn("SCR {}: the payee side did not confirm ({}); the settlement stays {}", settlementId,
                        failure != null ? failure.toString() : result.map(AnswerResult::toString).orElse("no result"), cancelling.state());
                String why = failure == null ? "refused: " + SettlementAnswers.utf8(sca, AvpCodes.ERROR_MESSAGE) : "cannot be told";
                return Outcome.refusal(ResultCodes.UNABLE_TO_DELIVER, side.name() + " " + why + "; nothing cancelled yet, ask again");
            }
            ledger.invalidate(cancelling.entryId(), "cancelled by " + nai + " (Settlement-Cancel)", clock.instant());
            SettlementRecord done = move(cancelling, cancelling.in(SettlementState.CANCELLED));
            log.info("settlement {} of {} cancelled ({})", settlementId, nai, done.state());
            return cancelled(cancelling);
        });
    }

    /** SCA 2001: Settlement-Id, Entry-State INVALIDATED, the amount credited back. */
    private Outcome cancelled(SettlementRecord s) {
        return Outcome.success(avps -> {
            avps.add(AvpCodes.USER_NAME, s.nai())
                    .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, s.settlementId())
                    .add(VendorAvpCodes.ENTRY_STATE, vendorId, Enumerations.ENTRY_STATE_INVALIDATED);
            MoneyAvps.addCcMoney(avps, s.amount(), s.currency());
        });
    }

    private Outcome alreadyCancelled(String settlementId) {
        return Outcome.experimental(vendorId, VendorResultCodes.ALREADY_CANCELLED, "settlement " + settlementId + " was cancelled before");
    }

    /**
     * A copy of the SCR that cancelled a settlement (authentic, its counter already used: its first
     * answer is no longer held, e.g. after a restart): answered 2001 again, nothing done.
     */
    @Override
    public Optional<Outcome> answeredBefore(Request request, String signerNai) {
        org.jdiameter.api.Avp id = request.getAvps().getAvp(VendorAvpCodes.SETTLEMENT_ID, vendorId);
        if (id == null) {
            return Optional.empty();
        }
        String key = SettlementStore.requestKey(signerNai, SettlementAnswers.utf8(request, AvpCodes.SESSION_ID), request.getEndToEndIdentifier());
        try {
            return store.byId(id.getUTF8String())
                    .filter(s -> s.state() == SettlementState.CANCELLED && s.cancelKey().equals(key))
                    .map(this::cancelled);
        } catch (org.jdiameter.api.AvpDataException e) {
            return Optional.empty();
        }
    }

    private static boolean isMade(SettlementState state) {
        return state == SettlementState.SETTLED || state == SettlementState.CANCELLING || state == SettlementState.CANCELLED;
    }

    private SettlementRecord move(SettlementRecord from, SettlementRecord to) {
        if (store.replace(from, to)) {
            return to;
        }
        return store.byRequest(from.requestKey()).orElseThrow();
    }

}
