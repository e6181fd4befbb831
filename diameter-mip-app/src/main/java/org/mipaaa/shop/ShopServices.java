package org.mipaaa.shop;

import java.io.IOException;
import java.nio.file.Path;

import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.node.Role;

/**
 * What the shop terminal serves: the accounting information of its orders (PIR), from {@code shop.catalogue.file};
 * payment notices (PNR, S209) and cancellation notices (SCR), kept in {@link PaymentNotices}.
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
        node.handlers(Role.TERMINAL).register(application, CommandCodes.SETTLEMENT_CANCEL, settlement.cancellation());
        node.attach(Catalogue.class, catalogue);
        node.attach(PaymentNotices.class, notices);
    }
}
