package org.mipaaa.aaah.commitment;

import org.mipaaa.aaah.auth.AaamMessageAuthentication;
import org.mipaaa.aaah.auth.MobileNodeGate;
import org.mipaaa.commitment.CommitmentKind;
import org.mipaaa.commitment.CommitmentStore;
import org.mipaaa.messages.NextHopRequest;
import org.mipaaa.role.RoleContext;

/**
 * Installs the AAAH's sponsored (SCMR) and credit (CCMR) communication; after
 * {@link org.mipaaa.aaah.HomeAaaRole#install}, whose AAAM authentication it uses.
 * {@code services.commitment.payer.timeout.ms} (2 s) is how long the payer's AAAY may take: below what the
 * AAAF waits for the AAAH, so the mobile node gets the AAAH's own answer.
 */
public final class CommunicationCommitments {

    private CommunicationCommitments() {
    }

    /** Registers the AAAH's SCMR and CCMR handlers; returns the commitments they store. */
    public static CommitmentStore install(RoleContext ctx, AaamMessageAuthentication authentication) {
        CommitmentStore store = CommitmentStore.in(ctx.state());
        NextHopRequest toPayer = new NextHopRequest(ctx.client(), ctx.vendor(), ctx.millis("services.commitment.payer.timeout.ms", 2000));
        for (CommitmentKind kind : CommitmentKind.values()) {
            ctx.handlers().register(ctx.servicesApplication(), kind.command, new MobileNodeGate(authentication, kind.request,
                    "a mobile node asks only for itself", new HomeCommitmentHandler(kind, store, toPayer)));
        }
        return store;
    }
}
