package org.mipaaa.messages;

import java.util.Optional;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.VendorAvpCodes;

/**
 * A PNR or SCR as the AAAY and the terminal read it (docs/PROTOCOL.md §4.4, §4.5): who paid
 * (User-Name), the Settlement-Id, who sent it (Origin-Realm); a PNR also the purchase and the mode.
 *
 * @param purchase empty for an SCR
 * @param mode     0 for an SCR
 */
public record SettlementNotice(String userName, String settlementId, String originRealm, Optional<PaidPurchase> purchase, int mode) {

    /** A PNR: everything required (5005), Settlement-Mode one of the two modes (5004). */
    public static SettlementNotice payment(Request request, long vendorId) throws Avps.Invalid {
        AvpSet avps = request.getAvps();
        SettlementNotice base = cancel(request, vendorId);
        PaidPurchase purchase = PaidPurchase.in(avps, vendorId);
        int mode = mode(avps, vendorId);
        return new SettlementNotice(base.userName(), base.settlementId(), base.originRealm(), Optional.of(purchase), mode);
    }

    /** Settlement-Mode: present (5005), one of the two modes (5004). */
    public static int mode(AvpSet avps, long vendorId) throws Avps.Invalid {
        Avp m = Avps.require(avps, VendorAvpCodes.SETTLEMENT_MODE, vendorId, "Settlement-Mode");
        int mode = Avps.integer32(m);
        if (mode != Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT && mode != Enumerations.SETTLEMENT_MODE_HOME_ONLY) {
            throw Avps.invalid(m, "unknown Settlement-Mode " + mode);
        }
        return mode;
    }

    /** An SCR: User-Name, Settlement-Id and Origin-Realm required (5005). */
    public static SettlementNotice cancel(Request request, long vendorId) throws Avps.Invalid {
        AvpSet avps = request.getAvps();
        String user = Avps.utf8(Avps.require(avps, AvpCodes.USER_NAME, "User-Name"));
        String realm = Avps.utf8(Avps.require(avps, AvpCodes.ORIGIN_REALM, "Origin-Realm"));
        Avp id = Avps.require(avps, VendorAvpCodes.SETTLEMENT_ID, vendorId, "Settlement-Id");
        return new SettlementNotice(user, Avps.utf8(id), realm, Optional.empty(), 0);
    }
}
