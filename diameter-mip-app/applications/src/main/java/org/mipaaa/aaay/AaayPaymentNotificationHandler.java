package org.mipaaa.aaay;

import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.diameter.ValidationFailure;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.messages.NextHopOutcome;
import org.mipaaa.messages.NextHopRequest;
import org.mipaaa.messages.PaidPurchase;
import org.mipaaa.messages.SettlementNotice;
import org.mipaaa.payee.PayeeDirectory;
import org.mipaaa.payee.PayeeLedger;
import org.mipaaa.payee.PayeeSettlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAY's Payment-Notification-Request from an AAAH (S208-S210; docs/PROTOCOL.md §4.4).
 *
 * <ol>
 * <li><b>decode</b>: User-Name, Settlement-Id, Purchase-Info, Settlement-Mode ({@link SettlementNotice}).</li>
 * <li><b>validate</b>: the payee in the directory (5802), the AAAH's realm configured for it (5003).</li>
 * <li><b>act</b>: a Settlement-Id booked before is answered 2001 again, nothing booked twice; one the AAAH
 *     voided (its PNR got no answer in time) is 5803 and books nothing (the terminal, if it was told
 *     meanwhile, gets an SCR). Else the
 *     payee's terminal is told first (S209, PNR with Destination-Host = Terminal-Host; skipped for a
 *     payee held here), then the settlement is booked: -X on the payee's account in mode 1, a notice
 *     only in mode 2. A terminal that refuses or cannot be reached: nothing booked, its answer or 3002
 *     passed back.</li>
 * <li><b>answer</b> (S210): 2001 with Settlement-Id and Event-Timestamp.</li>
 * </ol>
 */
public final class AaayPaymentNotificationHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(AaayPaymentNotificationHandler.class);

    private final PayeeDirectory directory;
    private final PayeeLedger ledger;
    private final NextHopRequest toTerminal;
    private final long vendorId;

    public AaayPaymentNotificationHandler(PayeeDirectory directory, PayeeLedger ledger, NextHopRequest toTerminal) {
        this.directory = directory;
        this.ledger = ledger;
        this.toTerminal = toTerminal;
        this.vendorId = toTerminal.vendorId();
    }

    @Override
    public CompletionStage<Answer> handle(Request request, AnswerFactory answers) {
        SettlementNotice pnr;
        try {
            pnr = SettlementNotice.payment(request, vendorId);
        } catch (Avps.Invalid e) {
            return done(answers.failure(request, e.failure()));
        }
        PaidPurchase purchase = pnr.purchase().orElseThrow();
        Optional<PayeeDirectory.Payee> found = directory.find(purchase.payee());
        if (found.isEmpty()) {
            return done(answers.experimental(request, vendorId, VendorResultCodes.UNKNOWN_PAYEE, "unknown payee " + purchase.payee()));
        }
        PayeeDirectory.Payee payee = found.get();
        if (!payee.accepts(pnr.originRealm())) {
            log.warn("PNR from realm {} for {}: not configured for this payee, refused", pnr.originRealm(), purchase.payee());
            return done(answers.failure(request, new ValidationFailure(ResultCodes.AUTHORIZATION_REJECTED,
                    "realm " + pnr.originRealm() + " may not pay " + purchase.payee(), null)));
        }
        PayeeSettlement fresh = new PayeeSettlement(pnr.settlementId(), purchase.payee(), purchase.orderReference(), pnr.userName(),
                purchase.amount(), purchase.currency(), pnr.mode(), false);
        Optional<PayeeSettlement> before = ledger.find(pnr.settlementId());
        if (before.isPresent() && before.get().isVoided()) {
            return done(voided(request, answers, pnr.settlementId()));
        }
        if (before.isPresent()) {
            log.info("PNR for settlement {} again: booked before, answered the same", pnr.settlementId());
            return done(success(request, answers, before.get()));
        }
        if (payee.heldHere()) {
            return done(success(request, answers, ledger.book(fresh)));
        }
        String terminal = payee.terminalHost().orElseThrow();
        return toTerminal.send(CommandCodes.PAYMENT_NOTIFICATION, answers.originRealm(), terminal, out -> {
            AvpSet avps = out.getAvps();
            avps.addAvp(AvpCodes.USER_NAME, pnr.userName(), true, false, false);
            avps.addAvp(VendorAvpCodes.SETTLEMENT_ID, pnr.settlementId(), vendorId, true, false, false);
            avps.addAvp(purchase.avp());
            avps.addAvp(VendorAvpCodes.SETTLEMENT_MODE, pnr.mode(), vendorId, true, false);
            avps.addAvp(VendorAvpCodes.TERMINAL_HOST, terminal, vendorId, true, false, true);
        }).handle((pna, failure) -> {
            if (failure != null || !NextHopOutcome.success(pna)) {
                log.warn("PNR for settlement {}: terminal {} did not take it; nothing booked", pnr.settlementId(), terminal);
                return NextHopOutcome.refusal(request, answers, pna, failure, "the shop terminal " + terminal);
            }
            PayeeSettlement booked = ledger.book(fresh);
            if (booked.isVoided()) {
                // voided by the AAAH while the terminal was being told: the terminal is told it is off
                toTerminal.send(CommandCodes.SETTLEMENT_CANCEL, answers.originRealm(), terminal, out -> {
                    out.getAvps().addAvp(AvpCodes.USER_NAME, pnr.userName(), true, false, false);
                    out.getAvps().addAvp(VendorAvpCodes.SETTLEMENT_ID, pnr.settlementId(), vendorId, true, false, false);
                    out.getAvps().addAvp(VendorAvpCodes.TERMINAL_HOST, terminal, vendorId, true, false, true);
                }).whenComplete((a, f) -> log.info("settlement {} voided: terminal {} told ({})", pnr.settlementId(), terminal,
                        f != null ? f.toString() : "answered"));
                return voided(request, answers, pnr.settlementId());
            }
            log.info("settlement {} for {} booked (mode {}), terminal {} told", booked.settlementId(), booked.payee(), booked.mode(), terminal);
            return success(request, answers, booked);
        });
    }

    private Answer voided(Request request, AnswerFactory answers, String settlementId) {
        log.info("PNR for settlement {}: voided by the AAAH before, nothing booked", settlementId);
        return answers.experimental(request, vendorId, VendorResultCodes.UNKNOWN_SETTLEMENT,
                "settlement " + settlementId + " was voided by the AAAH");
    }

    private Answer success(Request request, AnswerFactory answers, PayeeSettlement s) {
        Answer answer = answers.result(request, ResultCodes.SUCCESS);
        AvpSet avps = answer.getAvps();
        avps.addAvp(AvpCodes.USER_NAME, s.userName(), true, false, false);
        avps.addAvp(VendorAvpCodes.SETTLEMENT_ID, s.settlementId(), vendorId, true, false, false);
        avps.addAvp(AvpCodes.EVENT_TIMESTAMP, new Date(), true, false);
        return answer;
    }

    private static CompletionStage<Answer> done(Answer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
