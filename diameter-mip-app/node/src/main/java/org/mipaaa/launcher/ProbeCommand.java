package org.mipaaa.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;

import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.probe.ConformanceProbe;
import org.mipaaa.probe.ForeignAgentProbe;
import org.mipaaa.probe.ProbeReport;
import org.mipaaa.probe.ProbeTarget;
import org.mipaaa.transport.TlsContext;
import org.mipaaa.transport.TransportSettings;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code probe}: a conformance run against another vendor's AAAH, home agent or relay, for interop
 * labs ({@link ConformanceProbe}). Exit status 0 when no check failed, 1 when one did.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Check a DIAMETER peer (an AAAH, a home agent, a relay) against RFC 6733 and RFC 4004, an AAAH's "
                + "mobile-node services against docs/PROTOCOL.md (--mobile-node-host), or a foreign agent over Mobile IP's UDP: "
                + "the probe plays the role opposite it and reports each check with its RFC section and the bytes, as text on "
                + "the standard output and as JSON (--report).")
final class ProbeCommand implements Callable<Integer> {

    static final class Where {
        @Option(names = "--connect", description = "HOST:PORT of the peer, which the probe dials (a foreign agent: its Mobile IP "
                + "UDP address).")
        private String connect;

        @Option(names = "--listen", description = "HOST:PORT the probe listens on for the peer to dial in (an AAAH dials its home "
                + "agents; a relay may only connect out).")
        private String listen;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Where where;

    @Option(names = "--kind", required = true, description = "What the peer is: ${COMPLETION-CANDIDATES}.")
    private ProbeTarget.Kind kind;

    @Option(names = "--as", description = "DIAMETER peers: the probe's DiameterIdentity: a peer the target is configured for "
            + "(an AAAF towards an AAAH, an AAAH towards a home agent).")
    private String ownHost;

    @Option(names = "--realm", description = "The probe's realm.")
    private String ownRealm;

    @Option(names = "--peer-realm", description = "The peer's realm (Destination-Realm of the requests).")
    private String peerRealm;

    @Option(names = "--peer-host", description = "The DiameterIdentity the peer must answer as.")
    private String peerHost;

    @Option(names = "--tls-dir", description = "TLS: the directory of <as>.p12 / <as>.pass (the probe's key and certificate) and "
            + "trust.p12 / trust.pass (the CAs it trusts), as `mip-aaa pki` writes them. Without it: plain TCP.")
    private Path tlsDir;

    @Option(names = "--user", description = "A subscriber of the AAAH under test, to register (NAI).")
    private String user;

    @Option(names = "--mn-aaa-spi", description = "The subscriber's MN-AAA SPI.")
    private Long mnAaaSpi;

    @Option(names = "--mn-aaa-key-hex", description = "The subscriber's MN-AAA key, in hex.")
    private String mnAaaKeyHex;

    @Option(names = "--home-agent-address", defaultValue = "0.0.0.0",
            description = "The home agent the registration request names (default: ${DEFAULT-VALUE}, \"assign one\").")
    private String homeAgentAddress;

    @Option(names = "--mobile-node-host", description = "An AAAH: also check the mobile-node services of our vendor application, "
            + "as the subscriber (--user) with this DiameterIdentity, a peer of the AAAH (or of --services-server) whose key and "
            + "certificate are in --tls-dir.")
    private String mobileNodeHost;

    @Option(names = "--aaam-spi", description = "The subscriber's AAAM-SPI (docs/PROTOCOL.md §3.1), for the services.")
    private Long aaamSpi;

    @Option(names = "--services-connect", description = "HOST:PORT the mobile node connects to for the services: the AAAH's (the "
            + "default: --connect) or an AAAF's in the path.")
    private String servicesConnect;

    @Option(names = "--services-server", description = "The DiameterIdentity of the server at --services-connect (default: "
            + "--peer-host).")
    private String servicesServer;

    @Option(names = "--payee", description = "Services: a payee the AAAH reaches, for accounting information, settlement and "
            + "cancellation.")
    private String payee;

    @Option(names = "--order", description = "Services: an order of the payee's to settle (default: the payee's latest).")
    private String order;

    @Option(names = "--sponsor", description = "Services: a sponsor, for sponsored communication (with --advertisement).")
    private String sponsor;

    @Option(names = "--advertisement", description = "Services: an advertisement the sponsor pays for.")
    private String advertisement;

    @Option(names = "--credit-company", description = "Services: a credit company, for credit communication (with --credential-hex).")
    private String creditCompany;

    @Option(names = "--credential-hex", description = "Services: a customer credential the credit company accepts, in hex.")
    private String credentialHex;

    @Option(names = "--vendor-id", description = "Services: the Vendor-Id the AAAH serves them under (default: ours).")
    private Long vendorId;

    @Option(names = "--services-application-id", description = "Services: their application id at the AAAH (default: ours).")
    private Long servicesApplicationId;

    @Option(names = "--care-of-address", description = "A foreign agent: the care-of address it advertises.")
    private String careOfAddress;

    @Option(names = "--timeout-ms", defaultValue = "10000", description = "How long to wait for each answer (default: ${DEFAULT-VALUE}).")
    private long timeoutMs;

    @Option(names = "--report", description = "Write the report as JSON to this file too.")
    private Path report;

    @Override
    public Integer call() throws IOException, GeneralSecurityException {
        Optional<ProbeTarget.MobileNodeCredentials> mobileNode = Optional.empty();
        if (user != null) {
            if (mnAaaSpi == null || mnAaaKeyHex == null) {
                throw new IllegalArgumentException("--user needs --mn-aaa-spi and --mn-aaa-key-hex");
            }
            mobileNode = Optional.of(new ProbeTarget.MobileNodeCredentials(user,
                    MnAaaSecurityAssociation.of(mnAaaSpi, HexFormat.of().parseHex(mnAaaKeyHex)), Ipv4.parse(homeAgentAddress)));
        }
        boolean dial = where.connect != null;
        ProbeReport result;
        if (kind == ProbeTarget.Kind.FA) {
            if (!dial || mobileNode.isEmpty() || careOfAddress == null) {
                throw new IllegalArgumentException("--kind FA needs --connect, --care-of-address and a subscriber (--user ...)");
            }
            result = new ForeignAgentProbe(address(where.connect), Ipv4.parse(careOfAddress), mobileNode.get(),
                    Duration.ofMillis(timeoutMs)).run();
        } else {
            if (ownHost == null || ownRealm == null || peerRealm == null) {
                throw new IllegalArgumentException("--kind " + kind + " needs --as, --realm and --peer-realm");
            }
            result = new ConformanceProbe(diameterTarget(dial, mobileNode), Dictionary.bundled()).run();
        }
        System.out.print(result.text());
        if (report != null) {
            Files.writeString(report, result.json(), StandardCharsets.UTF_8);
        }
        return result.passed() ? 0 : 1;
    }

    private ProbeTarget diameterTarget(boolean dial, Optional<ProbeTarget.MobileNodeCredentials> mobileNode)
            throws IOException, GeneralSecurityException {
        return new ProbeTarget(dial, address(dial ? where.connect : where.listen), tls(ownHost), ownHost, ownRealm,
                Optional.ofNullable(peerHost), peerRealm, kind, mobileNode, Duration.ofMillis(timeoutMs), services(dial, mobileNode));
    }

    /** The mobile node of the service checks, when --mobile-node-host names one. */
    private Optional<ProbeTarget.ServicesClient> services(boolean dial, Optional<ProbeTarget.MobileNodeCredentials> mobileNode)
            throws IOException, GeneralSecurityException {
        if (mobileNodeHost == null) {
            return Optional.empty();
        }
        if (kind != ProbeTarget.Kind.AAAH || mobileNode.isEmpty() || aaamSpi == null || tlsDir == null) {
            throw new IllegalArgumentException("--mobile-node-host needs --kind AAAH, a subscriber (--user ...), --aaam-spi and --tls-dir");
        }
        String server = servicesServer != null ? servicesServer : peerHost;
        String connect = servicesConnect != null ? servicesConnect : dial ? where.connect : null;
        if (server == null || connect == null) {
            throw new IllegalArgumentException("--mobile-node-host needs the server the node connects to: --services-connect and "
                    + "--services-server (by default --connect and --peer-host)");
        }
        String nai = mobileNode.get().nai();
        VendorSettings ours = VendorSettings.defaults();
        VendorSettings vendor = new VendorSettings(vendorId != null ? vendorId : ours.vendorId(),
                servicesApplicationId != null ? servicesApplicationId : ours.accountingServicesApplicationId());
        ProbeTarget.ServiceSubjects subjects = new ProbeTarget.ServiceSubjects(Optional.ofNullable(payee), Optional.ofNullable(order),
                Optional.ofNullable(sponsor), Optional.ofNullable(advertisement), Optional.ofNullable(creditCompany),
                Optional.ofNullable(credentialHex).map(HexFormat.of()::parseHex));
        return Optional.of(new ProbeTarget.ServicesClient(address(connect), server, mobileNodeHost, nai.substring(nai.indexOf('@') + 1),
                tls(mobileNodeHost).orElseThrow(), aaamSpi, vendor, subjects));
    }

    /** {@code host}'s TLS identity from --tls-dir; without --tls-dir, none (plain TCP). */
    private Optional<SSLContext> tls(String host) throws IOException, GeneralSecurityException {
        if (tlsDir == null) {
            return Optional.empty();
        }
        return Optional.of(TlsContext.of(new TransportSettings.TlsSettings(tlsDir.resolve(host + ".p12"),
                tlsDir.resolve(host + ".pass"), tlsDir.resolve("trust.p12"), tlsDir.resolve("trust.pass"),
                List.of("TLSv1.3", "TLSv1.2"), List.of())).sslContext());
    }

    private static InetSocketAddress address(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not HOST:PORT: " + hostPort);
        }
        return new InetSocketAddress(InetAddress.getByName(hostPort.substring(0, colon)), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
