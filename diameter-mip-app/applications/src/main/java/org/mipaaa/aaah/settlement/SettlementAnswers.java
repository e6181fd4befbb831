package org.mipaaa.aaah.settlement;

import java.util.Date;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Message;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.ValidationFailure;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.settlement.SettlementRecord;
import org.mipaaa.settlement.SettlementState;

/**
 * The AAAH's SEA for a settlement in a given state (docs/PROTOCOL.md §4.2): the same state gives the
 * same answer, so every copy of a SER is answered alike. Unsigned here; the handler signs.
 */
final class SettlementAnswers {

    private final long vendorId;

    SettlementAnswers(long vendorId) {
        this.vendorId = vendorId;
    }

    Answer of(Request request, AnswerFactory answers, SettlementRecord s) {
        Answer answer = switch (s.state()) {
            case SETTLED, CANCELLING, CANCELLED -> answers.result(request, ResultCodes.SUCCESS);
            case REJECTED -> answers.experimental(request, vendorId, VendorResultCodes.USER_REJECTED, "the user cancelled the settlement");
            case TIMED_OUT, AWAITING_CONFIRMATION -> answers.experimental(request, vendorId, VendorResultCodes.CONFIRMATION_TIMEOUT,
                    "no confirmation from the user in time");
            case NOT_SETTLED, VOIDING -> notSettled(request, answers, s);
            case CONFIRMED -> answers.failure(request, new ValidationFailure(ResultCodes.UNABLE_TO_DELIVER,
                    "the payee's AAA server has not confirmed yet", null));
        };
        AvpSet avps = answer.getAvps();
        avps.addAvp(AvpCodes.USER_NAME, s.nai(), true, false, false);
        avps.addAvp(VendorAvpCodes.SETTLEMENT_ID, s.settlementId(), vendorId, true, false, false);
        avps.addAvp(VendorAvpCodes.SETTLEMENT_MODE, s.mode(), vendorId, true, false);
        if (s.state() == SettlementState.REJECTED) {
            avps.addAvp(VendorAvpCodes.CONFIRMATION_RESULT, Enumerations.CONFIRMATION_RESULT_CANCELLED_BY_USER, vendorId, true, false);
        } else if (s.state() == SettlementState.SETTLED || s.state() == SettlementState.CANCELLING
                || s.state() == SettlementState.CANCELLED) {
            avps.addAvp(VendorAvpCodes.CONFIRMATION_RESULT, Enumerations.CONFIRMATION_RESULT_CONFIRMED, vendorId, true, false);
            avps.addAvp(AvpCodes.EVENT_TIMESTAMP, Date.from(s.openedAt()), true, false);
        }
        return answer;
    }

    private Answer notSettled(Request request, AnswerFactory answers, SettlementRecord s) {
        String message = s.errorMessage().isEmpty() ? null : s.errorMessage();
        Answer answer = s.vendorResult()
                ? answers.experimental(request, vendorId, (int) s.resultCode(), message)
                : answers.failure(request, new ValidationFailure((int) s.resultCode(), message, null));
        if (!s.reporter().isEmpty()) {
            // RFC 6733 §4.5: Error-Reporting-Host never has the M bit
            answer.getAvps().addAvp(AvpCodes.ERROR_REPORTING_HOST, s.reporter(), false, false, true);
        }
        return answer;
    }

    /** The outcome of a next hop's answer: {code, 1 if Experimental-Result}, or null when it has neither. */
    static long[] outcome(Message answer) {
        long rc = Avps.resultCode(answer);
        if (rc >= 0) {
            return new long[] {rc, 0};
        }
        Avp er = answer.getAvps().getAvp(AvpCodes.EXPERIMENTAL_RESULT, 0);
        if (er == null) {
            return null;
        }
        try {
            Avp code = er.getGrouped().getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE, 0);
            return code == null ? null : new long[] {code.getUnsigned32(), 1};
        } catch (AvpDataException e) {
            return null;
        }
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
