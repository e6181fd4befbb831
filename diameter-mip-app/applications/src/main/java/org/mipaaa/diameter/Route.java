package org.mipaaa.diameter;

/**
 * Where a request received from the network goes, as the node's trust boundary decided before any
 * handler runs: to a handler, for the peer that sent it; or nowhere, with the refusal the sender gets.
 */
public sealed interface Route {

    /**
     * Serve it with {@code handler}.
     *
     * @param peer the DiameterIdentity of the peer the request came from (a copy of it is answered only
     *             to that peer, RFC 6733 §6.1.9, §5.5.4)
     */
    record To(RequestHandler handler, String peer) implements Route {
    }

    /** Refuse it: 3001 when the node serves no such command, 5003 when this sender may not send it. */
    record Refused(Outcome.Refusal refusal) implements Route {
    }
}
