package org.mipaaa.it;

import org.jdiameter.api.ApplicationId;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.node.DiameterNode;

/** Well-formed requests the tests send between nodes. */
final class Requests {

    private Requests() {
    }

    /** A Charge-Query-Request with every AVP its ABNF requires (docs/PROTOCOL.md). */
    static DiameterClient.OutgoingRequest chargeQuery(DiameterNode from, DiameterNode to, VendorSettings vendor) throws Exception {
        return withChargeQueryAvps(from.client().newRequest(CommandCodes.CHARGE_QUERY,
                ApplicationId.createByAuthAppId(vendor.vendorId(), vendor.accountingServicesApplicationId()),
                to.realm(), to.host()), vendor);
    }

    /** The same CQR again in session {@code sessionId}: a copy of an earlier one but for its identifiers. */
    static DiameterClient.OutgoingRequest chargeQueryInSession(String sessionId, DiameterNode from, DiameterNode to,
                                                               VendorSettings vendor) throws Exception {
        return withChargeQueryAvps(from.client().requestInSession(sessionId, CommandCodes.CHARGE_QUERY,
                ApplicationId.createByAuthAppId(vendor.vendorId(), vendor.accountingServicesApplicationId()),
                to.realm(), to.host()), vendor);
    }

    private static DiameterClient.OutgoingRequest withChargeQueryAvps(DiameterClient.OutgoingRequest out, VendorSettings vendor) {
        out.request().getAvps().addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
        out.request().getAvps().addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false);
        out.request().getAvps().addAvp(VendorAvpCodes.BILLING_PERIOD, "2026-11", vendor.vendorId(), true, false, false);
        return out;
    }
}
