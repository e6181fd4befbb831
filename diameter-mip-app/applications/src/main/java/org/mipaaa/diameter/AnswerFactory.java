package org.mipaaa.diameter;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.ResultCodes;

/**
 * Turns a handler's {@link Outcome} into its answer, the one place answers are made (the dispatcher's,
 * in process too, and {@link ErrorAnswers}'), the way RFC 6733 wants them, which jDiameter's
 * {@code Request.createAnswer} alone does not: Origin-Host and Origin-Realm of this node, the T flag
 * clear, the E bit on protocol errors only (3xxx, §7.1.3), Error-Message with the M bit clear (§7.3) and
 * Failed-AVP inside the Grouped AVPs that held it (§7.5), then the handler's AVPs, then the seal.
 * Session-Id, the application ids and Proxy-Info (§6.2) are copied from the request by jDiameter.
 */
public final class AnswerFactory {

    private final String originHost;
    private final String originRealm;
    private final Dictionary dictionary;

    /** {@code dictionary} gives every AVP written its flags ({@link AvpWriter}). */
    public AnswerFactory(String originHost, String originRealm, Dictionary dictionary) {
        this.originHost = originHost;
        this.originRealm = originRealm;
        this.dictionary = dictionary;
    }

    /** The answer to {@code request} that {@code outcome} describes: the one place answers are made. */
    public Answer answer(Request request, Outcome outcome) {
        if (outcome instanceof Outcome.Sealed sealed) {
            Answer answer = answer(request, sealed.outcome());
            sealed.seal().seal(answer);
            return answer;
        }
        if (outcome instanceof Outcome.Relayed relayed) {
            return relayed(request, relayed.upstream());
        }
        Outcome.Reply reply = (Outcome.Reply) outcome;
        Answer answer;
        String errorMessage = null;
        FailedAvp failedAvp = null;
        if (reply instanceof Outcome.Experimental experimental) {
            answer = experimental(request, experimental.vendorId(), experimental.resultCode());
            errorMessage = experimental.errorMessage();
        } else if (reply instanceof Outcome.Refusal refusal) {
            answer = result(request, refusal.resultCode());
            errorMessage = refusal.errorMessage();
            failedAvp = refusal.failedAvp();
        } else {
            answer = result(request, ((Outcome.Success) reply).resultCode());
        }
        AvpWriter avps = new AvpWriter(dictionary, answer.getAvps());
        if (errorMessage != null) {
            avps.add(AvpCodes.ERROR_MESSAGE, errorMessage); // UTF8String, M bit MUST NOT be set (RFC 6733 §7.3)
        }
        if (failedAvp != null) {
            avps.failedAvp(failedAvp);
        }
        reply.avps().writeTo(avps);
        keepTheHandlersOwn(answer.getAvps());
        return answer;
    }

    /** What jDiameter copies from the request into every answer, besides Session-Id and Proxy-Info. */
    private static final int[] COPIED_FROM_THE_REQUEST = {AvpCodes.ACCT_SESSION_ID, AvpCodes.ACCOUNTING_SUB_SESSION_ID,
            AvpCodes.ACCT_MULTI_SESSION_ID, AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID, AvpCodes.ACCT_APPLICATION_ID,
            AvpCodes.AUTH_APPLICATION_ID};

    /**
     * An AVP jDiameter copied from the request that the handler wrote as well (the ACA's
     * Acct-Multi-Session-Id, RFC 6733 §9.7.2) would occur twice, where each answer's CCF allows it once:
     * the handler's stays, the copy goes.
     */
    private static void keepTheHandlersOwn(AvpSet avps) {
        for (int code : COPIED_FROM_THE_REQUEST) {
            Avp[] all = avps.getAvps(code).asArray();
            if (all.length > 1) {
                avps.removeAvp(code);
                for (int i = 1; i < all.length; i++) {
                    avps.addAvp(all[i]);
                }
            }
        }
    }

    /** A Result-Code answer with this node's Origin-Host/Realm, the E bit on 3xxx, the T flag clear. */
    private Answer result(Request request, long resultCode) {
        Answer answer = request.createAnswer(resultCode);
        // RFC 6733 §3: the T flag is only ever set on requests
        answer.setReTransmitted(false);
        answer.setError(ResultCodes.isProtocolError(resultCode)); // RFC 6733 §7.1.3: 3xxx with the E bit
        origin(answer.getAvps());
        return answer;
    }

    /** An answer with Experimental-Result { Vendor-Id, Experimental-Result-Code } instead of a Result-Code (§7.6). */
    private Answer experimental(Request request, long vendorId, long experimentalResultCode) {
        Answer answer = request.createAnswer(vendorId, experimentalResultCode);
        answer.setReTransmitted(false);
        answer.setError(false); // §7.1: only protocol errors (3xxx) carry the E bit
        AvpSet avps = answer.getAvps();
        avps.removeAvp(AvpCodes.RESULT_CODE);
        origin(avps);
        return answer;
    }

    private void origin(AvpSet avps) {
        avps.removeAvp(AvpCodes.ORIGIN_HOST);
        avps.removeAvp(AvpCodes.ORIGIN_REALM);
        new AvpWriter(dictionary, avps).add(AvpCodes.ORIGIN_HOST, originHost).add(AvpCodes.ORIGIN_REALM, originRealm);
    }

    /**
     * The answer upstream, relayed on our hop (RFC 6733 §6.1.9): its AVPs as they came (its Origin-Host
     * included) and its E bit, under our request's identifiers.
     */
    private static Answer relayed(Request request, org.jdiameter.api.Message upstream) {
        Answer answer = request.createAnswer();
        AvpSet avps = answer.getAvps();
        java.util.List<Avp> copied = new java.util.ArrayList<>();
        avps.forEach(copied::add);
        for (Avp avp : copied) {
            avps.removeAvp(avp.getCode(), avp.getVendorId());
        }
        for (Avp avp : upstream.getAvps()) {
            avps.addAvp(avp);
        }
        answer.setError(upstream.isError());
        answer.setReTransmitted(false);
        return answer;
    }
}
