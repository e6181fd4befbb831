package org.mipaaa.aaay;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.dictionary.AvpCodes;
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
        return Avps.require(avps, code, vendorId, name);
    }
}
