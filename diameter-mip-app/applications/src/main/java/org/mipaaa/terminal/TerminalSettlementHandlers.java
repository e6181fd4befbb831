package org.mipaaa.terminal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.messages.PaidPurchase;
import org.mipaaa.messages.SettlementNotice;
import org.mipaaa.shop.Catalogue;
import org.mipaaa.shop.PaymentNotices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop terminal's side of settlement (docs/PROTOCOL.md §4.4, §4.5): the payment notice of S209
 * (PNR: a payee it serves, else 5802; recorded once per Settlement-Id) and the cancellation notice
 * (SCR: a settlement it was notified of, else 5803; marked cancelled, once).
 */
public final class TerminalSettlementHandlers {

    private static final Logger log = LoggerFactory.getLogger(TerminalSettlementHandlers.class);

    private final Catalogue catalogue;
    private final PaymentNotices notices;
    private final long vendorId;

    public TerminalSettlementHandlers(Catalogue catalogue, PaymentNotices notices, long vendorId) {
        this.catalogue = catalogue;
        this.notices = notices;
        this.vendorId = vendorId;
    }

    /** The PNR handler (S209). */
    public RequestHandler payment() {
        return (request, answers) -> {
            SettlementNotice pnr;
            try {
                pnr = SettlementNotice.payment(request, vendorId);
            } catch (Avps.Invalid e) {
                return done(answers.failure(request, e.failure()));
            }
            PaidPurchase purchase = pnr.purchase().orElseThrow();
            if (!catalogue.serves(purchase.payee())) {
                return done(answers.experimental(request, vendorId, VendorResultCodes.UNKNOWN_PAYEE, "unknown payee " + purchase.payee()));
            }
            PaymentNotices.Notice n = notices.paid(new PaymentNotices.Notice(pnr.settlementId(), purchase.payee(), purchase.orderReference(),
                    pnr.userName(), purchase.amount().toPlainString() + " " + purchase.currency(), false));
            log.info("payment notice: order {} of {} paid by {} (settlement {})", n.orderReference(), n.payee(), n.userName(), n.settlementId());
            return done(success(request, answers, pnr.settlementId()));
        };
    }

    /** The SCR handler. */
    public RequestHandler cancellation() {
        return (request, answers) -> {
            SettlementNotice scr;
            try {
                scr = SettlementNotice.cancel(request, vendorId);
            } catch (Avps.Invalid e) {
                return done(answers.failure(request, e.failure()));
            }
            Optional<PaymentNotices.Notice> n = notices.cancelled(scr.settlementId());
            if (n.isEmpty()) {
                return done(answers.experimental(request, vendorId, VendorResultCodes.UNKNOWN_SETTLEMENT, "no settlement " + scr.settlementId()));
            }
            log.info("cancellation notice: order {} of {} (settlement {})", n.get().orderReference(), n.get().payee(), scr.settlementId());
            return done(success(request, answers, scr.settlementId()));
        };
    }

    private Answer success(Request request, AnswerFactory answers, String settlementId) {
        Answer answer = answers.result(request, ResultCodes.SUCCESS);
        answer.getAvps().addAvp(VendorAvpCodes.SETTLEMENT_ID, settlementId, vendorId, true, false, false);
        answer.getAvps().addAvp(AvpCodes.EVENT_TIMESTAMP, new java.util.Date(), true, false);
        return answer;
    }

    private static CompletionStage<Answer> done(Answer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
