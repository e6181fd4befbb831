package org.mipaaa.messages;

import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.shop.Catalogue;

/**
 * The PIA of whoever holds the orders (the terminal, S204, or an AAAY holding them itself, S205 with
 * S203/S204 skipped), from a {@link Catalogue.Lookup}: 2001 with Purchase-Info; else a business outcome
 * as a vendor Experimental-Result, not a base-protocol error (RFC 6733 §7.1.5: 5004/5005 say the
 * request is malformed, which it is not): 5806 UNKNOWN_ORDER for an order it does not know, 5807
 * NO_ORDER when none was named and the payee has no order, 5802 UNKNOWN_PAYEE for a payee it does not serve.
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
            return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_ORDER, "unknown Order-Reference " + unknown.reference());
        }
        if (lookup instanceof Catalogue.Lookup.NoOrder none) {
            return Outcome.experimental(vendorId, VendorResultCodes.NO_ORDER, "no Order-Reference and no order of " + none.payee());
        }
        Catalogue.Lookup.UnknownPayee unknown = (Catalogue.Lookup.UnknownPayee) lookup;
        return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_PAYEE, "unknown payee " + unknown.payee());
    }
}
