package org.mipaaa.terminal;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.MoneyAvps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.messages.SettlementNotice;
import org.mipaaa.shop.TerminalAccount;
import org.mipaaa.shop.TerminalSale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A terminal's Settlement-Cancel-Request (docs/PROTOCOL.md §4.5). From one of its {@link TrustedAaahs}
 * it cancels a sale the terminal settled itself (the seed's variant), as the AAAY does for the -X it
 * booked: a sale of that AAAH is reversed once and answered 2001 with Entry-State INVALIDATED and the
 * amount in CC-Money, again 2001 without a second reversal for a copy (the AAAH decides 5804); a
 * Settlement-Id it has not settled is 5803 and kept voided, so that a SER still under way settles
 * nothing (the AAAH voiding a SER it got no answer to). Any other sender (the AAAY) cancels a payment
 * notice: {@code notices}.
 */
public final class TerminalCancellationHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(TerminalCancellationHandler.class);

    private final TerminalAccount account;
    private final TrustedAaahs aaahs;
    private final RequestHandler notices;
    private final long vendorId;
    private final Clock clock;

    /** @param notices the cancellation of a payment notice, for an SCR from anybody but a trusted AAAH */
    public TerminalCancellationHandler(TerminalAccount account, TrustedAaahs aaahs, RequestHandler notices, long vendorId,
                                       Clock clock) {
        this.account = account;
        this.aaahs = aaahs;
        this.notices = notices;
        this.vendorId = vendorId;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        Optional<String> aaah = aaahs.sender(request);
        if (aaah.isEmpty()) {
            return notices.handle(request);
        }
        return cancel(request, aaah.get()).now();
    }

    private Outcome cancel(Request request, String aaah) {
        SettlementNotice scr;
        try {
            scr = SettlementNotice.cancel(request, vendorId);
        } catch (Avps.Invalid e) {
            return e.refusal();
        }
        TerminalSale kept = account.settle(TerminalSale.voided(scr.settlementId(), aaah, scr.userName(), clock.instant()));
        if (!kept.aaah().equals(aaah) || kept.isVoided()) {
            log.info("SCR for settlement {} from {}: not settled here{}", scr.settlementId(), aaah,
                    kept.aaah().equals(aaah) ? "; kept voided" : "");
            return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_SETTLEMENT, "no settlement " + scr.settlementId());
        }
        TerminalSale reversed = account.reverse(scr.settlementId()).orElseThrow();
        log.info("settlement {}: order {} of {} reversed at the terminal", reversed.settlementId(), reversed.orderReference(), reversed.payee());
        return Outcome.success(avps -> {
            avps.add(AvpCodes.USER_NAME, reversed.userName())
                    .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, reversed.settlementId())
                    .add(VendorAvpCodes.ENTRY_STATE, vendorId, Enumerations.ENTRY_STATE_INVALIDATED);
            MoneyAvps.addCcMoney(avps, reversed.amount(), reversed.currency());
        });
    }
}
