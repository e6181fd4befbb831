package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.CommunicationCharges;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.it.TopologyFixture;
import org.mipaaa.ledger.AccountDatabase;
import org.mipaaa.ledger.Money;
import org.mipaaa.ledger.RecordType;
import org.mipaaa.ledger.UsageReport;
import org.mipaaa.node.LoopbackSetup;
import org.mipaaa.node.Role;
import org.mipaaa.node.Topology;
import org.mipaaa.pki.PkiIssuer;

/**
 * tshark decodes the own-charges exchange (seed S25, docs/PROTOCOL.md §4.6) with our Wireshark
 * dictionary: the mobile node's agent asks over TLS through the AAAF, and the AAAF -> AAAH link, plain
 * TCP here so it can be read, carries the relayed CQR with its AAAM-Authenticator and the AAAH's CQA
 * with Charge-Entry, CC-Money and Cost-Information. No unknown AVP, no malformed packet, no expert error.
 */
class ChargeQueryCaptureTest {

    static final Path OUTPUT = Path.of("target", "interop", "tshark-charges");
    static final String NAI = "mn1@home.example";
    static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private ExternalProcess dumpcap;
    private TopologyFixture fixture;
    private Tshark tshark;

    @AfterEach
    void stopEverything() throws Exception {
        try (ExternalProcess d = dumpcap; TopologyFixture f = fixture; Tshark t = tshark) {
            // closes all three, even when one fails
        }
    }

    @Test
    void s25_tsharkDecodesTheRelayedCqrAndTheCqa() throws Exception {
        Files.createDirectories(OUTPUT);
        int aaafPort = LoopbackSetup.freePort();
        int aaahPort = LoopbackSetup.freePort();
        List<Integer> capturedPorts = List.of(Math.min(aaafPort, aaahPort), Math.max(aaafPort, aaahPort));
        Path pcap = OUTPUT.resolve("charges.pcapng").toAbsolutePath();
        Files.deleteIfExists(pcap);
        String filter = capturedPorts.stream().map(p -> "tcp port " + p).collect(Collectors.joining(" or "));
        dumpcap = ExternalProcess.start(List.of(DictionaryCaptureTest.DUMPCAP, "-i", "lo", "-f", filter, "-w", pcap.toString()),
                Map.of(), OUTPUT.resolve("dumpcap.log"));
        if (!dumpcap.awaitOutput("Capturing on", Duration.ofSeconds(15))) {
            fail("dumpcap cannot capture on lo (needs root, or dumpcap with CAP_NET_RAW and CAP_NET_ADMIN); its output:\n"
                    + dumpcap.output());
        }

        Path tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), EnumSet.allOf(Role.class), Map.of()));
        hosts.add("mn1.home.example");
        PkiIssuer.issueAll(tls, "capture lab CA", hosts);
        Path tariffs = dir.resolve("tariffs.properties");
        Files.writeString(tariffs, "currency = EUR\ntariff.default.2026-01-01.per-packet = 0.01\n");
        fixture = new TopologyFixture().start(EnumSet.of(Role.AAAF, Role.AAAH), role -> new HandlerRegistry(), Map.of(
                "aaaf.port", Integer.toString(aaafPort), "aaah.port", Integer.toString(aaahPort), "link.security", "none",
                "tls.dir", tls.toString(), "accounting.tariffs.file", tariffs.toString()));
        fixture.topology().withRoleServices();
        AccountDatabase ledger = fixture.topology().node(Role.AAAH).attached(AccountDatabase.class).orElseThrow();
        Instant visit = Instant.parse("2026-10-05T10:00:00Z");
        ledger.recordUsage(new UsageReport(NAI, "fa.visited.example;9;1", 0, RecordType.START, "visited.example", visit, 0, 0, 0, 0, 0));
        ledger.recordUsage(new UsageReport(NAI, "fa.visited.example;9;1", 1, RecordType.STOP, "visited.example",
                visit.plusSeconds(90), 90, 500, 600, 5, 6));
        ledger.recordTransferredCharge(NAI, Money.of("3.00", java.util.Currency.getInstance("EUR")), "shop@shop.example", "a coffee",
                visit.plusSeconds(3600), "capture-coffee");

        VendorSettings vendor = VendorSettings.defaults();
        AgentEndpoint aaaf = new AgentEndpoint("127.0.0.1", fixture.tlsPort(Role.AAAF),
                org.mipaaa.it.LabTlsAccess.context(tls, "mn1.home.example"), "mn1.home.example", "home.example",
                List.of(new AgentEndpoint.Application(vendor.vendorId(), vendor.accountingServicesApplicationId())), Duration.ofSeconds(5));
        CommunicationCharges charges;
        try (AaamAgent agent = new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(NAI, 4097, MN1_KEY), aaaf,
                new InMemoryReplayCounters(), vendor)) {
            charges = agent.communicationCharges(YearMonth.of(2026, 10));
        }
        assertThat(charges.entries()).hasSize(2);

        Thread.sleep(500);
        assertThat(dumpcap.stop(Duration.ofSeconds(10))).as("dumpcap exit code; output:%n%s", dumpcap.output()).isZero();
        Files.setPosixFilePermissions(pcap, PosixFilePermissions.fromString("rw-r--r--"));

        tshark = Tshark.withCustomDictionary(DictionaryCaptureTest.wiresharkDictionary(), pcap, capturedPorts, OUTPUT);
        Path info = tshark.run("tshark-info.tsv", Duration.ofSeconds(60),
                "-Y", "diameter", "-T", "fields", "-E", "separator=/t", "-e", "frame.number", "-e", "_ws.col.Info");
        Map<Long, Set<String>> seen = DictionaryCaptureTest.decodedCommands(Files.readString(info));
        assertThat(seen.get((long) CommandCodes.CHARGE_QUERY)).as("tshark saw %s", seen)
                .contains("Charge-Query Request", "Charge-Query Answer");

        Path verbose = tshark.run("tshark-V.txt", Duration.ofSeconds(60), "-V", "-Y", "diameter");
        String decoded = Files.readString(verbose, StandardCharsets.UTF_8);
        assertThat(decoded.lines().filter(l -> l.contains("Unknown AVP") || l.contains("Unknown(") || l.contains("Unknown (")
                || l.contains("Malformed")).toList()).as("lines of %s naming something tshark does not know", verbose).isEmpty();
        List<String> expected = List.of(
                "User-Name: " + NAI,
                "Billing-Period: 2026-10",
                "AAAM-Authenticator",
                "AAAM-SPI: 4097",
                "AAAM-Replay-Counter: ",
                "AAAM-Authenticator-Value: ",
                "Route-Record: aaaf.visited.example",
                "Charge-Entry",
                "Entry-Kind: ",
                "Entry-State: ",
                "CC-Money",
                "Value-Digits: 11",
                "Cost-Information",
                "Cost-Unit: packet in default from 2026-01-01",
                "Payee-Id: shop@shop.example",
                "Goods-Description: a coffee");
        assertThat(expected.stream().filter(e -> !decoded.contains(e)).toList())
                .as("decoded values missing from %s", verbose).isEmpty();

        Path problems = tshark.run("tshark-problems.txt", Duration.ofSeconds(60),
                "-Y", "_ws.malformed || _ws.expert.severity == error");
        assertThat(Files.readString(problems)).as("malformed packets or expert errors, in %s", problems).isBlank();
    }
}
