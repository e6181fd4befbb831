package org.mipaaa.services.purchase;

import java.time.Duration;

import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.node.Role;
import org.mipaaa.purchase.ForwardedPurchaseRequest;
import org.mipaaa.services.auth.AaamMessageAuthentication;

/**
 * Installs the AAAH's accounting-information retrieval (PIR); after {@code MobileNodeServices.installHomeAaa},
 * whose AAAM authentication it shares. It waits {@code services.payee.timeout.ms} for the payee's AAAY:
 * more than the AAAY waits for its terminal, less than a mobile node waits for the AAAH.
 */
public final class PurchaseInformation {

    private PurchaseInformation() {
    }

    public static void installHomeAaa(DiameterNode node, ConfigSource config) {
        AaamMessageAuthentication authentication = node.attached(AaamMessageAuthentication.class)
                .orElseThrow(() -> new IllegalStateException("the AAAM authentication is not installed"));
        ForwardedPurchaseRequest toPayee = new ForwardedPurchaseRequest(node.clientOf(Role.AAAH), node.settings().vendor(),
                Duration.ofMillis(Long.parseLong(config.get("services.payee.timeout.ms", "4000"))));
        node.handlers(Role.AAAH).register(node.settings().vendor().accountingServicesApplicationId(), CommandCodes.PURCHASE_INFORMATION,
                new HomePurchaseInfoHandler(authentication, toPayee, node.settings().vendor().vendorId()));
    }
}
