package org.mipaaa.policy;

import java.util.Locale;

import org.mipaaa.role.Role;

/**
 * What a peer is to this node, as the node's configuration (or the mobile-node CA that issued its
 * certificate) says: one of the seed's roles, a mobile node's AAAM agent, or a third party's DIAMETER
 * relay or proxy. Never what the peer writes in its own messages.
 */
public enum PeerKind {
    FA, AAAF, AAAH, HA, AAAY, TERMINAL,
    /** A mobile node's AAAM agent (aaam-agent), admitted by its certificate. */
    MOBILE_NODE,
    /**
     * Another vendor's relay or proxy (RFC 6733 §2.8): what it forwards is judged by who it says it
     * received it from, its last Route-Record (§6.1.9), and that identity's own kind.
     */
    RELAY;

    /** The kind of a peer playing {@code role}. */
    public static PeerKind of(Role role) {
        return valueOf(role.name());
    }

    /**
     * Whether a request from such a peer may carry another Origin-Host than the peer's own: the AAAF
     * proxies its mobile nodes' and FAs' requests home (RFC 6733 §2.8: a proxy keeps Origin-Host).
     */
    public boolean forwardsOthers() {
        return this == AAAF || this == RELAY;
    }

    /** Parses a kind as configuration writes it ("aaah", "MOBILE_NODE", "mobile-node", "relay"). */
    public static PeerKind parse(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
