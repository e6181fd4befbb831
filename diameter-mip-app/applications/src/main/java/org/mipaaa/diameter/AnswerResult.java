package org.mipaaa.diameter;

import java.util.Optional;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Message;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;

/**
 * The outcome an answer from another node carries (RFC 6733 §7.1, §7.6): its Result-Code, or else its
 * Experimental-Result { Vendor-Id, Experimental-Result-Code }. The one reader of both, for every hop
 * that acts on a next hop's answer; an answer with neither, or one that does not decode, has none.
 *
 * @param experimental whether it is an Experimental-Result-Code
 * @param vendorId     the Experimental-Result's Vendor-Id; 0 for a Result-Code
 * @param code         the Result-Code or Experimental-Result-Code
 */
public record AnswerResult(boolean experimental, long vendorId, long code) {

    /** A Result-Code. */
    public static AnswerResult resultCode(long code) {
        return new AnswerResult(false, 0, code);
    }

    /**
     * What {@code answer} says: its Result-Code when it has one (an answer has only one of the two,
     * §7.6; a Result-Code wins over a stray Experimental-Result), else its Experimental-Result, which
     * needs both members.
     */
    public static Optional<AnswerResult> of(Message answer) {
        AvpSet avps = answer.getAvps();
        try {
            Avp rc = avps.getAvp(AvpCodes.RESULT_CODE, 0);
            if (rc != null) {
                return Optional.of(resultCode(rc.getUnsigned32()));
            }
        } catch (AvpDataException e) {
            // an undecodable Result-Code: look for an Experimental-Result
        }
        Avp er = avps.getAvp(AvpCodes.EXPERIMENTAL_RESULT, 0);
        if (er == null) {
            return Optional.empty();
        }
        try {
            AvpSet members = er.getGrouped();
            Avp vendor = members.getAvp(AvpCodes.VENDOR_ID, 0);
            Avp code = members.getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE, 0);
            return vendor == null || code == null ? Optional.empty()
                    : Optional.of(new AnswerResult(true, vendor.getUnsigned32(), code.getUnsigned32()));
        } catch (AvpDataException e) {
            return Optional.empty();
        }
    }

    /**
     * The Result-Code of {@code answer}; -1 when it has none that decodes (an Experimental-Result only
     * counts as none: the base commands that ask for this, ACR, STR, ASR, AMR, define no vendor outcome).
     */
    public static long resultCode(Message answer) {
        return of(answer).filter(r -> !r.experimental).map(AnswerResult::code).orElse(-1L);
    }

    /** Whether {@code answer} says Result-Code DIAMETER_SUCCESS. */
    public static boolean isSuccess(Message answer) {
        return answer != null && of(answer).filter(AnswerResult::isSuccess).isPresent();
    }

    /** Result-Code DIAMETER_SUCCESS (2001). */
    public boolean isSuccess() {
        return !experimental && code == ResultCodes.SUCCESS;
    }

    /** A Result-Code of the protocol-error class (3xxx, RFC 6733 §7.1.3): the request was not delivered or not taken. */
    public boolean isProtocolError() {
        return !experimental && ResultCodes.isProtocolError(code);
    }

    /** This outcome in an answer of ours: the same Result-Code or Experimental-Result, with {@code errorMessage} (may be null). */
    public Outcome.Reply asReply(String errorMessage) {
        return experimental ? Outcome.experimental(vendorId, code, errorMessage) : Outcome.result(code, errorMessage);
    }

    /** The code alone, an Experimental-Result's with an "e" ({@code 2001}, {@code e5803}): for meters and log fields. */
    public String label() {
        return experimental ? "e" + code : Long.toString(code);
    }

    @Override
    public String toString() {
        return experimental ? "Experimental-Result " + code + " (vendor " + vendorId + ")" : "Result-Code " + code;
    }
}
