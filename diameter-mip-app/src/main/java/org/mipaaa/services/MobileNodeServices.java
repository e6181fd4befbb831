package org.mipaaa.services;

import org.mipaaa.accounting.HomeAccounts;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.node.Role;
import org.mipaaa.registration.InfinispanSubscriberDirectory;
import org.mipaaa.services.auth.AaamAssociations;
import org.mipaaa.services.auth.AaamMessageAuthentication;
import org.mipaaa.services.auth.AaamReplayWindow;
import org.mipaaa.services.charges.ChargeQueryHandler;

/**
 * The accounting services a mobile node requests from its AAAH (seed Fig. 8, docs/PROTOCOL.md §4), on
 * the MIP-Accounting-Services application: one AAAM authentication for all of them (associations from
 * the subscribers, replay counters in Infinispan), and a handler per command. Today: Charge-Query.
 */
public final class MobileNodeServices {

    private MobileNodeServices() {
    }

    /** Registers the AAAH's service handlers; after {@code AccountingServices.installHomeAaa} (it needs the account database). */
    public static void installHomeAaa(DiameterNode node) {
        HomeAccounts accounts = node.attached(HomeAccounts.class)
                .orElseThrow(() -> new IllegalStateException("the account database is not installed"));
        long vendorId = node.settings().vendor().vendorId();
        AaamMessageAuthentication authentication = new AaamMessageAuthentication(
                new AaamAssociations(InfinispanSubscriberDirectory.in(node.state())), AaamReplayWindow.in(node.state()), vendorId);
        long application = node.settings().vendor().accountingServicesApplicationId();
        node.handlers(Role.AAAH).register(application, CommandCodes.CHARGE_QUERY,
                new ChargeQueryHandler(authentication, accounts.queries(), vendorId));
        node.attach(AaamMessageAuthentication.class, authentication);
    }
}
