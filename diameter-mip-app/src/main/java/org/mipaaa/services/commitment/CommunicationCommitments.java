package org.mipaaa.services.commitment;

import java.time.Duration;

import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.node.Role;
import org.mipaaa.services.auth.AaamMessageAuthentication;
import org.mipaaa.settlement.NextHopRequest;

/**
 * Installs the AAAH's sponsored (SCMR) and credit (CCMR) communication; after
 * {@code MobileNodeServices.installHomeAaa}, whose AAAM authentication it uses.
 * {@code services.commitment.payer.timeout.ms} (2 s) is how long the payer's AAAY may take: below what the
 * AAAF waits for the AAAH, so the mobile node gets the AAAH's own answer.
 */
public final class CommunicationCommitments {

    private CommunicationCommitments() {
    }

    public static void installHomeAaa(DiameterNode node, ConfigSource config) {
        AaamMessageAuthentication authentication = node.attached(AaamMessageAuthentication.class)
                .orElseThrow(() -> new IllegalStateException("the AAAM authentication is not installed"));
        CommitmentStore store = CommitmentStore.in(node.state());
        NextHopRequest toPayer = new NextHopRequest(node.clientOf(Role.AAAH), node.settings().vendor(),
                Duration.ofMillis(Long.parseLong(config.get("services.commitment.payer.timeout.ms", "2000"))));
        long application = node.settings().vendor().accountingServicesApplicationId();
        for (CommitmentKind kind : CommitmentKind.values()) {
            node.handlers(Role.AAAH).register(application, kind.command, new HomeCommitmentHandler(kind, authentication, store, toPayer));
        }
        node.attach(CommitmentStore.class, store);
    }
}
