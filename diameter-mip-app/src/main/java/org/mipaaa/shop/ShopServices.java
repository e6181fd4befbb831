package org.mipaaa.shop;

import java.io.IOException;
import java.nio.file.Path;

import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;

/** What the shop terminal serves: the accounting information of its orders (PIR), from {@code shop.catalogue.file}. */
public final class ShopServices {

    private ShopServices() {
    }

    public static void installTerminal(DiameterNode node, ConfigSource config) throws IOException {
        Path file = config.directory().resolve(config.get("shop.catalogue.file", "catalogue.properties")).normalize();
        Catalogue catalogue = Catalogue.load(file);
        node.handlers().register(node.settings().vendor().accountingServicesApplicationId(), CommandCodes.PURCHASE_INFORMATION,
                new TerminalPurchaseInfoHandler(catalogue, node.settings().vendor().vendorId()));
        node.attach(Catalogue.class, catalogue);
    }
}
