package org.mipaaa.aaah;

import java.io.IOException;

import org.mipaaa.aaah.accounting.HomeAccounts;
import org.mipaaa.aaah.accounting.HomeAcrHandler;
import org.mipaaa.aaah.auth.AaamMessageAuthentication;
import org.mipaaa.aaah.auth.MobileNodeGate;
import org.mipaaa.aaah.charges.ChargeQueryHandler;
import org.mipaaa.aaah.commitment.CommunicationCommitments;
import org.mipaaa.aaah.purchase.PurchaseInformation;
import org.mipaaa.aaah.registration.HomeRegistration;
import org.mipaaa.aaah.settlement.Settlements;
import org.mipaaa.aaam.AaamAssociations;
import org.mipaaa.aaam.AaamReplayWindow;
import org.mipaaa.commitment.CommitmentStore;
import org.mipaaa.commitment.CommittedFees;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.ledger.AccountDatabase;
import org.mipaaa.metrics.LedgerMeters;
import org.mipaaa.registration.InfinispanSubscriberDirectory;
import org.mipaaa.role.RoleContext;
import org.mipaaa.settlement.SettlementStore;

/**
 * The AAA server of the mobile node's home network: registration (S104-S106), the account database
 * and its communication fees (S14, S32), and the services mobile nodes ask of it (seed Fig. 8, Figs.
 * 14-17; docs/PROTOCOL.md §3-§4), each authenticated end to end with the AAAM-Authenticator.
 *
 * @param registration   subscribers, home addresses, registration sessions
 * @param accounts       the account database (seed Fig. 4), its billing calendar and queries
 * @param database       the account database as the handlers charge it (a sponsor's or credit company's
 *                       share of the next communication entered)
 * @param authentication the AAAM authentication of the mobile nodes' requests and the AAAH's answers
 * @param settlements    the settlements (SER/SCR)
 * @param commitments    the sponsored and credit communication commitments (SCMR/CCMR)
 */
public record HomeAaaRole(HomeRegistration registration, HomeAccounts accounts, AccountDatabase database,
                          AaamMessageAuthentication authentication, SettlementStore settlements, CommitmentStore commitments) {

    /** Registers every handler of the AAAH; a settlement a restart left half done is finished first. */
    public static HomeAaaRole install(RoleContext ctx) throws IOException {
        HomeRegistration registration = HomeRegistration.install(ctx);

        HomeAccounts accounts = HomeAccounts.open(ctx.settings(), ctx.state(), new LedgerMeters(ctx.meters()));
        // the fees of a user's next communication go partly or wholly to a sponsor or credit company (PROTOCOL §4.7, §4.8)
        AccountDatabase database = new CommittedFees(accounts.database(), CommitmentStore.in(ctx.state()));
        ctx.handlers().register(ApplicationIds.MOBILE_IPV4, CommandCodes.ACCOUNTING,
                new HomeAcrHandler(database, InfinispanSubscriberDirectory.in(ctx.state()), registration.owners()));

        AaamMessageAuthentication authentication = new AaamMessageAuthentication(
                new AaamAssociations(InfinispanSubscriberDirectory.in(ctx.state())), AaamReplayWindow.in(ctx.state()), ctx.client().dictionary());
        ctx.handlers().register(ctx.servicesApplication(), CommandCodes.CHARGE_QUERY,
                new MobileNodeGate(authentication, "CQR", "a mobile node reads only its own account",
                        new ChargeQueryHandler(accounts.queries(), ctx.vendor().vendorId())));
        PurchaseInformation.install(ctx, authentication);
        SettlementStore settlements = Settlements.install(ctx, authentication, accounts);
        CommitmentStore commitments = CommunicationCommitments.install(ctx, authentication);
        return new HomeAaaRole(registration, accounts, database, authentication, settlements, commitments);
    }
}
