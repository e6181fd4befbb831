package org.mipaaa.aaay;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.MoneyAvps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
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
import org.mipaaa.payee.UnbookedVoids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAY's Settlement-Cancel-Request from an AAAH (docs/PROTOCOL.md §4.5): a settlement it booked and
 * the AAAH's realm configured for its payee (else 5803, 5003); the terminal is told first (SCR), then the
 * -X is reversed, once; a repeated SCR is answered 2001 again without a second reversal (the AAAH
 * decides what its mobile node is told). Answer: Settlement-Id, Entry-State INVALIDATED, CC-Money. An
 * SCR for a Settlement-Id not booked (the AAAH voiding a PNR it got no answer to) is 5803, and the id is
 * kept voided so that the PNR books nothing should it still come ({@link UnbookedVoids}: for a day, at
 * most so many new ones an hour per AAAH realm; beyond that 3004, nothing written, and the AAAH tries
 * again later).
 */
public final class AaaySettlementCancelHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(AaaySettlementCancelHandler.class);

    private final PayeeDirectory directory;
    private final PayeeLedger ledger;
    private final UnbookedVoids voids;
    private final NextHopRequest toTerminal;
    private final long vendorId;
    private final String realm;

    /**
     * @param voids the bounded records of settlements voided before they were booked
     * @param realm this AAAY's realm, its terminals' (Destination-Realm of the SCR to them)
     */
    public AaaySettlementCancelHandler(PayeeDirectory directory, PayeeLedger ledger, UnbookedVoids voids, NextHopRequest toTerminal,
                                       String realm) {
        this.directory = directory;
        this.ledger = ledger;
        this.voids = voids;
        this.toTerminal = toTerminal;
        this.vendorId = toTerminal.vendorId();
        this.realm = realm;
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        SettlementNotice scr;
        try {
            scr = SettlementNotice.cancel(request, vendorId);
        } catch (Avps.Invalid e) {
            return e.refusal().now();
        }
        Optional<PayeeSettlement> found = ledger.find(scr.settlementId());
        if (found.isEmpty() && acceptsAny(scr.originRealm())) {
            // the AAAH voids a settlement whose PNR it gave up on: this AAAY must never book it later
            found = voids.voidUnlessBooked(scr.settlementId(), scr.userName(), scr.originRealm());
            if (found.isEmpty()) {
                log.warn("SCR for unknown settlement {} from {}: the realm's allowance of void records is used up",
                        scr.settlementId(), scr.originRealm());
                return Outcome.refusal(ResultCodes.TOO_BUSY, "too many cancellations of unknown settlements from "
                        + scr.originRealm() + " this hour").now();
            }
            if (found.get().isVoided()) {
                log.info("settlement {} voided by {} before it was booked", scr.settlementId(), scr.originRealm());
            }
        }
        Optional<PayeeDirectory.Payee> payee = found.flatMap(s -> directory.find(s.payee()));
        if (found.isEmpty() || payee.isEmpty()) {
            return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_SETTLEMENT, "no settlement " + scr.settlementId()).now();
        }
        if (!payee.get().accepts(scr.originRealm())) {
            return Outcome.refusal(ResultCodes.AUTHORIZATION_REJECTED,
                    "realm " + scr.originRealm() + " may not cancel for " + found.get().payee()).now();
        }
        if (found.get().reversed() || payee.get().heldHere()) {
            return success(ledger.reverse(scr.settlementId()).orElseThrow()).now();
        }
        String terminal = payee.get().terminalHost().orElseThrow();
        return toTerminal.send(CommandCodes.SETTLEMENT_CANCEL, realm, terminal, out -> out.avps()
                .add(AvpCodes.USER_NAME, scr.userName())
                .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, scr.settlementId())
                .add(VendorAvpCodes.TERMINAL_HOST, vendorId, terminal)).handle((sca, failure) -> {
            if (failure != null || !NextHopOutcome.success(sca)) {
                log.warn("SCR for settlement {}: terminal {} did not take it; nothing reversed", scr.settlementId(), terminal);
                return NextHopOutcome.refusal(sca, failure, "the shop terminal " + terminal);
            }
            PayeeSettlement reversed = ledger.reverse(scr.settlementId()).orElseThrow();
            log.info("settlement {} for {} reversed, terminal {} told", reversed.settlementId(), reversed.payee(), terminal);
            return success(reversed);
        });
    }

    private boolean acceptsAny(String realm) {
        return directory.ids().stream().anyMatch(id -> directory.find(id).map(p -> p.accepts(realm)).orElse(false));
    }

    private Outcome success(PayeeSettlement s) {
        return Outcome.success(avps -> {
            avps.add(AvpCodes.USER_NAME, s.userName())
                    .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, s.settlementId())
                    .add(VendorAvpCodes.ENTRY_STATE, vendorId, Enumerations.ENTRY_STATE_INVALIDATED);
            MoneyAvps.addCcMoney(avps, s.amount(), s.currency());
        });
    }
}
