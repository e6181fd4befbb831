package org.mipaaa.agent.services;

/**
 * What the vendor's user interface implements for {@link AaamAgent#settle}: before the AAAH settles, it
 * asks the user to confirm (User-Confirmation-Request, docs/PROTOCOL.md §4.3). The agent has already
 * checked that the request is authentic and that it is about the settlement the user asked for.
 *
 * <p>A person may take their time: up to the AAAH's confirmation window ({@code services.confirmation.timeout.ms},
 * 120 s as shipped; the agent's {@link org.mipaaa.agent.transport.AgentEndpoint#confirmationWindow()}).
 * When the user has not decided within a couple of seconds the AAAH answers the Settlement-Request
 * CONFIRMATION_PENDING and the agent asks for the outcome once the decision is answered; {@link AaamAgent#settle}
 * returns then. A decision after the window settles nothing (CONFIRMATION_TIMEOUT).
 *
 * <p>Called on the thread that answers the AAAH's requests (never the caller's), for one settlement at a
 * time; an implementation that blocks while the user decides holds up only further confirmations. It must
 * not call the agent itself.
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
