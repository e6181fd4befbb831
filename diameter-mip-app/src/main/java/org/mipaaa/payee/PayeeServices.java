package org.mipaaa.payee;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.node.Role;
import org.mipaaa.purchase.ForwardedPurchaseRequest;
import org.mipaaa.settlement.NextHopRequest;
import org.mipaaa.shop.Catalogue;

/**
 * What the AAAY serves: the accounting information of its payees (PIR), from {@code payee.directory.file}
 * and, for the payees it holds itself, {@code payee.catalogue.file}; it waits {@code payee.terminal.timeout.ms}
 * for a terminal, less than the AAAH waits for it. Settlement: payment notices (PNR) and cancellations
 * (SCR), booked in the {@link PayeeLedger}; {@code payee.settlement.terminal.timeout.ms} (1.5 s) for the
 * terminal, less than the AAAH's {@code services.settlement.payee.timeout.ms}.
 */
public final class PayeeServices {

    private PayeeServices() {
    }

    public static void installAaay(DiameterNode node, ConfigSource config) throws IOException {
        PayeeDirectory directory = PayeeDirectory.load(config.directory().resolve(
                config.get("payee.directory.file", "payees.properties")).normalize());
        Path catalogueFile = config.directory().resolve(config.get("payee.catalogue.file", "catalogue.properties")).normalize();
        Catalogue held = Files.exists(catalogueFile) ? Catalogue.load(catalogueFile) : new Catalogue(Set.of(), List.of());
        for (String id : directory.ids()) {
            if (directory.find(id).orElseThrow().heldHere() && !held.serves(id)) {
                throw new IOException(catalogueFile + ": payee " + id + " is held here but not in this catalogue");
            }
        }
        long vendorId = node.settings().vendor().vendorId();
        ForwardedPurchaseRequest toTerminal = new ForwardedPurchaseRequest(node.clientOf(Role.AAAY), node.settings().vendor(),
                Duration.ofMillis(Long.parseLong(config.get("payee.terminal.timeout.ms", "3000"))));
        node.handlers(Role.AAAY).register(node.settings().vendor().accountingServicesApplicationId(), CommandCodes.PURCHASE_INFORMATION,
                new AaayPurchaseInfoHandler(directory, held, toTerminal, vendorId));
        PayeeLedger ledger = PayeeLedger.in(node.state());
        NextHopRequest settlementToTerminal = new NextHopRequest(node.clientOf(Role.AAAY), node.settings().vendor(),
                Duration.ofMillis(Long.parseLong(config.get("payee.settlement.terminal.timeout.ms", "1500"))));
        long application = node.settings().vendor().accountingServicesApplicationId();
        node.handlers(Role.AAAY).register(application, CommandCodes.PAYMENT_NOTIFICATION,
                new AaayPaymentNotificationHandler(directory, ledger, settlementToTerminal));
        node.handlers(Role.AAAY).register(application, CommandCodes.SETTLEMENT_CANCEL,
                new AaaySettlementCancelHandler(directory, ledger, settlementToTerminal));
        node.attach(PayeeDirectory.class, directory);
        node.attach(PayeeLedger.class, ledger);
    }
}
