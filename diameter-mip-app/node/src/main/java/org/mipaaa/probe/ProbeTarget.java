package org.mipaaa.probe;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

import org.mipaaa.dictionary.VendorSettings;
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
 * @param services   a mobile node of the AAAH's, for the checks of the mobile-node services ({@link ServicesProbe})
 */
public record ProbeTarget(boolean dial, InetSocketAddress address, Optional<SSLContext> tls, String ownHost, String ownRealm,
                          Optional<String> peerHost, String peerRealm, Kind kind, Optional<MobileNodeCredentials> mobileNode,
                          Duration timeout, Optional<ServicesClient> services) {

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

    /**
     * The mobile node the probe plays towards an AAAH for the services of our vendor application
     * (docs/PROTOCOL.md §2.2-§4), and what it asks about.
     *
     * @param address        the TLS address the mobile node connects to: the AAAH's, or an AAAF's in the path
     * @param server         the DiameterIdentity of that server
     * @param mobileNodeHost the mobile node's DiameterIdentity, a peer the server is configured for
     * @param tls            the mobile node's TLS identity ({@code mobileNodeHost}'s certificate) and trust
     * @param aaamSpi        the AAAM-SPI of its association (docs/PROTOCOL.md §3.1; its key derives from the MN-AAA key)
     * @param vendor         the Vendor-Id and application id the AAAH serves the services under (docs/PROTOCOL.md §1.4)
     * @param subjects       what the service requests name
     */
    public record ServicesClient(InetSocketAddress address, String server, String mobileNodeHost, String mobileNodeRealm, SSLContext tls,
                                 long aaamSpi, VendorSettings vendor, ServiceSubjects subjects) {

        public ServicesClient {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(mobileNodeHost, "mobileNodeHost");
            Objects.requireNonNull(mobileNodeRealm, "mobileNodeRealm");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(subjects, "subjects");
        }
    }

    /**
     * What the service checks ask about; each check whose subject is absent is skipped.
     *
     * @param payee         a payee the AAAH reaches (its AAAY's realm), for accounting information and settlement
     * @param order         an order of that payee's to settle; absent: the payee's latest
     * @param sponsor       a sponsor and one of its advertisements, for sponsored communication
     * @param creditCompany a credit company and a customer credential it accepts, for credit communication
     */
    public record ServiceSubjects(Optional<String> payee, Optional<String> order, Optional<String> sponsor, Optional<String> advertisement,
                                  Optional<String> creditCompany, Optional<byte[]> credential) {

        /** Nothing to ask about but the node's own charges. */
        public static ServiceSubjects ownChargesOnly() {
            return new ServiceSubjects(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
    }

    /** A target without the mobile-node service checks. */
    public ProbeTarget(boolean dial, InetSocketAddress address, Optional<SSLContext> tls, String ownHost, String ownRealm,
                       Optional<String> peerHost, String peerRealm, Kind kind, Optional<MobileNodeCredentials> mobileNode, Duration timeout) {
        this(dial, address, tls, ownHost, ownRealm, peerHost, peerRealm, kind, mobileNode, timeout, Optional.empty());
    }

    public ProbeTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ownHost, "ownHost");
        Objects.requireNonNull(ownRealm, "ownRealm");
        Objects.requireNonNull(peerRealm, "peerRealm");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(services, "services");
        if (services.isPresent() && (kind != Kind.AAAH || mobileNode.isEmpty())) {
            throw new IllegalArgumentException("the mobile-node services are probed at an AAAH, for a subscriber (--user)");
        }
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
