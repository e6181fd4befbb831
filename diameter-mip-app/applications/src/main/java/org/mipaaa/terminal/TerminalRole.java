package org.mipaaa.terminal;

import java.io.IOException;

import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.role.RoleContext;
import org.mipaaa.shop.Catalogue;
import org.mipaaa.shop.PaymentNotices;
import org.mipaaa.shop.TerminalAccount;

/**
 * The shop's terminal (seed S203-S204, S209): accounting information from its catalogue, payment
 * notices and cancellations from its AAAY; as a terminal with the AAA function, settlement requests
 * and cancellations straight from the AAAHs it trusts.
 *
 * @param catalogue the terminal's orders ({@code catalogue.properties})
 * @param notices   the payment notices received (fsynced)
 * @param account   the terminal's own account, when it settles (fsynced)
 */
public record TerminalRole(Catalogue catalogue, PaymentNotices notices, TerminalAccount account) {

    /** Settings: {@code shop.catalogue.file}, {@code shop.settlement.aaah.hosts}. */
    public static TerminalRole install(RoleContext ctx) throws IOException {
        Catalogue catalogue = Catalogue.load(ctx.settings().file("shop.catalogue.file", "catalogue.properties"));
        long vendorId = ctx.vendor().vendorId();
        long application = ctx.servicesApplication();
        ctx.handlers().register(application, CommandCodes.PURCHASE_INFORMATION, new TerminalPurchaseInfoHandler(catalogue, vendorId));
        PaymentNotices notices = PaymentNotices.in(ctx.state());
        TerminalSettlementHandlers settlement = new TerminalSettlementHandlers(catalogue, notices, vendorId);
        ctx.handlers().register(application, CommandCodes.PAYMENT_NOTIFICATION, settlement.payment());
        TerminalAccount account = TerminalAccount.in(ctx.state());
        TrustedAaahs aaahs = TrustedAaahs.parse(ctx.settings().get("shop.settlement.aaah.hosts", ""));
        ctx.handlers().register(application, CommandCodes.SETTLEMENT,
                new TerminalSettlementHandler(catalogue, account, aaahs, vendorId, ctx.clock()));
        ctx.handlers().register(application, CommandCodes.SETTLEMENT_CANCEL,
                new TerminalCancellationHandler(account, aaahs, settlement.cancellation(), vendorId, ctx.clock()));
        return new TerminalRole(catalogue, notices, account);
    }
}
