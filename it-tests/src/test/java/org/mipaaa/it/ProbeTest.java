package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.launcher.Main;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.probe.CheckResult;
import org.mipaaa.probe.ConformanceProbe;
import org.mipaaa.probe.ProbeReport;
import org.mipaaa.probe.ProbeTarget;
import org.mipaaa.role.Role;
import picocli.CommandLine;

/**
 * The conformance runner, {@code mip-aaa probe}, pointed at our own AAAH (the probe plays its AAAF)
 * and our own home agent (the probe plays its AAAH) over TLS with the lab's certificates, and at our
 * foreign agent over UDP (the probe plays a mobile node): every check applies and passes, in the text
 * and the JSON report. Against freeDiameter: {@code FreeDiameterProbeTest}.
 */
class ProbeTest {

    private static final String AAAF = "aaaf.visited.example";
    private static final String AAAH = "aaah.home.example";
    private static final String HA = "ha.home.example";
    /** mn1 as config/aaah/subscribers.properties provisions it. */
    private static final String MN1_KEY_HEX = "64656d6f2d6d6e312d6161612d6b6579";
    private static final String MN1_AAAM_SPI = "4097";
    private static final String MN1_HOST = "mn1.home.example";
    /** mn1's card as config/aaay/payers.properties knows it ("mn1-card-secret"). */
    private static final String MN1_CARD_HEX = "6d6e312d636172642d736563726574";

    @TempDir
    static Path dir;

    /** The AAAH and its home agent, and a shop's AAAY and terminal; the probe is their AAAF, and mn1 for the services. */
    private static TopologyFixture home;
    /** A home agent alone; the probe is its AAAH. */
    private static TopologyFixture homeAgent;
    /** The four roles of the seed; the probe is a mobile node at the foreign agent. */
    private static TopologyFixture visited;
    private static Path tls;

    @BeforeAll
    static void start() throws Exception {
        tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), EnumSet.allOf(Role.class), Map.of()));
        PkiIssuer.issueAll(tls, "probe lab CA", hosts, List.of(MN1_HOST));
        Map<String, String> overrides = Map.of("tls.dir", tls.toString());
        home = new TopologyFixture().start(EnumSet.of(Role.AAAH, Role.HA, Role.AAAY, Role.TERMINAL), RoleApplications.STANDARD, overrides);
        homeAgent = new TopologyFixture().start(EnumSet.of(Role.HA), RoleApplications.STANDARD, overrides);
        visited = new TopologyFixture().start(EnumSet.of(Role.FA, Role.AAAF, Role.AAAH, Role.HA), RoleApplications.STANDARD, overrides);
    }

    @AfterAll
    static void stop() {
        for (TopologyFixture f : new TopologyFixture[] {home, homeAgent, visited}) {
            if (f != null) {
                f.close();
            }
        }
    }

    @Test
    void theProbeCommandFindsOurAaahConformantOnEveryCheckARegistrationAndTheMobileNodeServicesIncluded() throws Exception {
        Path report = dir.resolve("aaah-report.json");

        int exit = new CommandLine(new Main()).execute("probe", "--connect", "127.0.0.1:" + home.tlsPort(Role.AAAH), "--kind", "AAAH",
                "--as", AAAF, "--realm", "visited.example", "--peer-host", AAAH, "--peer-realm", "home.example",
                "--tls-dir", tls.toString(), "--user", "mn1@home.example", "--mn-aaa-spi", "256", "--mn-aaa-key-hex", MN1_KEY_HEX,
                "--home-agent-address", "10.1.0.1", "--mobile-node-host", MN1_HOST, "--aaam-spi", MN1_AAAM_SPI,
                "--payee", "shop@shop.example", "--order", "A-1001", "--sponsor", "ads@shop.example", "--advertisement", "ad-2026-11",
                "--credit-company", "card@shop.example", "--credential-hex", MN1_CARD_HEX, "--report", report.toString());

        String json = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(exit).as(json).isZero();
        assertThat(json).contains("\"failed\":0", "\"skipped\":0", "\"passed\":24");
        for (String id : List.of("capabilities-exchange", "device-watchdog", "command-unsupported", "application-unsupported",
                "avp-unsupported", "avp-missing", "session-unknown", "retransmission", "registration-unauthenticated", "registration",
                "accounting", "registration-renewal", "session-termination", "disconnect-peer", "services-unauthenticated", "own-charges",
                "accounting-information", "unknown-order", "settlement-declined", "settlement", "cancellation", "cancellation-repeated",
                "sponsored-communication", "credit-communication")) {
            assertThat(json).contains("{\"id\":\"" + id + "\"");
        }
    }

    @Test
    void aMobileNodeServiceTheAaahDoesNotServeAsDocumentedFailsItsCheck() throws Exception {
        // a sponsor's advertisement it does not pay for: the AAAH answers 5808, not a commitment, and the check says so
        ProbeTarget.ServicesClient mn1 = new ProbeTarget.ServicesClient(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                home.tlsPort(Role.AAAH)), AAAH, MN1_HOST, "home.example", LabTls.context(tls, MN1_HOST, tls), Long.parseLong(MN1_AAAM_SPI),
                VendorSettings.defaults(), new ProbeTarget.ServiceSubjects(Optional.empty(), Optional.empty(), Optional.of("ads@shop.example"),
                Optional.of("ad-not-paid-for"), Optional.empty(), Optional.empty()));
        ProbeTarget target = new ProbeTarget(true, new InetSocketAddress(InetAddress.getLoopbackAddress(), home.tlsPort(Role.AAAH)),
                Optional.of(LabTls.context(tls, AAAF, tls)), AAAF, "visited.example", Optional.of(AAAH), "home.example",
                ProbeTarget.Kind.AAAH, Optional.of(new ProbeTarget.MobileNodeCredentials("mn1@home.example",
                MnAaaSecurityAssociation.of(256, HexFormat.of().parseHex(MN1_KEY_HEX)), Ipv4.parse("10.1.0.1"))),
                Duration.ofSeconds(10), Optional.of(mn1));

        ProbeReport report = new ConformanceProbe(target, Dictionary.bundled()).run();

        CheckResult sponsored = report.checks().stream().filter(c -> c.id().equals("sponsored-communication")).findFirst().orElseThrow();
        assertThat(report.passed()).as(report.text()).isFalse();
        assertThat(sponsored.verdict()).as(report.text()).isEqualTo(CheckResult.Verdict.FAIL);
        assertThat(sponsored.detail()).contains("NOT_ELIGIBLE", "5808");
        assertThat(sponsored.sent().length).as("the SCMR's bytes").isGreaterThanOrEqualTo(20);
        assertThat(sponsored.received().length).as("the SCMA's bytes").isGreaterThanOrEqualTo(20);
        assertThat(report.checks()).filteredOn(c -> c.id().equals("own-charges")).singleElement()
                .extracting(CheckResult::verdict).isEqualTo(CheckResult.Verdict.PASS);
        assertThat(report.checks()).filteredOn(c -> List.of("settlement", "credit-communication").contains(c.id()))
                .allMatch(c -> c.verdict() == CheckResult.Verdict.SKIPPED);
    }

    @Test
    void theProbeFindsOurHomeAgentConformantOnEveryCheckARegistrationItsRenewalAndItsAbortIncluded() throws Exception {
        ProbeTarget target = new ProbeTarget(true, new InetSocketAddress(InetAddress.getLoopbackAddress(), homeAgent.tlsPort(Role.HA)),
                Optional.of(LabTls.context(tls, AAAH, tls)), AAAH, "home.example", Optional.of(HA), "home.example",
                ProbeTarget.Kind.HA, Optional.empty(), Duration.ofSeconds(10));

        ProbeReport report = new ConformanceProbe(target, Dictionary.bundled()).run();

        assertThat(report.checks()).as(report.text()).extracting(CheckResult::id).containsExactly("capabilities-exchange",
                "device-watchdog", "command-unsupported", "application-unsupported", "avp-unsupported", "avp-missing", "session-unknown",
                "retransmission", "home-agent-registration", "home-agent-renewal", "home-agent-abort", "filter-rule-unsupported",
                "disconnect-peer");
        assertThat(report.checks()).as(report.text()).allMatch(c -> c.verdict() == CheckResult.Verdict.PASS);
        assertThat(report.checks()).allMatch(c -> c.sent().length >= 20 && c.received().length >= 20);
    }

    @Test
    void theProbeCommandFindsOurForeignAgentConformantAsAMobileNodeThatRegistersByUdpAlone() throws Exception {
        // what a lab reads from the agent's advertisements: its care-of address and where it listens
        ForeignAgent.Advertisement ad = visited.topology().node(Role.FA).installation().fa().agent().advertise();
        InetSocketAddress udp = ad.registrationAddress();
        Path report = dir.resolve("fa-report.json");

        int exit = new CommandLine(new Main()).execute("probe", "--connect", udp.getHostString() + ":" + udp.getPort(), "--kind", "FA",
                "--care-of-address", Ipv4.format(ad.careOfAddress()), "--user", "mn1@home.example", "--mn-aaa-spi", "256",
                "--mn-aaa-key-hex", MN1_KEY_HEX, "--report", report.toString());

        String json = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(exit).as(json).isZero();
        assertThat(json).contains("\"failed\":0", "\"skipped\":0", "\"passed\":4");
        for (String id : List.of("challenge-offered", "registration-unauthenticated", "registration", "deregistration")) {
            assertThat(json).contains("{\"id\":\"" + id + "\"");
        }
    }

    @Test
    void aPeerThatAnswersAsAnotherHostFailsTheCapabilitiesExchangeAndTheRestIsSkipped() throws Exception {
        // the probe expects the home agent under another name: a check that can fail does
        ProbeTarget target = new ProbeTarget(true, new InetSocketAddress(InetAddress.getLoopbackAddress(), homeAgent.tlsPort(Role.HA)),
                Optional.of(LabTls.context(tls, AAAH, tls)), AAAH, "home.example", Optional.of("ha2.home.example"), "home.example",
                ProbeTarget.Kind.HA, Optional.empty(), Duration.ofSeconds(10));

        ProbeReport report = new ConformanceProbe(target, Dictionary.bundled()).run();

        assertThat(report.passed()).isFalse();
        assertThat(report.checks().get(0).verdict()).isEqualTo(CheckResult.Verdict.FAIL);
        assertThat(report.checks().get(0).detail()).contains("Origin-Host " + HA);
        assertThat(report.checks().subList(1, report.checks().size())).allMatch(c -> c.verdict() == CheckResult.Verdict.SKIPPED);
        assertThat(report.text()).contains("FAIL").contains("0 passed, 1 failed");
    }
}
