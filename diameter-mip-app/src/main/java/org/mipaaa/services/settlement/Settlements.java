package org.mipaaa.services.settlement;

import java.time.Clock;
import java.time.Duration;

import org.mipaaa.accounting.HomeAccounts;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.node.Role;
import org.mipaaa.services.auth.AaamMessageAuthentication;
import org.mipaaa.settlement.NextHopRequest;

/**
 * Installs the AAAH's settlement (SER) and cancellation (SCR); after {@code MobileNodeServices.installHomeAaa},
 * whose AAAM authentication and account database it uses. {@code services.confirmation.timeout.ms}
 * (2 s) is how long the user has to confirm; {@code services.settlement.payee.timeout.ms} (2 s) how
 * long the payee side may take for a PNR or SCR. Together they stay below what the AAAF waits for the
 * AAAH (5 s), so the mobile node always gets the AAAH's own answer.
 */
public final class Settlements {

    private Settlements() {
    }

    public static void installHomeAaa(DiameterNode node, ConfigSource config) {
        AaamMessageAuthentication authentication = node.attached(AaamMessageAuthentication.class)
                .orElseThrow(() -> new IllegalStateException("the AAAM authentication is not installed"));
        HomeAccounts accounts = node.attached(HomeAccounts.class)
                .orElseThrow(() -> new IllegalStateException("the account database is not installed"));
        SettlementStore store = SettlementStore.in(node.state());
        NextHopRequest toMobileNode = new NextHopRequest(node.clientOf(Role.AAAH), node.settings().vendor(),
                Duration.ofMillis(Long.parseLong(config.get("services.confirmation.timeout.ms", "2000"))));
        NextHopRequest toPayee = new NextHopRequest(node.clientOf(Role.AAAH), node.settings().vendor(),
                Duration.ofMillis(Long.parseLong(config.get("services.settlement.payee.timeout.ms", "2000"))));
        PayeeVoids voids = new PayeeVoids(store, toPayee,
                Duration.ofMillis(Long.parseLong(config.get("services.settlement.void.retry.max.ms", "60000"))));
        node.closeWith(voids);
        long application = node.settings().vendor().accountingServicesApplicationId();
        node.handlers(Role.AAAH).register(application, CommandCodes.SETTLEMENT, new HomeSettlementHandler(authentication, store,
                accounts.database(), accounts.queries().currency(), toMobileNode, toPayee, voids, Clock.systemUTC()));
        node.handlers(Role.AAAH).register(application, CommandCodes.SETTLEMENT_CANCEL,
                new HomeSettlementCancelHandler(authentication, store, accounts.database(), toPayee, Clock.systemUTC()));
        node.attach(SettlementStore.class, store);
        voids.resume();
    }
}
