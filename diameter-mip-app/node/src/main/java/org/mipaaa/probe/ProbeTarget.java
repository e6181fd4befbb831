package org.mipaaa.probe;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;

/**
 * The peer a probe run is pointed at, and who the probe is towards it.
 *
 * @param dial       true: the probe dials {@code address}; false: it listens there for the peer to dial in
 * @param tls        the probe's TLS identity and trust, empty for plain TCP
 * @param ownHost    the probe's DiameterIdentity: a peer the target is configured for (an AAAF towards
 *                   an AAAH, an AAAH towards a home agent), whose certificate {@code tls} presents
 * @param peerHost   the identity the peer must answer as, if known beforehand
 * @param kind       what the peer is, which says what it should serve
 * @param mobileNode a subscriber of the peer's, for the registration checks of an AAAH
 * @param timeout    how long to wait for each answer
 */
public record ProbeTarget(boolean dial, InetSocketAddress address, Optional<SSLContext> tls, String ownHost, String ownRealm,
                          Optional<String> peerHost, String peerRealm, Kind kind, Optional<MobileNodeCredentials> mobileNode,
                          Duration timeout) {

    /** What the peer under test is. */
    public enum Kind {
        /** A home AAA server (RFC 4004): the probe plays its foreign AAA server. */
        AAAH,
        /** A home agent (RFC 4004): the probe plays its home AAA server. */
        HA,
        /** A relay or proxy of no application of ours: the base protocol only. */
        RELAY,
        /** A foreign agent, over Mobile IP's UDP: the probe plays a mobile node ({@link ForeignAgentProbe}). */
        FA
    }

    /**
     * A subscriber of the AAAH under test, to register with (RFC 4004 §5.1).
     *
     * @param homeAgent the home agent address the registration request names (0.0.0.0: "assign one")
     */
    public record MobileNodeCredentials(String nai, MnAaaSecurityAssociation mnAaa, Inet4Address homeAgent) {
    }

    public ProbeTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ownHost, "ownHost");
        Objects.requireNonNull(ownRealm, "ownRealm");
        Objects.requireNonNull(peerRealm, "peerRealm");
        Objects.requireNonNull(kind, "kind");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
    }

    /** How the report names the peer. */
    public String describe() {
        return kind + " " + peerHost.orElse("?") + " (realm " + peerRealm + ") at " + address.getHostString() + ":"
                + address.getPort() + (tls.isPresent() ? " over TLS" : " over TCP") + (dial ? "" : ", dialling in")
                + ", probed as " + ownHost + " (realm " + ownRealm + ")";
    }
}
