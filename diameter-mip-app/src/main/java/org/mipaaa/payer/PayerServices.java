package org.mipaaa.payer;

import java.io.IOException;

import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.node.Role;

/**
 * What an AAAY serves as advertisement sponsor and credit company (docs/PROTOCOL.md §4.7, §4.8): the
 * payers of {@code payer.directory.file} (payers.properties), their commitments in {@link PayerCommitments}.
 */
public final class PayerServices {

    private PayerServices() {
    }

    public static void installAaay(DiameterNode node, ConfigSource config) throws IOException {
        PayerDirectory directory = PayerDirectory.load(config.directory().resolve(
                config.get("payer.directory.file", "payers.properties")).normalize());
        PayerCommitments commitments = PayerCommitments.in(node.state());
        long vendorId = node.settings().vendor().vendorId();
        long application = node.settings().vendor().accountingServicesApplicationId();
        node.handlers(Role.AAAY).register(application, CommandCodes.SPONSORED_COMMUNICATION,
                new AaaySponsoredCommunicationHandler(directory, commitments, vendorId));
        node.handlers(Role.AAAY).register(application, CommandCodes.CREDIT_COMMUNICATION,
                new AaayCreditCommunicationHandler(directory, commitments, vendorId));
        node.attach(PayerCommitments.class, commitments);
    }
}
