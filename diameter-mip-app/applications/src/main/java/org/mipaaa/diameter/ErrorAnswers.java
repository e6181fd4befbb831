package org.mipaaa.diameter;

import java.util.Optional;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.Request;
import org.mipaaa.dictionary.ResultCodes;

/**
 * Rewrites the error answers jDiameter sends on its own (before a request reaches any listener: no
 * Destination-Realm, a realm or application it cannot serve, an unknown Destination-Host) into RFC
 * 6733 answers: jDiameter turns the request itself into the answer, keeping every request AVP and
 * leaving out the Failed-AVP that 5005 and 5004 require (§7.5). Here the answer is built fresh by
 * {@link AnswerFactory}, and Failed-AVP is found by the dictionary check or taken from the AVP
 * jDiameter names.
 */
public final class ErrorAnswers {

    private final MessageValidator validator;
    private final AnswerFactory answers;

    public ErrorAnswers(MessageValidator validator, AnswerFactory answers) {
        this.validator = validator;
        this.answers = answers;
    }

    /**
     * @param request    the request jDiameter refuses
     * @param resultCode the Result-Code jDiameter chose
     * @param reason     jDiameter's Error-Message, or null
     * @param offending  the AVPs jDiameter names as the cause, possibly none
     */
    public Answer answer(Request request, int resultCode, String reason, Avp... offending) {
        FailedAvp failed = null;
        String message = reason;
        if (offending != null && offending.length > 0) {
            Avp avp = offending[0];
            failed = new FailedAvp(avp.getCode(), avp.getVendorId(), avp.isMandatory(), Avps.data(avp), null);
        } else if (needsFailedAvp(resultCode)) {
            Optional<Outcome.Refusal> found = validator.validate(request)
                    .filter(f -> f.resultCode() == resultCode);
            if (found.isPresent()) {
                failed = found.get().failedAvp();
                message = found.get().errorMessage();
            }
        }
        if (message == null) {
            message = ResultCodes.name(resultCode);
        }
        return answers.answer(request, Outcome.refusal(resultCode, message, failed));
    }

    /** The Result-Codes for which RFC 6733 §7.1.5 asks for a Failed-AVP. */
    private static boolean needsFailedAvp(int resultCode) {
        return resultCode == ResultCodes.MISSING_AVP || resultCode == ResultCodes.INVALID_AVP_VALUE
                || resultCode == ResultCodes.AVP_UNSUPPORTED || resultCode == ResultCodes.AVP_OCCURS_TOO_MANY_TIMES;
    }
}
