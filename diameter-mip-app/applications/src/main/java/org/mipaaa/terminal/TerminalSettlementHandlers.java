package org.mipaaa.terminal;

import java.time.Instant;
import java.util.Optional;

import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.messages.CataloguePrice;
import org.mipaaa.messages.PaidPurchase;
import org.mipaaa.messages.SettlementNotice;
import org.mipaaa.shop.Catalogue;
import org.mipaaa.shop.PaymentNotices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop terminal's side of settlement (docs/PROTOCOL.md §4.4, §4.5): the payment notice of S209
 * (PNR: an order of its catalogue at its price, else 5802 or 5004; recorded once per Settlement-Id) and the cancellation notice
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
        return request -> paid(request).now();
    }

    /** The SCR handler. */
    public RequestHandler cancellation() {
        return request -> cancelled(request).now();
    }

    private Outcome paid(Request request) {
        SettlementNotice pnr;
        try {
            pnr = SettlementNotice.payment(request, vendorId);
        } catch (Avps.Invalid e) {
            return e.refusal();
        }
        PaidPurchase purchase = pnr.purchase().orElseThrow();
        if (notices.notice(pnr.settlementId()).isEmpty()) {
            // the amount is the mobile node's: the shop is told "paid" only for its order at its price
            Optional<Outcome> refused = CataloguePrice.refusal(catalogue, purchase, vendorId);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        PaymentNotices.Notice n = notices.paid(new PaymentNotices.Notice(pnr.settlementId(), purchase.payee(), purchase.orderReference(),
                pnr.userName(), purchase.amount().toPlainString() + " " + purchase.currency(), false));
        log.info("payment notice: order {} of {} paid by {} (settlement {})", n.orderReference(), n.payee(), n.userName(), n.settlementId());
        return success(pnr.settlementId());
    }

    private Outcome cancelled(Request request) {
        SettlementNotice scr;
        try {
            scr = SettlementNotice.cancel(request, vendorId);
        } catch (Avps.Invalid e) {
            return e.refusal();
        }
        Optional<PaymentNotices.Notice> n = notices.cancelled(scr.settlementId());
        if (n.isEmpty()) {
            return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_SETTLEMENT, "no settlement " + scr.settlementId());
        }
        log.info("cancellation notice: order {} of {} (settlement {})", n.get().orderReference(), n.get().payee(), scr.settlementId());
        return success(scr.settlementId());
    }

    private Outcome success(String settlementId) {
        return Outcome.success(avps -> avps.add(VendorAvpCodes.SETTLEMENT_ID, vendorId, settlementId)
                .add(AvpCodes.EVENT_TIMESTAMP, Instant.now()));
    }
}
