package org.mipaaa.aaay;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.FailedAvp;
import org.mipaaa.diameter.ValidationFailure;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.payer.PayerCommitments;

/**
 * What an AAAY reads from an SCMR or CCMR the AAAH sent: who asks (Origin-Host, Origin-Realm), the
 * request's key for exactly-once, the user, and the payer named by {@code payerCode}.
 */
record CommitmentRequest(String originRealm, String requestKey, String userName, String payer) {

    static CommitmentRequest decode(Request request, int payerCode, long vendorId, String payerName) throws Avps.Invalid {
        AvpSet avps = request.getAvps();
        String originHost = Avps.utf8(Avps.require(avps, AvpCodes.ORIGIN_HOST, "Origin-Host"));
        String originRealm = Avps.utf8(Avps.require(avps, AvpCodes.ORIGIN_REALM, "Origin-Realm"));
        String sessionId = Avps.utf8(Avps.require(avps, AvpCodes.SESSION_ID, "Session-Id"));
        String userName = Avps.utf8(Avps.require(avps, AvpCodes.USER_NAME, "User-Name"));
        return new CommitmentRequest(originRealm, PayerCommitments.requestKey(originHost, sessionId, request.getEndToEndIdentifier()),
                userName, Avps.utf8(vendorAvp(avps, payerCode, vendorId, payerName)));
    }

    /** The vendor AVP {@code code}: missing is 5005 with Failed-AVP. */
    static Avp vendorAvp(AvpSet avps, int code, long vendorId, String name) throws Avps.Invalid {
        Avp avp = avps.getAvp(code, vendorId);
        if (avp == null) {
            throw new Avps.Invalid(new ValidationFailure(ResultCodes.MISSING_AVP, name + " is missing",
                    new FailedAvp(code, vendorId, true, new byte[0], null)));
        }
        return avp;
    }
}
