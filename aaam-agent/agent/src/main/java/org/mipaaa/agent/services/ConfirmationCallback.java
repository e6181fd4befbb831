package org.mipaaa.agent.services;

/**
 * What the vendor's user interface implements for {@link AaamAgent#settle}: before the AAAH settles, it
 * asks the user to confirm (User-Confirmation-Request, docs/PROTOCOL.md §4.3). The agent has already
 * checked that the request is authentic and that it is about the settlement the user asked for.
 *
 * <p>Called on the agent's own thread, once per settlement, while {@link AaamAgent#settle} waits: it
 * must not call the agent itself (the agent serves one request at a time). The AAAH waits a limited
 * time (its confirmation timeout, 2 s by default) and settles nothing when the answer comes too late.
 *
 * <p>Called on the thread that answers the AAAH's requests (never the caller's), for one settlement at a time; an implementation that blocks holds up only further confirmations.
 */
@FunctionalInterface
public interface ConfirmationCallback {

    /** The user's choice. */
    enum Decision {
        /** Pay (Confirmation-Result CONFIRMED). */
        OK,
        /** Do not pay (Confirmation-Result CANCELLED_BY_USER). */
        CANCEL
    }

    /**
     * Shows the amount, the payee and the goods of {@code proposal} and returns the user's choice.
     * An exception counts as {@link Decision#CANCEL}.
     */
    Decision confirm(SettlementProposal proposal);
}
