package org.mipaaa.messages;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.Message;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.Outcome;
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
        return AnswerResult.isSuccess(answer);
    }

    /**
     * This node's answer when the next hop ({@code what}) did not succeed: its Result-Code or
     * Experimental-Result and Error-Message, with Error-Reporting-Host; 3002 with the E bit when
     * {@code failure} (no answer) is set.
     */
    public static Outcome.Reply refusal(Message downstream, Throwable failure, String what) {
        if (failure != null || downstream == null) {
            return notDelivered(what, failure);
        }
        Optional<AnswerResult> result = AnswerResult.of(downstream);
        if (result.isEmpty()) {
            return Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY, what + " answered without a result");
        }
        Outcome.Reply reply = result.get().asReply(utf8(downstream.getAvps().getAvp(AvpCodes.ERROR_MESSAGE, 0)));
        Avp reporter = downstream.getAvps().getAvp(AvpCodes.ERROR_REPORTING_HOST, 0);
        String host = reporter != null ? utf8(reporter) : utf8(downstream.getAvps().getAvp(AvpCodes.ORIGIN_HOST, 0));
        return host == null ? reply : reply.with(avps -> avps.add(AvpCodes.ERROR_REPORTING_HOST, host));
    }

    /**
     * This node's answer when the next hop ({@code what}) gave none: 3002 DIAMETER_UNABLE_TO_DELIVER
     * with the E bit, saying why in Error-Message ({@code failure} is the send's exception or timeout).
     */
    public static Outcome.Refusal notDelivered(String what, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String why = cause instanceof TimeoutException ? "no answer in time" : "cannot be reached";
        return Outcome.refusal(ResultCodes.UNABLE_TO_DELIVER, what + ": " + why);
    }

    private static String utf8(Avp avp) {
        try {
            return avp == null ? null : avp.getUTF8String();
        } catch (AvpDataException e) {
            return null;
        }
    }
}
