package org.mipaaa.messages;

import java.util.Optional;

import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.ledger.Money;
import org.mipaaa.shop.Catalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a paid purchase is an order of the payee's catalogue at exactly the catalogue's price: the
 * amount in a SER or PNR is written by the mobile node, so whoever holds the catalogue (the terminal, or
 * the AAAY holding it for the payee) checks it before anything is booked (issue 14, attack 2).
 */
public final class CataloguePrice {

    private static final Logger log = LoggerFactory.getLogger(CataloguePrice.class);

    private CataloguePrice() {
    }

    /**
     * Empty when {@code purchase} is what {@code catalogue} sells at that price; else the refusal: 5802
     * UNKNOWN_PAYEE for a payee not in the catalogue, 5806 UNKNOWN_ORDER for an order it does not know
     * (vendor Experimental-Results: business outcomes, PROTOCOL.md §5), 5004 (Failed-AVP Purchase-Info)
     * for another price or currency than the catalogue's, a value the node wrote wrong.
     */
    public static Optional<Outcome> refusal(Catalogue catalogue, PaidPurchase purchase, long vendorId) {
        Catalogue.Lookup lookup = catalogue.lookup(purchase.payee(), Optional.of(purchase.orderReference()));
        if (lookup instanceof Catalogue.Lookup.UnknownPayee) {
            return Optional.of(Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_PAYEE, "unknown payee " + purchase.payee()));
        }
        if (!(lookup instanceof Catalogue.Lookup.Found found)) {
            return Optional.of(Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_ORDER,
                    "unknown Order-Reference " + purchase.orderReference()));
        }
        Money price = found.order().amount();
        if (!price.currency().equals(purchase.currency()) || price.amount().compareTo(purchase.amount()) != 0) {
            log.warn("order {} of {}: {} {} asked, the catalogue says {}; refused", purchase.orderReference(), purchase.payee(),
                    purchase.amount().toPlainString(), purchase.currency(), price);
            return Optional.of(Avps.invalid(purchase.avp(), "order " + purchase.orderReference() + " costs "
                    + price.toPlainString() + " " + price.currency() + ", not " + purchase.amount().toPlainString() + " " + purchase.currency())
                    .refusal());
        }
        return Optional.empty();
    }
}
