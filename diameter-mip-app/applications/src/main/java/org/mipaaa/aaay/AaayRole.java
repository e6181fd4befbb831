package org.mipaaa.aaay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.messages.ForwardedPurchaseRequest;
import org.mipaaa.messages.NextHopRequest;
import org.mipaaa.payee.PayeeDirectory;
import org.mipaaa.payee.PayeeLedger;
import org.mipaaa.payee.UnbookedVoids;
import org.mipaaa.payer.PayerCommitments;
import org.mipaaa.payer.PayerDirectory;
import org.mipaaa.role.RoleContext;
import org.mipaaa.shop.Catalogue;

/**
 * The AAA server of the other party (seed Figs. 14-17): the payees' AAAY (accounting information from
 * the shop's terminal or held here, S203-S205; payment notices and cancellations, S208-S210) and the
 * payers' (advertisement sponsors' and credit companies' commitments, PROTOCOL §4.7-§4.8).
 *
 * @param payees      the payees this AAAY serves ({@code payees.properties})
 * @param held        the orders this AAAY holds itself ({@code catalogue.properties}, may be empty)
 * @param ledger      the payees' side of each settlement (fsynced)
 * @param payers      the sponsors and credit companies ({@code payers.properties})
 * @param commitments the commitments given (fsynced)
 */
public record AaayRole(PayeeDirectory payees, Catalogue held, PayeeLedger ledger, PayerDirectory payers,
                       PayerCommitments commitments) {

    /**
     * Settings: {@code payee.directory.file}, {@code payee.catalogue.file}, {@code payee.terminal.timeout.ms},
     * {@code payee.settlement.terminal.timeout.ms}, {@code payer.directory.file}.
     */
    public static AaayRole install(RoleContext ctx) throws IOException {
        PayeeDirectory payees = PayeeDirectory.load(ctx.settings().file("payee.directory.file", "payees.properties"));
        Path catalogueFile = ctx.settings().file("payee.catalogue.file", "catalogue.properties");
        Catalogue held = Files.exists(catalogueFile) ? Catalogue.load(catalogueFile) : new Catalogue(Set.of(), List.of());
        for (String id : payees.ids()) {
            if (payees.find(id).orElseThrow().heldHere() && !held.serves(id)) {
                throw new IOException(catalogueFile + ": payee " + id + " is held here but not in this catalogue");
            }
        }
        long vendorId = ctx.vendor().vendorId();
        long application = ctx.servicesApplication();
        ForwardedPurchaseRequest toTerminal = new ForwardedPurchaseRequest(ctx.client(), ctx.vendor(),
                ctx.millis("payee.terminal.timeout.ms", 3000));
        ctx.handlers().register(application, CommandCodes.PURCHASE_INFORMATION,
                new AaayPurchaseInfoHandler(payees, held, toTerminal, vendorId, ctx.realm()));
        PayeeLedger ledger = PayeeLedger.in(ctx.state());
        NextHopRequest settlementToTerminal = new NextHopRequest(ctx.client(), ctx.vendor(),
                ctx.millis("payee.settlement.terminal.timeout.ms", 1500));
        ctx.handlers().register(application, CommandCodes.PAYMENT_NOTIFICATION,
                new AaayPaymentNotificationHandler(payees, ledger, held, settlementToTerminal, ctx.realm()));
        // an AAAH's SCR for a Settlement-Id never booked leaves a record; kept for a day, at most so many an hour per realm
        UnbookedVoids voids = new UnbookedVoids(ledger, Duration.ofHours(ctx.settings().longValue("payee.void.keep.hours", 24)),
                ctx.settings().integer("payee.void.max.per.realm.per.hour", 1000), ctx.clock());
        ctx.handlers().register(application, CommandCodes.SETTLEMENT_CANCEL,
                new AaaySettlementCancelHandler(payees, ledger, voids, settlementToTerminal, ctx.realm()));

        PayerDirectory payers = PayerDirectory.load(ctx.settings().file("payer.directory.file", "payers.properties"));
        PayerCommitments commitments = PayerCommitments.in(ctx.state());
        ctx.handlers().register(application, CommandCodes.SPONSORED_COMMUNICATION,
                new AaaySponsoredCommunicationHandler(payers, commitments, vendorId));
        ctx.handlers().register(application, CommandCodes.CREDIT_COMMUNICATION,
                new AaayCreditCommunicationHandler(payers, commitments, vendorId));
        return new AaayRole(payees, held, ledger, payers, commitments);
    }
}
