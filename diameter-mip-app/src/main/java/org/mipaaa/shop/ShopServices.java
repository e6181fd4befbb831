package org.mipaaa.shop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.node.Role;

/**
 * What the shop terminal serves: the accounting information of its orders (PIR), from {@code shop.catalogue.file};
 * payment notices (PNR, S209) and cancellation notices (SCR), kept in {@link PaymentNotices}. As a terminal
 * with the AAA function, for the AAAHs of {@code shop.settlement.aaah.hosts}: their payment requests
 * (SER), settled in its own {@link TerminalAccount}, and their cancellations (SCR).
 */
public final class ShopServices {

    private ShopServices() {
    }

    public static void installTerminal(DiameterNode node, ConfigSource config) throws IOException {
        Path file = config.directory().resolve(config.get("shop.catalogue.file", "catalogue.properties")).normalize();
        Catalogue catalogue = Catalogue.load(file);
        node.handlers(Role.TERMINAL).register(node.settings().vendor().accountingServicesApplicationId(), CommandCodes.PURCHASE_INFORMATION,
                new TerminalPurchaseInfoHandler(catalogue, node.settings().vendor().vendorId()));
        PaymentNotices notices = PaymentNotices.in(node.state());
        TerminalSettlementHandlers settlement = new TerminalSettlementHandlers(catalogue, notices, node.settings().vendor().vendorId());
        long application = node.settings().vendor().accountingServicesApplicationId();
        node.handlers(Role.TERMINAL).register(application, CommandCodes.PAYMENT_NOTIFICATION, settlement.payment());
        TerminalAccount account = TerminalAccount.in(node.state());
        TrustedAaahs aaahs = TrustedAaahs.parse(config.get("shop.settlement.aaah.hosts", ""));
        long vendorId = node.settings().vendor().vendorId();
        node.handlers(Role.TERMINAL).register(application, CommandCodes.SETTLEMENT,
                new TerminalSettlementHandler(catalogue, account, aaahs, vendorId, Clock.systemUTC()));
        node.handlers(Role.TERMINAL).register(application, CommandCodes.SETTLEMENT_CANCEL,
                new TerminalCancellationHandler(account, aaahs, settlement.cancellation(), vendorId, Clock.systemUTC()));
        node.attach(Catalogue.class, catalogue);
        node.attach(TerminalAccount.class, account);
        node.attach(PaymentNotices.class, notices);
    }
}
