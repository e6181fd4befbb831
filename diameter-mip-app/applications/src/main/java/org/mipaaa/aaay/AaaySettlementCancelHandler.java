package org.mipaaa.aaay;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.MoneyAvps;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.diameter.ValidationFailure;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.messages.NextHopOutcome;
import org.mipaaa.messages.NextHopRequest;
import org.mipaaa.messages.SettlementNotice;
import org.mipaaa.payee.PayeeDirectory;
import org.mipaaa.payee.PayeeLedger;
import org.mipaaa.payee.PayeeSettlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAY's Settlement-Cancel-Request from an AAAH (docs/PROTOCOL.md §4.5): a settlement it booked and
 * the AAAH's realm configured for its payee (else 5803, 5003); the terminal is told first (SCR), then the
 * -X is reversed, once; a repeated SCR is answered 2001 again without a second reversal (the AAAH
 * decides what its mobile node is told). Answer: Settlement-Id, Entry-State INVALIDATED, CC-Money. An
 * SCR for a Settlement-Id not booked (the AAAH voiding a PNR it got no answer to) is 5803, and the id is
 * kept voided so that the PNR books nothing should it still come.
 */
public final class AaaySettlementCancelHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(AaaySettlementCancelHandler.class);

    private final PayeeDirectory directory;
    private final PayeeLedger ledger;
    private final NextHopRequest toTerminal;
    private final long vendorId;

    public AaaySettlementCancelHandler(PayeeDirectory directory, PayeeLedger ledger, NextHopRequest toTerminal) {
        this.directory = directory;
        this.ledger = ledger;
        this.toTerminal = toTerminal;
        this.vendorId = toTerminal.vendorId();
    }

    @Override
    public CompletionStage<Answer> handle(Request request, AnswerFactory answers) {
        SettlementNotice scr;
        try {
            scr = SettlementNotice.cancel(request, vendorId);
        } catch (Avps.Invalid e) {
            return done(answers.failure(request, e.failure()));
        }
        Optional<PayeeSettlement> found = ledger.find(scr.settlementId());
        if (found.isEmpty() && acceptsAny(scr.originRealm())) {
            // the AAAH voids a settlement whose PNR it gave up on: this AAAY must never book it later
            found = Optional.of(ledger.book(PayeeSettlement.voided(scr.settlementId(), scr.userName())));
            if (found.get().isVoided()) {
                log.info("settlement {} voided by {} before it was booked", scr.settlementId(), scr.originRealm());
            }
        }
        Optional<PayeeDirectory.Payee> payee = found.flatMap(s -> directory.find(s.payee()));
        if (found.isEmpty() || payee.isEmpty()) {
            return done(answers.experimental(request, vendorId, VendorResultCodes.UNKNOWN_SETTLEMENT, "no settlement " + scr.settlementId()));
        }
        if (!payee.get().accepts(scr.originRealm())) {
            return done(answers.failure(request, new ValidationFailure(ResultCodes.AUTHORIZATION_REJECTED,
                    "realm " + scr.originRealm() + " may not cancel for " + found.get().payee(), null)));
        }
        if (found.get().reversed() || payee.get().heldHere()) {
            return done(success(request, answers, ledger.reverse(scr.settlementId()).orElseThrow()));
        }
        String terminal = payee.get().terminalHost().orElseThrow();
        return toTerminal.send(CommandCodes.SETTLEMENT_CANCEL, answers.originRealm(), terminal, out -> {
            AvpSet avps = out.getAvps();
            avps.addAvp(AvpCodes.USER_NAME, scr.userName(), true, false, false);
            avps.addAvp(VendorAvpCodes.SETTLEMENT_ID, scr.settlementId(), vendorId, true, false, false);
            avps.addAvp(VendorAvpCodes.TERMINAL_HOST, terminal, vendorId, true, false, true);
        }).handle((sca, failure) -> {
            if (failure != null || !NextHopOutcome.success(sca)) {
                log.warn("SCR for settlement {}: terminal {} did not take it; nothing reversed", scr.settlementId(), terminal);
                return NextHopOutcome.refusal(request, answers, sca, failure, "the shop terminal " + terminal);
            }
            PayeeSettlement reversed = ledger.reverse(scr.settlementId()).orElseThrow();
            log.info("settlement {} for {} reversed, terminal {} told", reversed.settlementId(), reversed.payee(), terminal);
            return success(request, answers, reversed);
        });
    }

    private boolean acceptsAny(String realm) {
        return directory.ids().stream().anyMatch(id -> directory.find(id).map(p -> p.accepts(realm)).orElse(false));
    }

    private Answer success(Request request, AnswerFactory answers, PayeeSettlement s) {
        Answer answer = answers.result(request, ResultCodes.SUCCESS);
        AvpSet avps = answer.getAvps();
        avps.addAvp(AvpCodes.USER_NAME, s.userName(), true, false, false);
        avps.addAvp(VendorAvpCodes.SETTLEMENT_ID, s.settlementId(), vendorId, true, false, false);
        avps.addAvp(VendorAvpCodes.ENTRY_STATE, Enumerations.ENTRY_STATE_INVALIDATED, vendorId, true, false);
        MoneyAvps.addCcMoney(avps, s.amount(), s.currency());
        return answer;
    }

    private static CompletionStage<Answer> done(Answer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
