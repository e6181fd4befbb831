package org.mipaaa.accounting;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;

import org.mipaaa.billing.statement.AccountQueries;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.node.Role;
import org.mipaaa.ledger.AccountDatabase;
import org.mipaaa.services.commitment.CommitmentStore;
import org.mipaaa.services.commitment.CommittedFees;
import org.mipaaa.registration.ForeignAgent;
import org.mipaaa.registration.InfinispanSubscriberDirectory;

/**
 * The accounting of each role, started once its node is up (seed Fig. 9 S31-S32, Fig. 7 S13-S14): the
 * FA meters its visitors' traffic and reports it, the AAAF stores and forwards the records, the AAAH
 * charges them to its account database.
 */
public final class AccountingServices {

    private AccountingServices() {
    }

    /** The FA's meter, user-plane relay and reports to the AAAF, listening to {@code fa}'s visits. */
    public static void installForeignAgent(DiameterNode node, ConfigSource config, ForeignAgent fa) throws SocketException {
        UsageMeter meter = new UsageMeter(Clock.systemUTC());
        UserPlaneRelay relay = new UserPlaneRelay(meter, new InetSocketAddress(config.get("fa.user.plane.address", "127.0.0.1"),
                Integer.parseInt(config.get("fa.user.plane.port", "0"))));
        ForeignAgentAccounting accounting = new ForeignAgentAccounting(node.client(), node.realm(), meter, relay, Clock.systemUTC(),
                Duration.ofMillis(Long.parseLong(config.get("fa.accounting.interval.ms", "60000"))),
                Integer.parseInt(config.get("fa.accounting.attempts", "8")));
        // closed in this order, before the stack: the visits' STOPs go out while the links are up
        node.closeWith(accounting);
        node.closeWith(relay);
        fa.addVisitListener(accounting);
        node.attach(UsageMeter.class, meter);
        node.attach(UserPlaneRelay.class, relay);
        node.attach(ForeignAgentAccounting.class, accounting);
    }

    /** The AAAH's account database ({@link HomeAccounts}), its ACR handler and the queries on it. */
    public static void installHomeAaa(DiameterNode node, ConfigSource config) {
        HomeAccounts accounts = HomeAccounts.open(config, node.state());
        // the fees of a user's next communication go partly or wholly to a sponsor or credit company (PROTOCOL §4.7, §4.8)
        AccountDatabase database = new CommittedFees(accounts.database(), CommitmentStore.in(node.state()));
        node.handlers(Role.AAAH).register(ApplicationIds.MOBILE_IPV4, CommandCodes.ACCOUNTING,
                new HomeAcrHandler(database, InfinispanSubscriberDirectory.in(node.state())));
        node.attach(AccountDatabase.class, database);
        node.attach(AccountQueries.class, accounts.queries());
        node.attach(HomeAccounts.class, accounts);
    }

    /** The AAAF's outbox, its forwarder to the AAAH and its ACR handler. */
    public static void installVisitedAaa(DiameterNode node, ConfigSource config) {
        AccountingOutbox outbox = AccountingOutbox.in(node.state());
        HomeAccountingForwarder forwarder = new HomeAccountingForwarder(outbox, node.client(), Clock.systemUTC(),
                Duration.ofMillis(Long.parseLong(config.get("aaaf.accounting.poll.ms", "1000"))),
                Duration.ofMillis(Long.parseLong(config.get("aaaf.accounting.backoff.max.ms", "60000"))));
        node.closeWith(forwarder);
        node.handlers(Role.AAAF).register(ApplicationIds.MOBILE_IPV4, CommandCodes.ACCOUNTING, new VisitedAcrHandler(outbox, forwarder));
        node.attach(AccountingOutbox.class, outbox);
    }
}
