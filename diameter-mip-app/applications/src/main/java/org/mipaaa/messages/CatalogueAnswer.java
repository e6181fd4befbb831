package org.mipaaa.messages;

import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.shop.Catalogue;

/**
 * The PIA of whoever holds the orders (the terminal, S204, or an AAAY holding them itself, S205 with
 * S203/S204 skipped), from a {@link Catalogue.Lookup}: 2001 with Purchase-Info; 5004 with Failed-AVP
 * Order-Reference for an order it does not know; 5005 with Failed-AVP Order-Reference when none was named
 * and the payee has no order; Experimental-Result 5802 UNKNOWN_PAYEE for a payee it does not serve.
 */
public final class CatalogueAnswer {

    private final long vendorId;

    public CatalogueAnswer(long vendorId) {
        this.vendorId = vendorId;
    }

    public Outcome answer(PurchaseRequest pir, Catalogue.Lookup lookup) {
        if (lookup instanceof Catalogue.Lookup.Found found) {
            return Outcome.success(avps -> {
                avps.add(AvpCodes.USER_NAME, pir.userName());
                PurchaseInfoAvps.add(avps, found.order(), vendorId);
            });
        }
        if (lookup instanceof Catalogue.Lookup.UnknownOrder unknown) {
            return Avps.invalid(pir.orderAvp(), "unknown Order-Reference " + unknown.reference()).refusal();
        }
        if (lookup instanceof Catalogue.Lookup.NoOrder none) {
            return Avps.missing(VendorAvpCodes.ORDER_REFERENCE, vendorId, "no Order-Reference and no order of " + none.payee()).refusal();
        }
        Catalogue.Lookup.UnknownPayee unknown = (Catalogue.Lookup.UnknownPayee) lookup;
        return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_PAYEE, "unknown payee " + unknown.payee());
    }
}
