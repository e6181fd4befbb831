package org.mipaaa.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.SettlementProposal;

/**
 * The mobile node's user in the settlement tests: the vendor's confirmation UI that answers {@code
 * decision} after {@code thinkMillis} and remembers every proposal it was shown.
 */
final class ConfirmingUser implements ConfirmationCallback {

    final List<SettlementProposal> shown = new CopyOnWriteArrayList<>();
    private final Decision decision;
    private final long thinkMillis;

    ConfirmingUser(Decision decision, long thinkMillis) {
        this.decision = decision;
        this.thinkMillis = thinkMillis;
    }

    @Override
    public Decision confirm(SettlementProposal proposal) {
        shown.add(proposal);
        try {
            Thread.sleep(thinkMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return decision;
    }
}
