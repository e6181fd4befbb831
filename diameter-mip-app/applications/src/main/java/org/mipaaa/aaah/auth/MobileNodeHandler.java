package org.mipaaa.aaah.auth;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.diameter.Outcome;

/**
 * One accounting service the AAAH serves to mobile nodes (docs/PROTOCOL.md §4), behind
 * {@link MobileNodeGate}: it sees only requests already authenticated, fresh and for the node's own
 * account, and its outcomes are signed for that node by the gate; it never checks or signs itself.
 */
public interface MobileNodeHandler {

    CompletionStage<Outcome> handle(Request request, AuthenticatedMobileNode node);

    /**
     * The answer again to a copy of a request already served: authentic under the association of
     * {@code signerNai}, but its replay counter used, so refused 5805 unless this handler holds its final
     * answer (the node's duplicate detection keeps answers in memory only: after a restart). Nothing is
     * done again. Empty by default: every replay is 5805.
     */
    default Optional<Outcome> answeredBefore(Request request, String signerNai) {
        return Optional.empty();
    }
}
