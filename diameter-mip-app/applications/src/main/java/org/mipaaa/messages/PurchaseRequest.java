package org.mipaaa.messages;

import java.util.Optional;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.VendorAvpCodes;

/**
 * A Purchase-Information-Request as every hop reads it (docs/PROTOCOL.md §4.1): who asks (User-Name),
 * the payee and, optionally, the order. The same decode serves the AAAH, the AAAY and the terminal.
 *
 * @param userName       the mobile node's NAI
 * @param payee          Payee-Id, "account@realm"
 * @param payeeAvp       the Payee-Id AVP as received (for Failed-AVP)
 * @param orderReference Order-Reference, when the request names one
 * @param orderAvp       the Order-Reference AVP as received, when present (for Failed-AVP)
 */
public record PurchaseRequest(String userName, String payee, Avp payeeAvp, Optional<String> orderReference, Avp orderAvp) {

    /** Decodes {@code request}; a missing User-Name or Payee-Id is 5005, a value that does not decode 5004. */
    public static PurchaseRequest decode(Request request, long vendorId) throws Avps.Invalid {
        AvpSet avps = request.getAvps();
        String nai = Avps.utf8(Avps.require(avps, AvpCodes.USER_NAME, "User-Name"));
        Avp payeeAvp = Avps.require(avps, VendorAvpCodes.PAYEE_ID, vendorId, "Payee-Id");
        String payee = Avps.utf8(payeeAvp);
        Avp orderAvp = avps.getAvp(VendorAvpCodes.ORDER_REFERENCE, vendorId);
        Optional<String> order = orderAvp == null ? Optional.empty() : Optional.of(Avps.utf8(orderAvp));
        return new PurchaseRequest(nai, payee, payeeAvp, order, orderAvp);
    }

    /** The realm of Payee-Id (what follows its last '@'); empty when it has none. */
    public Optional<String> payeeRealm() {
        int at = payee.lastIndexOf('@');
        return at <= 0 || at == payee.length() - 1 ? Optional.empty() : Optional.of(payee.substring(at + 1));
    }
}
