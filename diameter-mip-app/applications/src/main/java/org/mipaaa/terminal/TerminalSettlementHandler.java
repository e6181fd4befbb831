package org.mipaaa.terminal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.messages.CataloguePrice;
import org.mipaaa.messages.PaidPurchase;
import org.mipaaa.messages.SettlementNotice;
import org.mipaaa.shop.Catalogue;
import org.mipaaa.shop.TerminalAccount;
import org.mipaaa.shop.TerminalSale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Settlement-Request a terminal with the AAA function gets from an AAAH (the seed's variant of
 * S208-S210: "the payment request rather than the payment notice is given from the AAAH server to the
 * terminal ... the settlement processing is carried out at the terminal"; docs/PROTOCOL.md §4.2).
 *
 * <ol>
 * <li><b>decode</b>: User-Name, Settlement-Id, Purchase-Info, Settlement-Mode (5005; 5004 for an unknown
 *     mode).</li>
 * <li><b>validate</b>: sent straight by one of the {@link TrustedAaahs} (else 5003, nothing settled). A
 *     Settlement-Id this terminal has is answered from it (below). Else the payee must be one the terminal
 *     serves (5802) and the order one of its catalogue at exactly the catalogue's price and currency
 *     (5004 with Failed-AVP Purchase-Info): a terminal never accepts a price the mobile node made up.</li>
 * <li><b>act, once</b>: the sale is settled in the fsynced {@link TerminalAccount} under its
 *     Settlement-Id (-X on the shop's account in mode 1, the sale only in mode 2); the same
 *     Settlement-Id again settles nothing and is answered the same; one the AAAH voided (an SCR came
 *     first) is 5803 and settles nothing.</li>
 * <li><b>answer</b> (the payment confirmation to the AAAH): 2001 with User-Name, Settlement-Id,
 *     Settlement-Mode, Confirmation-Result CONFIRMED and Event-Timestamp (when it was settled).</li>
 * </ol>
 */
public final class TerminalSettlementHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(TerminalSettlementHandler.class);

    private final Catalogue catalogue;
    private final TerminalAccount account;
    private final TrustedAaahs aaahs;
    private final long vendorId;
    private final Clock clock;

    public TerminalSettlementHandler(Catalogue catalogue, TerminalAccount account, TrustedAaahs aaahs, long vendorId, Clock clock) {
        this.catalogue = catalogue;
        this.account = account;
        this.aaahs = aaahs;
        this.vendorId = vendorId;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        return settle(request).now();
    }

    private Outcome settle(Request request) {
        SettlementNotice ser;
        try {
            ser = SettlementNotice.payment(request, vendorId);
        } catch (Avps.Invalid e) {
            return e.refusal();
        }
        Optional<String> aaah = aaahs.sender(request);
        if (aaah.isEmpty()) {
            log.warn("SER for settlement {} from {}: not an AAAH this terminal settles for, refused", ser.settlementId(),
                    TrustedAaahs.originHost(request));
            return Outcome.refusal(ResultCodes.AUTHORIZATION_REJECTED,
                    "this terminal settles only for the AAA servers it has an agreement with");
        }
        PaidPurchase purchase = ser.purchase().orElseThrow();
        Optional<TerminalSale> before = account.find(ser.settlementId());
        if (before.isPresent() && !before.get().aaah().equals(aaah.get())) {
            // another AAAH's Settlement-Id: its existence is not revealed, nothing settled
            return unknown(ser.settlementId());
        }
        if (before.isPresent() && before.get().isVoided()) {
            return voided(ser.settlementId());
        }
        if (before.isPresent()) {
            log.info("SER for settlement {} again: answered as before, nothing settled twice", ser.settlementId());
            return settled(before.get());
        }
        Optional<Outcome> refused = CataloguePrice.refusal(catalogue, purchase, vendorId);
        if (refused.isPresent()) {
            return refused.get();
        }
        TerminalSale kept = account.settle(new TerminalSale(ser.settlementId(), aaah.get(), purchase.payee(), purchase.orderReference(),
                ser.userName(), purchase.amount(), purchase.currency(), ser.mode(), clock.instant().truncatedTo(ChronoUnit.SECONDS),
                false));
        if (kept.isVoided()) {
            return voided(ser.settlementId());
        }
        log.info("settled at the terminal: order {} of {} paid by {} (settlement {}, mode {})", kept.orderReference(), kept.payee(),
                kept.userName(), kept.settlementId(), kept.mode());
        return settled(kept);
    }

    private Outcome settled(TerminalSale s) {
        return Outcome.success(avps -> avps.add(AvpCodes.USER_NAME, s.userName())
                .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, s.settlementId())
                .add(VendorAvpCodes.SETTLEMENT_MODE, vendorId, s.mode())
                .add(VendorAvpCodes.CONFIRMATION_RESULT, vendorId, Enumerations.CONFIRMATION_RESULT_CONFIRMED)
                .add(AvpCodes.EVENT_TIMESTAMP, s.settledAt()));
    }

    private Outcome voided(String settlementId) {
        log.info("SER for settlement {}: voided by the AAAH before, nothing settled", settlementId);
        return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_SETTLEMENT, "settlement " + settlementId + " was voided by the AAAH");
    }

    private Outcome unknown(String settlementId) {
        return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_SETTLEMENT, "no settlement " + settlementId);
    }
}
