package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.it.MobileIpUdp;
import org.mipaaa.it.TopologyFixture;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.role.Role;

/**
 * tshark decodes the DIAMETER side of a real Mobile IP registration (seed S101-S110): the AMR FA ->
 * AAAF -> AAAH, the HAR to the home agent, their answers, the visit's ACR/ACA START and STOP FA ->
 * AAAF -> AAAH (S31-S32), and the STR/STA that ends the session on
 * deregistration, all by name, every AVP known, no malformed packet and no expert error.
 *
 * <p>As {@link DictionaryCaptureTest}: plain JUnit (dumpcap must capture before the nodes start),
 * plain TCP links so tshark can read them, tshark given our Wireshark dictionary. Only the DIAMETER
 * ports are captured: the MN -> FA UDP leg is checked by aaam-agent's tshark vector test (and tshark
 * 4.0 misreads the RFC 3957 key extensions there). Inside AMA and HAA, tshark shows MIP-Reg-Reply as
 * octets, so that limitation does not reach the DIAMETER layer.
 */
class RegistrationCaptureTest {

    static final Path OUTPUT = Path.of("target", "interop", "tshark-registration");
    static final Set<Role> ROLES = EnumSet.of(Role.FA, Role.AAAF, Role.AAAH, Role.HA);
    static final String NAI = "mn1@home.example";
    /** mn1's demo key from config/aaah/subscribers.properties. */
    static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);

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
    void s101ToS110_tsharkDecodesAmrAmaHarHaaAndTheStrOfTheDeregistration() throws Exception {
        Files.createDirectories(OUTPUT);
        Map<Role, Integer> ports = new EnumMap<>(Role.class);
        for (Role role : ROLES) {
            ports.put(role, LoopbackSetup.freePort());
        }
        List<Integer> capturedPorts = ports.values().stream().sorted().toList();
        Path pcap = OUTPUT.resolve("registration.pcapng").toAbsolutePath();
        Files.deleteIfExists(pcap);
        String filter = capturedPorts.stream().map(p -> "tcp port " + p).collect(Collectors.joining(" or "));
        dumpcap = ExternalProcess.start(List.of(DictionaryCaptureTest.DUMPCAP, "-i", "lo", "-f", filter, "-w", pcap.toString()),
                Map.of(), OUTPUT.resolve("dumpcap.log"));
        if (!dumpcap.awaitOutput("Capturing on", Duration.ofSeconds(15))) {
            fail("dumpcap cannot capture on lo (needs root, or dumpcap with CAP_NET_RAW and CAP_NET_ADMIN); its output:\n"
                    + dumpcap.output());
        }

        Map<String, String> overrides = new HashMap<>();
        ports.forEach((role, port) -> overrides.put(role.name().toLowerCase(Locale.ROOT) + ".port", port.toString()));
        overrides.put("link.security", "none");
        fixture = new TopologyFixture().checkingCommandFormats().start(ROLES, RoleApplications.STANDARD, overrides);
        ForeignAgent fa = fixture.topology().node(Role.FA).installation().fa().agent();

        // S101-S106, then the deregistration FA -> HA, whose binding end sends the STR
        MobileNode mn = new MobileNode(NAI, MnAaaSecurityAssociation.of(256, MN1_KEY), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        ForeignAgent.Advertisement ad = fa.advertise();
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);
        MobileNode.Outcome registered = registration.accept(MobileIpUdp.exchange(ad.registrationAddress(), registration.bytes()));
        assertThat(registered.accepted()).as(String.valueOf(registered.problem())).isTrue();
        Thread.sleep(1100); // a newer timestamp Identification for the deregistration
        ForeignAgent.Advertisement again = fa.advertise();
        MobileNode.Renewal deregistration = mn.renewal(registered, again.careOfAddress(), 0);
        MobileNode.Outcome gone = deregistration.accept(MobileIpUdp.exchange(again.registrationAddress(), deregistration.bytes()));
        assertThat(gone.accepted()).as(String.valueOf(gone.problem())).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (fixture.events().stream().noneMatch(e -> e.command().equals("STA")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(fixture.events()).as("the STA to the home agent's STR").anyMatch(e -> e.command().equals("STA"));
        // the visit's accounting: START at the registration, STOP at the deregistration, FA -> AAAF -> AAAH (S31-S32)
        String aaah = fixture.topology().node(Role.AAAH).host();
        while (fixture.events().stream().filter(e -> e.command().equals("ACA") && e.from().equals(aaah)).count() < 2
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(fixture.events().stream().filter(e -> e.command().equals("ACA") && e.from().equals(aaah)).count())
                .as("the AAAH answered the START and the STOP").isGreaterThanOrEqualTo(2);

        Thread.sleep(500);
        assertThat(dumpcap.stop(Duration.ofSeconds(10))).as("dumpcap exit code; output:%n%s", dumpcap.output()).isZero();
        Files.setPosixFilePermissions(pcap, PosixFilePermissions.fromString("rw-r--r--"));

        tshark = Tshark.withCustomDictionary(DictionaryCaptureTest.wiresharkDictionary(), pcap, capturedPorts, OUTPUT);
        Path info = tshark.run("tshark-info.tsv", Duration.ofSeconds(60),
                "-Y", "diameter", "-T", "fields", "-E", "separator=/t", "-e", "frame.number", "-e", "_ws.col.Info");
        Map<Long, Set<String>> seen = DictionaryCaptureTest.decodedCommands(Files.readString(info));
        // RFC 6733 §3.2: every message each node decoded (AMR, AMA, HAR, HAA, ACR, ACA, STR, STA ...)
        // against its command's CCF: no AVP more often than it allows (jDiameter copies some into answers)
        assertThat(fixture.commandFormats().checked()).isPositive();
        assertThat(fixture.commandFormats().violations()).as("CCF violations").isEmpty();
        assertThat(seen.get((long) CommandCodes.AA_MOBILE_NODE)).as("tshark saw %s", seen)
                .contains("AA-Mobile-Node Request", "AA-Mobile-Node Answer");
        assertThat(seen.get((long) CommandCodes.HOME_AGENT_MIP)).as("tshark saw %s", seen)
                .contains("Home-Agent-MIP Request", "Home-Agent-MIP Answer");
        assertThat(seen.get((long) CommandCodes.SESSION_TERMINATION)).as("tshark saw %s", seen)
                .contains("Session-Termination Request", "Session-Termination Answer");
        assertThat(seen.get((long) CommandCodes.ACCOUNTING)).as("tshark saw %s", seen)
                .contains("Accounting Request", "Accounting Answer");
        assertThat(seen.values().stream().flatMap(Set::stream)).noneMatch(name -> name.startsWith("Unknown"));

        Path verbose = tshark.run("tshark-V.txt", Duration.ofSeconds(60), "-V", "-Y", "diameter");
        String decoded = Files.readString(verbose, StandardCharsets.UTF_8);
        List<String> forbidden = List.of("Unknown AVP", "Unknown(", "Unknown (", "Malformed");
        // docs/WIRESHARK.md §5: the stock dictionary types MIP-Feature-Vector as Enumerated, one name per
        // flag, so a set of flags (RFC 4004 §7.5: it is a bit set) shows as "Unknown (n)": allowed only
        // there, and only for a value that is several RFC 4004 flags together
        Pattern featureVector = Pattern.compile(".*MIP-Feature-Vector.*Unknown \\((\\d+)\\)$");
        List<String> unknown = decoded.lines().filter(l -> forbidden.stream().anyMatch(l::contains)).toList();
        assertThat(unknown.stream().filter(l -> !featureVector.matcher(l).matches()).toList())
                .as("lines of %s naming something tshark does not know", verbose).isEmpty();
        assertThat(unknown).allSatisfy(l -> {
            Matcher m = featureVector.matcher(l);
            assertThat(m.matches()).isTrue();
            long flags = Long.parseLong(m.group(1));
            assertThat(flags & ~0x1FFL).as("bits outside RFC 4004 7.5 in %s", l).isZero();
            assertThat(Long.bitCount(flags)).as("a single flag would be named: %s", l).isGreaterThan(1);
        });
        String home = registered.homeAddress().getHostAddress();
        List<String> expected = List.of(
                "User-Name: " + NAI,
                "MIP-Reg-Request: ",
                "MIP-Reg-Reply: ",
                "MIP-MN-AAA-SPI: 256",
                "MIP-FA-Challenge: ",
                "MIP-Mobile-Node-Address Address: " + home,
                "MIP-Session-Key: ",
                "Accounting-Multi-Session-Id: ", // the stock name of Acct-Multi-Session-Id (50)
                "Termination-Cause: DIAMETER_LOGOUT (1)",
                "Accounting-Record-Type: Start Record (2)",
                "Accounting-Record-Type: Stop Record (4)",
                "Accounting-Input-Octets: ",
                "Acct-Session-Time: ",
                // RFC 6733 §6.1.9: the AAAF records the peer the AMR came from, the FA
                "Route-Record: fa.visited.example");
        assertThat(expected.stream().filter(e -> !decoded.contains(e)).toList())
                .as("decoded values missing from %s", verbose).isEmpty();

        Path problems = tshark.run("tshark-problems.txt", Duration.ofSeconds(60),
                "-Y", "_ws.malformed || _ws.expert.severity == error");
        assertThat(Files.readString(problems)).as("malformed packets or expert errors, in %s", problems).isBlank();
    }
}
