package org.mipaaa.aaah.settlement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.mipaaa.aaah.accounting.HomeAccounts;
import org.mipaaa.aaah.auth.AaamMessageAuthentication;
import org.mipaaa.aaah.auth.MobileNodeGate;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.messages.NextHopRequest;
import org.mipaaa.registration.VisitedRealms;
import org.mipaaa.role.RoleContext;
import org.mipaaa.settlement.SettlementStore;
import org.mipaaa.settlement.SettlingTerminals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the AAAH's settlement (SER) and cancellation (SCR); from {@link org.mipaaa.aaah.HomeAaaRole#install},
 * whose AAAM authentication and account database it uses. {@code services.confirmation.timeout.ms}
 * (120 s) is how long the user has to confirm (the UCR's own exchange); {@code services.confirmation.inline.ms}
 * (2 s) how long a SER waits for that before it is answered CONFIRMATION_PENDING;
 * {@code services.settlement.payee.timeout.ms} (2 s) how long the payee side may take for a PNR, SER or
 * SCR; {@code services.settlement.terminals.file} names the payees whose terminal settles itself
 * ({@link SettlingTerminals}). The inline wait and the payee's time stay below what the AAAF waits for the
 * AAAH (5 s), so the mobile node always gets the AAAH's own answer.
 */
public final class Settlements {

    private static final Logger log = LoggerFactory.getLogger(Settlements.class);

    private Settlements() {
    }

    /**
     * Registers the AAAH's SER and SCR handlers, after finishing what a restart left half done; returns
     * the settlements they store.
     */
    public static SettlementStore install(RoleContext ctx, AaamMessageAuthentication authentication, HomeAccounts accounts)
            throws IOException {
        SettlementStore store = SettlementStore.in(ctx.state());
        ConfirmationWindow window = new ConfirmationWindow(ctx.millis("services.confirmation.inline.ms", 2000),
                ctx.millis("services.confirmation.timeout.ms", 120_000), ctx.settings().integer("services.confirmation.open.max", 10_000));
        NextHopRequest toMobileNode = new NextHopRequest(ctx.client(), ctx.vendor(), window.window());
        NextHopRequest toPayee = new NextHopRequest(ctx.client(), ctx.vendor(), ctx.millis("services.settlement.payee.timeout.ms", 2000));
        Path agreements = ctx.settings().file("services.settlement.terminals.file", "settling-terminals.properties");
        PayeeSides payeeSides = new PayeeSides(settlingTerminals(agreements), toPayee, ctx.connected(), ctx.clock());
        PayeeVoids voids = new PayeeVoids(store, payeeSides, ctx.millis("services.settlement.void.retry.max.ms", 60_000));
        ctx.closeWith(voids);
        // before the handlers take requests: a copy of a SER then finds the settlement's final state
        Duration payeeTimeout = ctx.millis("services.settlement.payee.timeout.ms", 2000);
        SettlementRecovery recovery = new SettlementRecovery(store, voids, ctx.clock(), window.awaitedFor().plus(payeeTimeout));
        ctx.closeWith(recovery);
        recovery.recover(ctx.state().members().size() == 1);
        ctx.handlers().register(ctx.servicesApplication(), CommandCodes.SETTLEMENT,
                new MobileNodeGate(authentication, "SER", "a mobile node settles only for itself", new HomeSettlementHandler(authentication,
                        store, accounts.database(), accounts.queries().currency(), toMobileNode, VisitedRealms.in(ctx.state()),
                        payeeSides, voids, ctx.clock(), window)));
        ctx.handlers().register(ctx.servicesApplication(), CommandCodes.SETTLEMENT_CANCEL,
                new MobileNodeGate(authentication, "SCR", "a mobile node cancels only its own settlements",
                        new HomeSettlementCancelHandler(store, accounts.database(), payeeSides, ctx.clock())));
        return store;
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
