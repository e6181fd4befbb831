package org.mipaaa.aaaf;

import java.util.List;

import org.mipaaa.accounting.AccountingOutbox;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.role.RoleContext;

/**
 * The AAA server of the visited network (seed S104, Figs. 13-17): a proxy towards each mobile node's
 * home realm for registration (AMR) and for the services the mobile node asks of its AAAH, the entry
 * it keeps per visiting mobile node, and the communication-fee accounting of its FAs (seed S31-S32):
 * each ACR stored, answered, and forwarded to the AAAH until it answers.
 *
 * @param proxy     the proxy to the home realms
 * @param visitors  the entry per visiting mobile node
 * @param outbox    the ACRs the AAAH has not answered yet (fsynced)
 * @param forwarder sends them to the AAAH
 */
public record VisitedAaaRole(RealmProxy proxy, VisitorEntries visitors, AccountingOutbox outbox, HomeAccountingForwarder forwarder) {

    /** The commands a mobile node's side sends towards its home through the AAAF. */
    private static final List<Integer> SERVICES_TOWARDS_HOME = List.of(CommandCodes.PURCHASE_INFORMATION,
            CommandCodes.SETTLEMENT, CommandCodes.SETTLEMENT_CANCEL, CommandCodes.CHARGE_QUERY,
            CommandCodes.SPONSORED_COMMUNICATION, CommandCodes.CREDIT_COMMUNICATION);

    /** Settings: {@code aaaf.accounting.poll.ms}, {@code aaaf.accounting.backoff.max.ms}. */
    public static VisitedAaaRole install(RoleContext ctx) {
        VisitorEntries visitors = VisitorEntries.in(ctx.state(), ctx.clock());
        RealmProxy proxy = new RealmProxy(ctx.client(), ctx.host(), ctx.requestTimeout(), visitors);
        ctx.handlers().register(ApplicationIds.MOBILE_IPV4, CommandCodes.AA_MOBILE_NODE, proxy);
        // a foreign agent's STR (RFC 4004 §4.1.3: the mobility agents MUST issue it to a stateful AAAH)
        // goes on to the home realm like its AMR, with Application-Id 0 in the header (RFC 4004 §4) or 2
        ctx.handlers().register(ApplicationIds.COMMON_MESSAGES, CommandCodes.SESSION_TERMINATION, proxy);
        ctx.handlers().register(ApplicationIds.MOBILE_IPV4, CommandCodes.SESSION_TERMINATION, proxy);
        for (int command : SERVICES_TOWARDS_HOME) {
            ctx.handlers().register(ctx.servicesApplication(), command, proxy);
        }
        // the AAAH's UCR back to a mobile node connected here (Destination-Host): relayed the same way,
        // jDiameter's router picks the node's own connection by Destination-Host; a person answers it,
        // so it is waited for as long as the AAAH's confirmation window, not a machine's request timeout
        RealmProxy towardsUser = new RealmProxy(ctx.client(), ctx.host(), ctx.millis("aaaf.confirmation.timeout.ms", 125_000),
                RealmProxy.ProxyListener.NONE);
        ctx.handlers().register(ctx.servicesApplication(), CommandCodes.USER_CONFIRMATION, towardsUser);

        AccountingOutbox outbox = AccountingOutbox.in(ctx.state());
        HomeAccountingForwarder forwarder = new HomeAccountingForwarder(outbox, ctx.client(), ctx.clock(),
                ctx.millis("aaaf.accounting.poll.ms", 1000), ctx.millis("aaaf.accounting.backoff.max.ms", 60_000));
        ctx.closeWith(forwarder);
        ctx.handlers().register(ApplicationIds.MOBILE_IPV4, CommandCodes.ACCOUNTING, new VisitedAcrHandler(outbox, forwarder, visitors));
        return new VisitedAaaRole(proxy, visitors, outbox, forwarder);
    }
}
