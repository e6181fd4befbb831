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
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.Settlement;
import org.mipaaa.agent.services.SettlementMode;
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
 * tshark decodes settlement with the user's confirmation (seed S207-S211) and cancellation
 * (docs/PROTOCOL.md §4.2-§4.5) with our Wireshark dictionary: the mobile node's agent over TLS through
 * the AAAF; the links AAAF -> AAAH -> AAAY -> terminal, plain TCP here so they can be read, carry the
 * relayed SER/SEA and SCR/SCA with their AAAM-Authenticator, the UCR/UCA relayed back through the AAAF,
 * the PNR/PNA and SCR/SCA the AAAH and the AAAY originate; a user's CANCEL (5801) and a second
 * cancellation (5804) too. No unknown AVP, no malformed packet, no expert error.
 */
class SettlementCaptureTest {

    static final Path OUTPUT = Path.of("target", "interop", "tshark-settlement");
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
    void s207_s211_tsharkDecodesEverySettlementMessageOnEveryHop() throws Exception {
        Files.createDirectories(OUTPUT);
        Map<String, String> ports = new HashMap<>();
        List<Integer> capturedPorts = new ArrayList<>();
        for (String role : List.of("aaaf", "aaah", "aaay", "terminal")) {
            int port = LoopbackSetup.freePort();
            ports.put(role + ".port", Integer.toString(port));
            capturedPorts.add(port);
        }
        capturedPorts.sort(null);
        Path pcap = OUTPUT.resolve("settlement.pcapng").toAbsolutePath();
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
            PurchaseInfo order = agent.accountingInfo("shop@shop.example", "A-1001");
            Settlement settled = agent.settle(order, SettlementMode.DEBIT_PAYEE_ACCOUNT, p -> ConfirmationCallback.Decision.OK);
            assertThat(agent.cancel(settled.settlementId()).refunded()).isEqualTo(order.amount());
            assertThatThrownBy(() -> agent.settle(order, SettlementMode.HOME_ONLY, p -> ConfirmationCallback.Decision.CANCEL))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.USER_REJECTED));
            assertThatThrownBy(() -> agent.cancel(settled.settlementId()))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.ALREADY_CANCELLED));
        }

        Thread.sleep(500);
        assertThat(dumpcap.stop(Duration.ofSeconds(10))).as("dumpcap exit code; output:%n%s", dumpcap.output()).isZero();
        Files.setPosixFilePermissions(pcap, PosixFilePermissions.fromString("rw-r--r--"));

        tshark = Tshark.withCustomDictionary(DictionaryCaptureTest.wiresharkDictionary(), pcap, capturedPorts, OUTPUT);
        Path info = tshark.run("tshark-info.tsv", Duration.ofSeconds(60),
                "-Y", "diameter", "-T", "fields", "-E", "separator=/t", "-e", "frame.number", "-e", "_ws.col.Info");
        Map<Long, Set<String>> seen = DictionaryCaptureTest.decodedCommands(Files.readString(info));
        assertThat(seen.get((long) CommandCodes.SETTLEMENT)).as("tshark saw %s", seen).contains("Settlement Request", "Settlement Answer");
        assertThat(seen.get((long) CommandCodes.USER_CONFIRMATION)).contains("User-Confirmation Request", "User-Confirmation Answer");
        assertThat(seen.get((long) CommandCodes.PAYMENT_NOTIFICATION)).contains("Payment-Notification Request", "Payment-Notification Answer");
        assertThat(seen.get((long) CommandCodes.SETTLEMENT_CANCEL)).contains("Settlement-Cancel Request", "Settlement-Cancel Answer");

        List<String> settlementLines = Files.readString(info).lines().filter(l -> l.contains("Settlement") || l.contains("User-Confirmation")
                || l.contains("Payment-Notification")).toList();
        assertThat(settlementLines).as("PROTOCOL §4.2-§4.5: requests with R and P, answers with P").isNotEmpty().allMatch(l ->
                l.contains("Request") ? l.contains("flags=RP--") : l.contains("flags=-P--"));

        Path verbose = tshark.run("tshark-V.txt", Duration.ofSeconds(60), "-V", "-Y", "diameter");
        String decoded = Files.readString(verbose, StandardCharsets.UTF_8);
        assertThat(decoded.lines().filter(l -> l.contains("Unknown AVP") || l.contains("Unknown(") || l.contains("Unknown (")
                || l.contains("Malformed")).toList()).as("lines of %s naming something tshark does not know", verbose).isEmpty();
        List<String> expected = List.of(
                "User-Name: " + NAI,
                "Payee-Id: shop@shop.example",
                "Order-Reference: A-1001",
                "Purchase-Info",
                "Value-Digits: 2340",
                "Settlement-Mode: DEBIT_PAYEE_ACCOUNT",
                "Settlement-Mode: HOME_ONLY",
                "Settlement-Id: ",
                "Confirmation-Result: CONFIRMED",
                "Confirmation-Result: CANCELLED_BY_USER",
                "Entry-State: INVALIDATED",
                "Requested-Action: DIRECT_DEBITING",
                "Requested-Action: REFUND_ACCOUNT",
                "AAAM-Authenticator",
                "AAAM-SPI: 4097",
                "Route-Record: aaaf.visited.example",
                "Terminal-Host: terminal.shop.example",
                "Experimental-Result-Code: 5801",
                "Experimental-Result-Code: 5804");
        assertThat(expected.stream().filter(e -> !decoded.contains(e)).toList())
                .as("decoded values missing from %s", verbose).isEmpty();

        Path problems = tshark.run("tshark-problems.txt", Duration.ofSeconds(60),
                "-Y", "_ws.malformed || _ws.expert.severity == error");
        assertThat(Files.readString(problems)).as("malformed packets or expert errors, in %s", problems).isBlank();
    }
}
