package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
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
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.it.LabTlsAccess;
import org.mipaaa.it.TopologyFixture;
import org.mipaaa.node.LoopbackSetup;
import org.mipaaa.node.Role;
import org.mipaaa.node.Topology;
import org.mipaaa.pki.PkiIssuer;

/**
 * tshark decodes the accounting-information retrieval (seed S201-S206, docs/PROTOCOL.md §4.1) with our
 * Wireshark dictionary: the mobile node's agent asks over TLS through the AAAF; the links AAAF -> AAAH ->
 * AAAY -> terminal, plain TCP here so they can be read, carry the relayed PIR with its
 * AAAM-Authenticator, the PIRs the AAAH and the AAAY originate, and the PIAs with Purchase-Info, and for
 * an unknown order Failed-AVP, Error-Message and Error-Reporting-Host. No unknown AVP, no malformed
 * packet, no expert error.
 */
class PurchaseInfoCaptureTest {

    static final Path OUTPUT = Path.of("target", "interop", "tshark-purchase");
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
    void s201_s206_tsharkDecodesEveryPirAndPiaOnEveryHop() throws Exception {
        Files.createDirectories(OUTPUT);
        Map<String, String> ports = new HashMap<>();
        List<Integer> capturedPorts = new ArrayList<>();
        for (String role : List.of("aaaf", "aaah", "aaay", "terminal")) {
            int port = LoopbackSetup.freePort();
            ports.put(role + ".port", Integer.toString(port));
            capturedPorts.add(port);
        }
        capturedPorts.sort(null);
        Path pcap = OUTPUT.resolve("purchase.pcapng").toAbsolutePath();
        Files.deleteIfExists(pcap);
        String filter = capturedPorts.stream().map(p -> "tcp port " + p).collect(Collectors.joining(" or "));
        dumpcap = ExternalProcess.start(List.of(DictionaryCaptureTest.DUMPCAP, "-i", "lo", "-f", filter, "-w", pcap.toString()),
                Map.of(), OUTPUT.resolve("dumpcap.log"));
        if (!dumpcap.awaitOutput("Capturing on", Duration.ofSeconds(15))) {
            fail("dumpcap cannot capture on lo (needs root, or dumpcap with CAP_NET_RAW and CAP_NET_ADMIN); its output:\n"
                    + dumpcap.output());
        }

        Set<Role> roles = EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY, Role.TERMINAL);
        Path tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of()));
        hosts.add("mn1.home.example");
        PkiIssuer.issueAll(tls, "capture lab CA", hosts);
        Map<String, String> overrides = new HashMap<>(ports);
        overrides.put("link.security", "none");
        overrides.put("tls.dir", tls.toString());
        fixture = new TopologyFixture().start(roles, role -> new HandlerRegistry(), overrides);
        fixture.topology().withRoleServices();

        VendorSettings vendor = VendorSettings.defaults();
        AgentEndpoint aaaf = new AgentEndpoint("127.0.0.1", fixture.tlsPort(Role.AAAF), LabTlsAccess.context(tls, "mn1.home.example"),
                "mn1.home.example", "home.example",
                List.of(new AgentEndpoint.Application(vendor.vendorId(), vendor.accountingServicesApplicationId())), Duration.ofSeconds(6));
        try (AaamAgent agent = new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(NAI, 4097, MN1_KEY), aaaf,
                new InMemoryReplayCounters(), vendor)) {
            assertThat(agent.accountingInfo("shop@shop.example", "A-1001").orderReference()).isEqualTo("A-1001");
            assertThatThrownBy(() -> agent.accountingInfo("shop@shop.example", "NO-SUCH-ORDER"))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNKNOWN_ORDER));
            assertThatThrownBy(() -> agent.accountingInfo("nobody@shop.example", "A-1001"))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNKNOWN_PAYEE));
        }

        Thread.sleep(500);
        assertThat(dumpcap.stop(Duration.ofSeconds(10))).as("dumpcap exit code; output:%n%s", dumpcap.output()).isZero();
        Files.setPosixFilePermissions(pcap, PosixFilePermissions.fromString("rw-r--r--"));

        tshark = Tshark.withCustomDictionary(DictionaryCaptureTest.wiresharkDictionary(), pcap, capturedPorts, OUTPUT);
        Path info = tshark.run("tshark-info.tsv", Duration.ofSeconds(60),
                "-Y", "diameter", "-T", "fields", "-E", "separator=/t", "-e", "frame.number", "-e", "_ws.col.Info");
        Map<Long, Set<String>> seen = DictionaryCaptureTest.decodedCommands(Files.readString(info));
        assertThat(seen.get((long) CommandCodes.PURCHASE_INFORMATION)).as("tshark saw %s", seen)
                .contains("Purchase-Information Request", "Purchase-Information Answer");

        List<String> purchaseLines = Files.readString(info).lines().filter(l -> l.contains("Purchase-Information")).toList();
        assertThat(purchaseLines).as("PIR and PIA on the three captured hops of three exchanges").hasSizeGreaterThanOrEqualTo(14);
        assertThat(purchaseLines).as("PROTOCOL §4.1: PIR with R and P, PIA with P").allMatch(l ->
                l.contains("Request") ? l.contains("flags=RP--") : l.contains("flags=-P--"));

        Path verbose = tshark.run("tshark-V.txt", Duration.ofSeconds(60), "-V", "-Y", "diameter");
        String decoded = Files.readString(verbose, StandardCharsets.UTF_8);
        assertThat(decoded.lines().filter(l -> l.contains("Unknown AVP") || l.contains("Unknown(") || l.contains("Unknown (")
                || l.contains("Malformed")).toList()).as("lines of %s naming something tshark does not know", verbose).isEmpty();
        List<String> expected = List.of(
                "User-Name: " + NAI,
                "Payee-Id: shop@shop.example",
                "Order-Reference: A-1001",
                "Requested-Action: PRICE_ENQUIRY",
                "AAAM-Authenticator",
                "AAAM-SPI: 4097",
                "Route-Record: aaaf.visited.example",
                "Terminal-Host: terminal.shop.example",
                "Purchase-Info",
                "Goods-Description: 1 x coffee beans 250 g",
                "Goods-Description: 1 x milk frother",
                "CC-Money",
                "Value-Digits: 2340",
                "Exponent: -2",
                "Currency-Code: 978",
                "Failed-AVP",
                "Order-Reference: NO-SUCH-ORDER",
                "Error-Message: unknown Order-Reference NO-SUCH-ORDER",
                "Error-Reporting-Host: terminal.shop.example",
                "Experimental-Result-Code: 5802");
        assertThat(expected.stream().filter(e -> !decoded.contains(e)).toList())
                .as("decoded values missing from %s", verbose).isEmpty();

        Path problems = tshark.run("tshark-problems.txt", Duration.ofSeconds(60),
                "-Y", "_ws.malformed || _ws.expert.severity == error");
        assertThat(Files.readString(problems)).as("malformed packets or expert errors, in %s", problems).isBlank();
    }
}
