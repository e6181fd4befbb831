package org.mipaaa.aaah.settlement;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.Message;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.settlement.SettlementRecord;
import org.mipaaa.settlement.SettlementState;

/**
 * The AAAH's SEA for a settlement in a given state (docs/PROTOCOL.md §4.2): the same state gives the
 * same answer, so every copy of a SER is answered alike. Unsigned here; the gate signs.
 */
final class SettlementAnswers {

    private final long vendorId;

    SettlementAnswers(long vendorId) {
        this.vendorId = vendorId;
    }

    Outcome of(SettlementRecord s) {
        Outcome.Reply reply = switch (s.state()) {
            case SETTLED, CANCELLING, CANCELLED -> Outcome.success();
            case REJECTED -> Outcome.experimental(vendorId, VendorResultCodes.USER_REJECTED, "the user cancelled the settlement");
            case TIMED_OUT -> Outcome.experimental(vendorId, VendorResultCodes.CONFIRMATION_TIMEOUT,
                    "no confirmation from the user in time");
            case AWAITING_CONFIRMATION -> Outcome.experimental(vendorId, VendorResultCodes.CONFIRMATION_PENDING,
                    "waiting for the user's confirmation: ask again with this Settlement-Id");
            case NOT_SETTLED, VOIDING -> notSettled(s);
            case CONFIRMED -> Outcome.refusal(ResultCodes.UNABLE_TO_DELIVER, "the payee's AAA server has not confirmed yet");
        };
        return reply.with(avps -> {
            avps.add(AvpCodes.USER_NAME, s.nai())
                    .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, s.settlementId())
                    .add(VendorAvpCodes.SETTLEMENT_MODE, vendorId, s.mode());
            if (s.state() == SettlementState.REJECTED) {
                avps.add(VendorAvpCodes.CONFIRMATION_RESULT, vendorId, Enumerations.CONFIRMATION_RESULT_CANCELLED_BY_USER);
            } else if (s.state() == SettlementState.SETTLED || s.state() == SettlementState.CANCELLING
                    || s.state() == SettlementState.CANCELLED) {
                avps.add(VendorAvpCodes.CONFIRMATION_RESULT, vendorId, Enumerations.CONFIRMATION_RESULT_CONFIRMED)
                        .add(AvpCodes.EVENT_TIMESTAMP, s.openedAt());
            }
        });
    }

    /** The payee side's refusal as stored, with the host that reported it (RFC 6733 §7.3). */
    private Outcome.Reply notSettled(SettlementRecord s) {
        String message = s.errorMessage().isEmpty() ? null : s.errorMessage();
        Outcome.Reply reply = s.vendorResult()
                ? Outcome.experimental(vendorId, s.resultCode(), message)
                : Outcome.result(s.resultCode(), message);
        return s.reporter().isEmpty() ? reply : reply.with(avps -> avps.add(AvpCodes.ERROR_REPORTING_HOST, s.reporter()));
    }

    static String utf8(Message m, int code) {
        Avp avp = m.getAvps().getAvp(code, 0);
        try {
            return avp == null ? "" : avp.getUTF8String();
        } catch (AvpDataException e) {
            return "";
        }
    }
}
