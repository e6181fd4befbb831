package org.mipaaa.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who sent a request, as far as the node can tell from what it authenticated (the peer of the
 * connection) and from what the relays it trusts vouch for, never from what the sender writes about
 * itself.
 *
 * @param identity the DiameterIdentity of the sender: the peer, or, behind relays, the peer the last
 *                 Route-Record a trusted relay added names (RFC 6733 §6.1.9)
 * @param kinds    what that sender is to this node (configuration, or a mobile node's certificate)
 * @param peer     the peer the request came from over the connection
 */
public record Sender(String identity, Set<PeerKind> kinds, String peer) {

    /**
     * The sender of a request received from {@code peer}: the peer itself, unless it is a configured
     * RELAY; then the identity its last Route-Record names, and so on back through relays. Empty, with
     * the reason in {@code whyNot}, when that leads to nobody this node knows.
     *
     * @param routeRecords the request's Route-Record AVPs in order (the last added last)
     * @param kindsOf      what a DiameterIdentity (lower case) is to this node; empty when nothing
     */
    public static Optional<Sender> find(String peer, List<String> routeRecords, Function<String, Set<PeerKind>> kindsOf,
                                        StringBuilder whyNot) {
        String identity = peer.toLowerCase(Locale.ROOT);
        Set<PeerKind> kinds = kindsOf.apply(identity);
        int next = routeRecords.size() - 1;
        while (kinds.contains(PeerKind.RELAY)) {
            if (next < 0) {
                whyNot.append("relay ").append(identity).append(" forwarded a request without naming, in a Route-Record,"
                        + " the peer it came from");
                return Optional.empty();
            }
            identity = routeRecords.get(next--).toLowerCase(Locale.ROOT);
            kinds = kindsOf.apply(identity);
        }
        if (kinds.isEmpty()) {
            whyNot.append(identity).append(" is no configured peer of this node (peer.role.").append(identity).append(')');
            return Optional.empty();
        }
        return Optional.of(new Sender(identity, Set.copyOf(kinds), peer.toLowerCase(Locale.ROOT)));
    }

    /** Whether the request's Origin-Host may differ from the sender: it forwards others' requests (the AAAF). */
    public boolean forwardsOthers() {
        return kinds.stream().anyMatch(PeerKind::forwardsOthers);
    }
}
