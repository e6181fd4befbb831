package org.mipaaa.messages;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.Message;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.ValidationFailure;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;

/**
 * What the next hop answered to a PNR or SCR this node sent: success, or the answer this node gives
 * instead (its refusal passed back with Error-Reporting-Host, or 3002 when it gave none).
 */
public final class NextHopOutcome {

    private NextHopOutcome() {
    }

    /** Whether {@code answer} says DIAMETER_SUCCESS. */
    public static boolean success(Message answer) {
        return answer != null && Avps.resultCode(answer) == ResultCodes.SUCCESS;
    }

    /**
     * This node's answer to {@code request} when the next hop ({@code what}) did not succeed: its
     * Result-Code or Experimental-Result and Error-Message, with Error-Reporting-Host; 3002 with the E bit
     * when {@code failure} (no answer) is set.
     */
    public static Answer refusal(Request request, AnswerFactory answers, Message downstream, Throwable failure, String what) {
        if (failure != null || downstream == null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            String why = cause instanceof TimeoutException ? "no answer in time" : "cannot be reached";
            return answers.failure(request, new ValidationFailure(ResultCodes.UNABLE_TO_DELIVER, what + ": " + why, null));
        }
        String message = utf8(downstream.getAvps().getAvp(AvpCodes.ERROR_MESSAGE, 0));
        Answer answer;
        long rc = Avps.resultCode(downstream);
        long[] experimental = experimental(downstream);
        if (rc >= 0) {
            answer = answers.failure(request, new ValidationFailure((int) rc, message, null));
        } else if (experimental != null) {
            answer = answers.experimental(request, experimental[0], (int) experimental[1], message);
        } else {
            return answers.failure(request, new ValidationFailure(ResultCodes.UNABLE_TO_COMPLY, what + " answered without a result", null));
        }
        Avp reporter = downstream.getAvps().getAvp(AvpCodes.ERROR_REPORTING_HOST, 0);
        String host = reporter != null ? utf8(reporter) : utf8(downstream.getAvps().getAvp(AvpCodes.ORIGIN_HOST, 0));
        if (host != null) {
            answer.getAvps().addAvp(AvpCodes.ERROR_REPORTING_HOST, host, false, false, true);
        }
        return answer;
    }

    private static long[] experimental(Message m) {
        Avp er = m.getAvps().getAvp(AvpCodes.EXPERIMENTAL_RESULT, 0);
        if (er == null) {
            return null;
        }
        try {
            Avp vendor = er.getGrouped().getAvp(AvpCodes.VENDOR_ID, 0);
            Avp code = er.getGrouped().getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE, 0);
            return vendor == null || code == null ? null : new long[] {vendor.getUnsigned32(), code.getUnsigned32()};
        } catch (AvpDataException e) {
            return null;
        }
    }

    private static String utf8(Avp avp) {
        try {
            return avp == null ? null : avp.getUTF8String();
        } catch (AvpDataException e) {
            return null;
        }
    }
}
