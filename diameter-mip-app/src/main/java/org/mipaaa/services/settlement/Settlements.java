package org.mipaaa.services.settlement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.mipaaa.accounting.HomeAccounts;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.node.Role;
import org.mipaaa.services.auth.AaamMessageAuthentication;
import org.mipaaa.settlement.NextHopRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the AAAH's settlement (SER) and cancellation (SCR); after {@code MobileNodeServices.installHomeAaa},
 * whose AAAM authentication and account database it uses. {@code services.confirmation.timeout.ms}
 * (2 s) is how long the user has to confirm; {@code services.settlement.payee.timeout.ms} (2 s) how
 * long the payee side may take for a PNR, SER or SCR; {@code services.settlement.terminals.file} names
 * the payees whose terminal settles itself ({@link SettlingTerminals}). Together they stay below what the AAAF waits for the
 * AAAH (5 s), so the mobile node always gets the AAAH's own answer.
 */
public final class Settlements {

    private static final Logger log = LoggerFactory.getLogger(Settlements.class);

    private Settlements() {
    }

    public static void installHomeAaa(DiameterNode node, ConfigSource config) throws IOException {
        AaamMessageAuthentication authentication = node.attached(AaamMessageAuthentication.class)
                .orElseThrow(() -> new IllegalStateException("the AAAM authentication is not installed"));
        HomeAccounts accounts = node.attached(HomeAccounts.class)
                .orElseThrow(() -> new IllegalStateException("the account database is not installed"));
        SettlementStore store = SettlementStore.in(node.state());
        NextHopRequest toMobileNode = new NextHopRequest(node.clientOf(Role.AAAH), node.settings().vendor(),
                Duration.ofMillis(Long.parseLong(config.get("services.confirmation.timeout.ms", "2000"))));
        NextHopRequest toPayee = new NextHopRequest(node.clientOf(Role.AAAH), node.settings().vendor(),
                Duration.ofMillis(Long.parseLong(config.get("services.settlement.payee.timeout.ms", "2000"))));
        Path agreements = config.directory().resolve(config.get("services.settlement.terminals.file", "settling-terminals.properties")).normalize();
        PayeeSides payeeSides = new PayeeSides(settlingTerminals(agreements), toPayee,
                host -> node.connectedPeers().contains(host), Clock.systemUTC());
        PayeeVoids voids = new PayeeVoids(store, payeeSides,
                Duration.ofMillis(Long.parseLong(config.get("services.settlement.void.retry.max.ms", "60000"))));
        node.closeWith(voids);
        // before the handlers take requests: a copy of a SER then finds the settlement's final state
        new SettlementRecovery(store, voids).recover();
        long application = node.settings().vendor().accountingServicesApplicationId();
        node.handlers(Role.AAAH).register(application, CommandCodes.SETTLEMENT, new HomeSettlementHandler(authentication, store,
                accounts.database(), accounts.queries().currency(), toMobileNode, payeeSides, voids, Clock.systemUTC()));
        node.handlers(Role.AAAH).register(application, CommandCodes.SETTLEMENT_CANCEL,
                new HomeSettlementCancelHandler(authentication, store, accounts.database(), payeeSides, Clock.systemUTC()));
        node.attach(SettlementStore.class, store);
    }

    /** The carrier's agreements with terminals that settle themselves; none when the file is absent. */
    private static SettlingTerminals settlingTerminals(Path file) throws IOException {
        if (!Files.exists(file)) {
            log.info("{} absent: every payee's AAAY is notified, no terminal settles itself", file);
            return SettlingTerminals.none();
        }
        return SettlingTerminals.load(file);
    }
}
