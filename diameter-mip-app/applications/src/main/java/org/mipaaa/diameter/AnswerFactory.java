package org.mipaaa.diameter;

import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;

/**
 * Builds answers the way RFC 6733 wants them, which jDiameter's {@code Request.createAnswer} alone does
 * not: Origin-Host and Origin-Realm of this node, the E bit on protocol errors (3xxx, §7.1.3),
 * Error-Message and Failed-AVP (§7.5). Session-Id, the application ids and Proxy-Info (§6.2) are copied
 * from the request by jDiameter.
 */
public final class AnswerFactory {

    private final String originHost;
    private final String originRealm;

    public AnswerFactory(String originHost, String originRealm) {
        this.originHost = originHost;
        this.originRealm = originRealm;
    }

    public String originHost() {
        return originHost;
    }

    public String originRealm() {
        return originRealm;
    }

    /** An answer with {@code resultCode}, ready for the handler to add its own AVPs. */
    public Answer result(Request request, int resultCode) {
        Answer answer = request.createAnswer(resultCode);
        // RFC 6733 §3: the T flag is only ever set on requests
        answer.setReTransmitted(false);
        answer.setError(ResultCodes.isProtocolError(resultCode)); // RFC 6733 §7.1.3: 3xxx with the E bit
        AvpSet avps = answer.getAvps();
        avps.removeAvp(AvpCodes.ORIGIN_HOST);
        avps.removeAvp(AvpCodes.ORIGIN_REALM);
        avps.addAvp(AvpCodes.ORIGIN_HOST, originHost, true, false, true);
        avps.addAvp(AvpCodes.ORIGIN_REALM, originRealm, true, false, true);
        return answer;
    }

    /**
     * An answer with Experimental-Result { Vendor-Id, Experimental-Result-Code } instead of a Result-Code
     * (RFC 6733 §7.6), and Error-Message when {@code errorMessage} is not null: the outcomes a vendor
     * application defines (docs/PROTOCOL.md §5).
     */
    public Answer experimental(Request request, long vendorId, int experimentalResultCode, String errorMessage) {
        Answer answer = request.createAnswer(vendorId, experimentalResultCode);
        answer.setReTransmitted(false);
        answer.setError(false); // §7.1: only protocol errors (3xxx) carry the E bit
        AvpSet avps = answer.getAvps();
        avps.removeAvp(AvpCodes.RESULT_CODE);
        avps.removeAvp(AvpCodes.ORIGIN_HOST);
        avps.removeAvp(AvpCodes.ORIGIN_REALM);
        avps.addAvp(AvpCodes.ORIGIN_HOST, originHost, true, false, true);
        avps.addAvp(AvpCodes.ORIGIN_REALM, originRealm, true, false, true);
        if (errorMessage != null) {
            avps.addAvp(AvpCodes.ERROR_MESSAGE, errorMessage, false, false, false);
        }
        return answer;
    }

    /** An answer that reports a request this node cannot serve. */
    public Answer failure(Request request, ValidationFailure failure) {
        Answer answer = result(request, failure.resultCode());
        if (failure.errorMessage() != null) {
            // Error-Message: UTF8String, M bit MUST NOT be set (RFC 6733 §7.3)
            answer.getAvps().addAvp(AvpCodes.ERROR_MESSAGE, failure.errorMessage(), false, false, false);
        }
        if (failure.failedAvp() != null) {
            AvpSet failedAvp = answer.getAvps().addGroupedAvp(AvpCodes.FAILED_AVP, true, false);
            add(failedAvp, failure.failedAvp());
        }
        return answer;
    }

    /** Adds {@code avp} to {@code target}, wrapped in the Grouped AVPs that contained it. */
    private static void add(AvpSet target, FailedAvp avp) {
        java.util.Deque<FailedAvp> chain = new java.util.ArrayDeque<>();
        for (FailedAvp a = avp; a != null; a = a.parent()) {
            chain.push(a);
        }
        AvpSet current = target;
        while (chain.size() > 1) {
            FailedAvp group = chain.pop();
            current = current.addGroupedAvp(group.code(), group.vendorId(), group.mandatory(), false);
        }
        FailedAvp leaf = chain.pop();
        current.addAvp(leaf.code(), leaf.data(), leaf.vendorId(), leaf.mandatory(), false);
    }
}
