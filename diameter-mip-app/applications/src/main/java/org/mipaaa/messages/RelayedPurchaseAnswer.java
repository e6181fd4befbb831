package org.mipaaa.messages;

import java.util.concurrent.TimeoutException;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.ValidationFailure;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;

/**
 * The PIA a node answers with after the next hop answered its own PIR (S205 at the AAAY, S206 at the
 * AAAH): the next hop's outcome (Result-Code or Experimental-Result, Error-Message, Failed-AVP) and its
 * Purchase-Info and Terminal-Host, unchanged, in an answer of this node. An error gets
 * Error-Reporting-Host (RFC 6733 §7.3): the host that reported it, since Origin-Host is now ours.
 */
public final class RelayedPurchaseAnswer {

    private final long vendorId;

    public RelayedPurchaseAnswer(long vendorId) {
        this.vendorId = vendorId;
    }

    /** Our answer to {@code request} carrying what {@code downstream} (the next hop's PIA) says. */
    public Answer relay(Request request, AnswerFactory answers, Answer downstream) {
        AvpSet in = downstream.getAvps();
        Avp errorMessage = in.getAvp(AvpCodes.ERROR_MESSAGE, 0);
        long resultCode = Avps.resultCode(downstream);
        Answer answer;
        if (resultCode >= 0) {
            answer = answers.result(request, (int) resultCode);
            copy(errorMessage, answer.getAvps());
        } else {
            long[] experimental = experimental(in);
            if (experimental == null) {
                return answers.failure(request, new ValidationFailure(ResultCodes.UNABLE_TO_COMPLY,
                        "the answer from " + originHost(downstream) + " carried no Result-Code", null));
            }
            answer = answers.experimental(request, experimental[0], (int) experimental[1], null);
            copy(errorMessage, answer.getAvps());
            resultCode = experimental[1];
        }
        AvpSet out = answer.getAvps();
        if (resultCode != ResultCodes.SUCCESS) {
            Avp reporter = in.getAvp(AvpCodes.ERROR_REPORTING_HOST, 0);
            if (reporter != null) {
                out.addAvp(reporter);
            } else {
                // RFC 6733 §4.5: Error-Reporting-Host never has the M bit
                out.addAvp(AvpCodes.ERROR_REPORTING_HOST, originHost(downstream), false, false, true);
            }
        }
        for (Avp failed : in.getAvps(AvpCodes.FAILED_AVP, 0)) {
            out.addAvp(failed);
        }
        copy(in.getAvp(AvpCodes.USER_NAME, 0), out);
        copy(in.getAvp(VendorAvpCodes.PURCHASE_INFO, vendorId), out);
        copy(in.getAvp(VendorAvpCodes.TERMINAL_HOST, vendorId), out);
        return answer;
    }

    /**
     * Our answer when the next hop ({@code what}) gave none: 3002 DIAMETER_UNABLE_TO_DELIVER with the E
     * bit, saying why in Error-Message ({@code failure} is the send's exception or timeout).
     */
    public static Answer notDelivered(Request request, AnswerFactory answers, String what, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String why = cause instanceof TimeoutException ? "no answer in time" : "cannot be reached";
        return answers.failure(request, new ValidationFailure(ResultCodes.UNABLE_TO_DELIVER, what + ": " + why, null));
    }

    private static void copy(Avp avp, AvpSet out) {
        if (avp != null) {
            out.addAvp(avp);
        }
    }

    private static String originHost(Answer answer) {
        Avp host = answer.getAvps().getAvp(AvpCodes.ORIGIN_HOST, 0);
        try {
            return host == null ? "the next hop" : host.getDiameterIdentity();
        } catch (AvpDataException e) {
            return "the next hop";
        }
    }

    /** {Vendor-Id, Experimental-Result-Code}, or null. */
    private static long[] experimental(AvpSet avps) {
        Avp er = avps.getAvp(AvpCodes.EXPERIMENTAL_RESULT, 0);
        if (er == null) {
            return null;
        }
        try {
            AvpSet members = er.getGrouped();
            Avp vendor = members.getAvp(AvpCodes.VENDOR_ID, 0);
            Avp code = members.getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE, 0);
            return vendor == null || code == null ? null : new long[] {vendor.getUnsigned32(), code.getUnsigned32()};
        } catch (AvpDataException e) {
            return null;
        }
    }
}
