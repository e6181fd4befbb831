package org.mipaaa.aaay;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.messages.CataloguePrice;
import org.mipaaa.messages.NextHopOutcome;
import org.mipaaa.messages.NextHopRequest;
import org.mipaaa.messages.PaidPurchase;
import org.mipaaa.messages.SettlementNotice;
import org.mipaaa.payee.PayeeDirectory;
import org.mipaaa.payee.PayeeLedger;
import org.mipaaa.payee.PayeeSettlement;
import org.mipaaa.shop.Catalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAY's Payment-Notification-Request from an AAAH (S208-S210; docs/PROTOCOL.md §4.4).
 *
 * <ol>
 * <li><b>decode</b>: User-Name, Settlement-Id, Purchase-Info, Settlement-Mode ({@link SettlementNotice}).</li>
 * <li><b>validate</b>: the payee in the directory (5802), the AAAH's realm configured for it (5003); for a
 *     payee held here, its order at the catalogue's price (5004; a terminal checks its own).</li>
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
    private final Catalogue heldHere;
    private final NextHopRequest toTerminal;
    private final long vendorId;
    private final String realm;

    /**
     * @param heldHere the orders of the payees whose information the AAAY holds itself
     * @param realm    this AAAY's realm, its terminals' (Destination-Realm of the PNR to them)
     */
    public AaayPaymentNotificationHandler(PayeeDirectory directory, PayeeLedger ledger, Catalogue heldHere, NextHopRequest toTerminal,
                                          String realm) {
        this.directory = directory;
        this.ledger = ledger;
        this.heldHere = heldHere;
        this.toTerminal = toTerminal;
        this.vendorId = toTerminal.vendorId();
        this.realm = realm;
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        SettlementNotice pnr;
        try {
            pnr = SettlementNotice.payment(request, vendorId);
        } catch (Avps.Invalid e) {
            return e.refusal().now();
        }
        PaidPurchase purchase = pnr.purchase().orElseThrow();
        Optional<PayeeDirectory.Payee> found = directory.find(purchase.payee());
        if (found.isEmpty()) {
            return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_PAYEE, "unknown payee " + purchase.payee()).now();
        }
        PayeeDirectory.Payee payee = found.get();
        if (!payee.accepts(pnr.originRealm())) {
            log.warn("PNR from realm {} for {}: not configured for this payee, refused", pnr.originRealm(), purchase.payee());
            return Outcome.refusal(ResultCodes.AUTHORIZATION_REJECTED, "realm " + pnr.originRealm() + " may not pay " + purchase.payee()).now();
        }
        PayeeSettlement fresh = new PayeeSettlement(pnr.settlementId(), purchase.payee(), purchase.orderReference(), pnr.userName(),
                purchase.amount(), purchase.currency(), pnr.mode(), false);
        Optional<PayeeSettlement> before = ledger.find(pnr.settlementId());
        if (before.isPresent() && before.get().isVoided()) {
            return voided(pnr.settlementId()).now();
        }
        if (before.isPresent()) {
            log.info("PNR for settlement {} again: booked before, answered the same", pnr.settlementId());
            return success(before.get()).now();
        }
        if (payee.heldHere()) {
            // the amount is the mobile node's: booked only for the payee's order at its price
            Optional<Outcome> refused = CataloguePrice.refusal(heldHere, purchase, vendorId);
            if (refused.isPresent()) {
                return refused.get().now();
            }
            return success(ledger.book(fresh)).now();
        }
        String terminal = payee.terminalHost().orElseThrow();
        return toTerminal.send(CommandCodes.PAYMENT_NOTIFICATION, realm, terminal, out -> out.avps()
                .add(AvpCodes.USER_NAME, pnr.userName())
                .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, pnr.settlementId())
                .copy(purchase.avp())
                .add(VendorAvpCodes.SETTLEMENT_MODE, vendorId, pnr.mode())
                .add(VendorAvpCodes.TERMINAL_HOST, vendorId, terminal)).handle((pna, failure) -> {
            if (failure != null || !NextHopOutcome.success(pna)) {
                log.warn("PNR for settlement {}: terminal {} did not take it; nothing booked", pnr.settlementId(), terminal);
                return NextHopOutcome.refusal(pna, failure, "the shop terminal " + terminal);
            }
            PayeeSettlement booked = ledger.book(fresh);
            if (booked.isVoided()) {
                // voided by the AAAH while the terminal was being told: the terminal is told it is off
                toTerminal.send(CommandCodes.SETTLEMENT_CANCEL, realm, terminal, out -> out.avps()
                        .add(AvpCodes.USER_NAME, pnr.userName())
                        .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, pnr.settlementId())
                        .add(VendorAvpCodes.TERMINAL_HOST, vendorId, terminal))
                        .whenComplete((a, f) -> log.info("settlement {} voided: terminal {} told ({})", pnr.settlementId(), terminal,
                                f != null ? f.toString() : "answered"));
                return voided(pnr.settlementId());
            }
            log.info("settlement {} for {} booked (mode {}), terminal {} told", booked.settlementId(), booked.payee(), booked.mode(), terminal);
            return success(booked);
        });
    }

    private Outcome voided(String settlementId) {
        log.info("PNR for settlement {}: voided by the AAAH before, nothing booked", settlementId);
        return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_SETTLEMENT, "settlement " + settlementId + " was voided by the AAAH");
    }

    private Outcome success(PayeeSettlement s) {
        return Outcome.success(avps -> avps.add(AvpCodes.USER_NAME, s.userName())
                .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, s.settlementId())
                .add(AvpCodes.EVENT_TIMESTAMP, Instant.now()));
    }
}
