package org.mipaaa.aaah.settlement;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.aaah.auth.AaamMessageAuthentication;
import org.mipaaa.aaah.auth.MobileNodeGate;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.MoneyAvps;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.diameter.ValidationFailure;
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
 * <li><b>validate</b>: the AAAM-Authenticator (5805 unsigned); User-Name the association's NAI (5003);
 *     Settlement-Id present (5005) and a settlement of this NAI that was made (5803 otherwise, also for
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
public final class HomeSettlementCancelHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(HomeSettlementCancelHandler.class);

    private final AaamMessageAuthentication authentication;
    private final SettlementStore store;
    private final AccountDatabase ledger;
    private final PayeeSides payeeSides;
    private final long vendorId;
    private final MobileNodeGate gate;
    private final Clock clock;

    HomeSettlementCancelHandler(AaamMessageAuthentication authentication, SettlementStore store, AccountDatabase ledger,
                                PayeeSides payeeSides, Clock clock) {
        this.authentication = authentication;
        this.store = store;
        this.ledger = ledger;
        this.payeeSides = payeeSides;
        this.vendorId = payeeSides.vendorId();
        this.gate = new MobileNodeGate(authentication, this.vendorId);
        this.clock = clock;
    }

    @Override
    public CompletionStage<Answer> handle(Request request, AnswerFactory answers) {
        MobileNodeGate.Result gate = this.gate.admit(request, answers, "SCR", "a mobile node cancels only its own settlements", r -> answeredBefore(r, answers));
        if (gate instanceof MobileNodeGate.Answered answered) {
            return done(answered.answer());
        }
        AaamSecurityAssociation association = ((MobileNodeGate.Admitted) gate).association();
        String nai = ((MobileNodeGate.Admitted) gate).nai();
        String settlementId;
        try {
            AvpSet avps = request.getAvps();
            org.jdiameter.api.Avp id = avps.getAvp(VendorAvpCodes.SETTLEMENT_ID, vendorId);
            if (id == null) {
                throw new Avps.Invalid(new ValidationFailure(ResultCodes.MISSING_AVP, "Settlement-Id is missing",
                        new org.mipaaa.diameter.FailedAvp(VendorAvpCodes.SETTLEMENT_ID, vendorId, true, new byte[0], null)));
            }
            settlementId = Avps.utf8(id);
        } catch (Avps.Invalid e) {
            return done(signed(answers.failure(request, e.failure()), association));
        }
        Optional<SettlementRecord> found = store.byId(settlementId).filter(s -> s.nai().equals(nai));
        if (found.isEmpty() || !found.get().state().answered() || !isMade(found.get().state())) {
            log.info("SCR of {} for settlement {}: none made", nai, settlementId);
            return done(signed(answers.experimental(request, vendorId, VendorResultCodes.UNKNOWN_SETTLEMENT,
                    "no settlement " + settlementId), association));
        }
        SettlementRecord s = found.get();
        String key = SettlementStore.requestKey(nai, SettlementAnswers.utf8(request, AvpCodes.SESSION_ID), request.getEndToEndIdentifier());
        if (s.state() == SettlementState.CANCELLED && s.cancelKey().equals(key)) {
            // a copy of the SCR that cancelled it (duplicate detection no longer holds its answer)
            return done(signed(cancelled(request, answers, s), association));
        }
        if (s.state() == SettlementState.CANCELLED) {
            return done(signed(answers.experimental(request, vendorId, VendorResultCodes.ALREADY_CANCELLED,
                    "settlement " + settlementId + " was cancelled before"), association));
        }
        // the latest SCR is the one whose copies are answered 2001 once it is done
        SettlementRecord cancelling = s.state() == SettlementState.CANCELLING && s.cancelKey().equals(key) ? s : move(s, s.cancelling(key));
        if (cancelling.state() == SettlementState.CANCELLED) {
            return done(signed(answers.experimental(request, vendorId, VendorResultCodes.ALREADY_CANCELLED,
                    "settlement " + settlementId + " was cancelled before"), association));
        }
        // to where it was settled: the payee's AAAY, or the terminal that settled it itself
        PayeeSide side = payeeSides.of(cancelling);
        return side.cancel(cancelling).handle((sca, failure) -> {
            long[] result = failure == null ? SettlementAnswers.outcome(sca) : null;
            if (result == null || result[0] != ResultCodes.SUCCESS) {
                log.warn("SCR {}: the payee side did not confirm ({}); the settlement stays {}", settlementId,
                        failure != null ? failure.toString() : result == null ? "no result" : Long.toString(result[0]), cancelling.state());
                String why = failure == null ? "refused: " + SettlementAnswers.utf8(sca, AvpCodes.ERROR_MESSAGE) : "cannot be told";
                return signed(answers.failure(request, new ValidationFailure(ResultCodes.UNABLE_TO_DELIVER,
                        side.name() + " " + why + "; nothing cancelled yet, ask again", null)), association);
            }
            ledger.invalidate(cancelling.entryId(), "cancelled by " + nai + " (Settlement-Cancel)", clock.instant());
            SettlementRecord done = move(cancelling, cancelling.in(SettlementState.CANCELLED));
            log.info("settlement {} of {} cancelled ({})", settlementId, nai, done.state());
            return signed(cancelled(request, answers, cancelling), association);
        });
    }

    /** SCA 2001: Settlement-Id, Entry-State INVALIDATED, the amount credited back. */
    private Answer cancelled(Request request, AnswerFactory answers, SettlementRecord s) {
        Answer answer = answers.result(request, ResultCodes.SUCCESS);
        AvpSet out = answer.getAvps();
        out.addAvp(AvpCodes.USER_NAME, s.nai(), true, false, false);
        out.addAvp(VendorAvpCodes.SETTLEMENT_ID, s.settlementId(), vendorId, true, false, false);
        out.addAvp(VendorAvpCodes.ENTRY_STATE, Enumerations.ENTRY_STATE_INVALIDATED, vendorId, true, false);
        MoneyAvps.addCcMoney(out, s.amount(), s.currency());
        return answer;
    }

    /**
     * A copy of the SCR that cancelled a settlement (authentic, its counter already used: its first
     * answer is no longer held, e.g. after a restart): answered 2001 again, signed, nothing done.
     */
    private Optional<Answer> answeredBefore(Request request, AnswerFactory answers) {
        Optional<AaamSecurityAssociation> signer = authentication.signer(request);
        org.jdiameter.api.Avp id = request.getAvps().getAvp(VendorAvpCodes.SETTLEMENT_ID, vendorId);
        if (signer.isEmpty() || id == null) {
            return Optional.empty();
        }
        String key = SettlementStore.requestKey(signer.get().nai(), SettlementAnswers.utf8(request, AvpCodes.SESSION_ID), request.getEndToEndIdentifier());
        try {
            return store.byId(id.getUTF8String())
                    .filter(s -> s.state() == SettlementState.CANCELLED && s.cancelKey().equals(key))
                    .map(s -> signed(cancelled(request, answers, s), signer.get()));
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

    private Answer signed(Answer answer, AaamSecurityAssociation association) {
        authentication.sign(answer, association);
        return answer;
    }

    private static CompletionStage<Answer> done(Answer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
