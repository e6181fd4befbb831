package org.mipaaa.aaah.purchase;

import org.mipaaa.aaah.auth.AaamMessageAuthentication;
import org.mipaaa.aaah.auth.MobileNodeGate;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.messages.ForwardedPurchaseRequest;
import org.mipaaa.role.RoleContext;

/**
 * Installs the AAAH's accounting-information retrieval (PIR); from {@link org.mipaaa.aaah.HomeAaaRole#install},
 * whose AAAM authentication it shares. It waits {@code services.payee.timeout.ms} for the payee's AAAY:
 * more than the AAAY waits for its terminal, less than a mobile node waits for the AAAH.
 */
public final class PurchaseInformation {

    private PurchaseInformation() {
    }

    /** Registers the AAAH's PIR handler; {@code authentication} is the AAAH's AAAM authentication. */
    public static void install(RoleContext ctx, AaamMessageAuthentication authentication) {
        ForwardedPurchaseRequest toPayee = new ForwardedPurchaseRequest(ctx.client(), ctx.vendor(),
                ctx.millis("services.payee.timeout.ms", 4000));
        ctx.handlers().register(ctx.servicesApplication(), CommandCodes.PURCHASE_INFORMATION,
                new MobileNodeGate(authentication, "PIR", "a mobile node asks only for itself",
                        new HomePurchaseInfoHandler(toPayee, ctx.vendor().vendorId())));
    }
}
