package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.it.LabTlsAccess;
import org.mipaaa.it.TopologyFixture;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.lab.Topology;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;

/**
 * The set-up the capture tests of the accounting services share: dumpcap on loopback filtering the
 * plain TCP ports of {@code roles} (links between the nodes are plain here so tshark can read them; the
 * mobile node's agent still reaches the AAAF over TLS), the nodes with their role services, mn1's AAAM
 * agent through the AAAF, and, once the exchanges are done, tshark with our Wireshark dictionary over
 * the capture.
 */
final class ServicesCapture implements AutoCloseable {

    static final String NAI = "mn1@home.example";
    private static final String MOBILE_NODE_HOST = "mn1.home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    /** mn1's AAAM-SPI in config/aaah/subscribers.properties. */
    static final long MN1_AAAM_SPI = 4097;

    private final Path output;
    private final Path pcap;
    private final List<Integer> capturedPorts;
    private final Path tls;
    private ExternalProcess dumpcap;
    private TopologyFixture fixture;
    private Tshark tshark;

    private ServicesCapture(Path output, Path pcap, List<Integer> capturedPorts, Path tls) {
        this.output = output;
        this.pcap = pcap;
        this.capturedPorts = capturedPorts;
        this.tls = tls;
    }

    /**
     * Starts the capture, then {@code roles} (plain TCP links, the lab PKI in {@code work}) with
     * {@code extraOverrides}; the capture goes to {@code output}/{@code name}.pcapng.
     */
    static ServicesCapture start(Set<Role> roles, Path output, String name, Path work, Map<String, String> extraOverrides)
            throws Exception {
        Files.createDirectories(output);
        Map<String, String> overrides = new HashMap<>();
        List<Integer> ports = new ArrayList<>();
        for (Role role : roles) {
            int port = LoopbackSetup.freePort();
            overrides.put(role.name().toLowerCase(java.util.Locale.ROOT) + ".port", Integer.toString(port));
            ports.add(port);
        }
        ports.sort(null);
        Path pcap = output.resolve(name + ".pcapng").toAbsolutePath();
        Files.deleteIfExists(pcap);
        Path tls = work.resolve("tls");
        ServicesCapture capture = new ServicesCapture(output, pcap, List.copyOf(ports), tls);
        try {
            String filter = ports.stream().map(p -> "tcp port " + p).collect(Collectors.joining(" or "));
            capture.dumpcap = ExternalProcess.start(List.of(DictionaryCaptureTest.DUMPCAP, "-i", "lo", "-f", filter, "-w", pcap.toString()),
                    Map.of(), output.resolve("dumpcap.log"));
            if (!capture.dumpcap.awaitOutput("Capturing on", Duration.ofSeconds(15))) {
                fail("dumpcap cannot capture on lo (needs root, or dumpcap with CAP_NET_RAW and CAP_NET_ADMIN); its output:\n"
                        + capture.dumpcap.output());
            }
            List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of()));
            PkiIssuer.issueAll(tls, "capture lab CA", hosts, List.of(MOBILE_NODE_HOST));
            overrides.put("link.security", "none");
            overrides.put("tls.dir", tls.toString());
            overrides.putAll(extraOverrides);
            capture.fixture = new TopologyFixture().checkingCommandFormats().start(roles, RoleApplications.STANDARD, overrides);
            return capture;
        } catch (Exception | Error e) {
            capture.close();
            throw e;
        }
    }

    Topology topology() {
        return fixture.topology();
    }

    /** The plain TCP port a role's node listens on (the links are plain here): where its hops can be told apart. */
    int port(Role role) {
        return fixture.port(role);
    }

    /**
     * After {@link #decode()}: tshark's {@code -T fields} output (one line per message, tab separated) of
     * the DIAMETER messages matching {@code displayFilter}, into {@code file}.
     */
    String fields(String file, String displayFilter, String... fields) throws Exception {
        List<String> args = new ArrayList<>(List.of("-Y", "diameter && (" + displayFilter + ")", "-T", "fields", "-E", "separator=/t"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        return Files.readString(tshark.run(file, Duration.ofSeconds(60), args.toArray(String[]::new)));
    }

    /** mn1's AAAM agent, connected over TLS to the AAAF. */
    AaamAgent agentThroughTheAaaf() throws Exception {
        VendorSettings vendor = VendorSettings.defaults();
        AgentEndpoint aaaf = AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(Role.AAAF), LabTlsAccess.context(tls, MOBILE_NODE_HOST))
                .originHost(MOBILE_NODE_HOST).originRealm("home.example").expectedServer(fixture.topology().node(Role.AAAF).host())
                .application(vendor.vendorId(), vendor.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(6)).build();
        return new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(NAI, MN1_AAAM_SPI, MN1_KEY), aaaf, new InMemoryReplayCounters(), vendor);
    }

    /**
     * Stops the capture and decodes it with our dictionary; the decoding holds nothing tshark does not
     * know, no malformed packet and no expert error, or this fails.
     */
    Decoded decode() throws Exception {
        Thread.sleep(500); // the last answers' segments reach the capture
        assertThat(dumpcap.stop(Duration.ofSeconds(10))).as("dumpcap exit code; output:%n%s", dumpcap.output()).isZero();
        Files.setPosixFilePermissions(pcap, PosixFilePermissions.fromString("rw-r--r--"));
        tshark = Tshark.withCustomDictionary(DictionaryCaptureTest.wiresharkDictionary(), pcap, capturedPorts, output);
        Path info = tshark.run("tshark-info.tsv", Duration.ofSeconds(60),
                "-Y", "diameter", "-T", "fields", "-E", "separator=/t", "-e", "frame.number", "-e", "_ws.col.Info");
        Path verbose = tshark.run("tshark-V.txt", Duration.ofSeconds(60), "-V", "-Y", "diameter");
        Path problems = tshark.run("tshark-problems.txt", Duration.ofSeconds(60),
                "-Y", "_ws.malformed || _ws.expert.severity == error");
        Decoded decoded = new Decoded(Files.readString(info), DictionaryCaptureTest.decodedCommands(Files.readString(info)),
                Files.readString(verbose, StandardCharsets.UTF_8), verbose);
        assertThat(decoded.verbose().lines().filter(l -> l.contains("Unknown AVP") || l.contains("Unknown(") || l.contains("Unknown (")
                || l.contains("Malformed")).toList()).as("lines of %s naming something tshark does not know", verbose).isEmpty();
        assertThat(Files.readString(problems)).as("malformed packets or expert errors, in %s", problems).isBlank();
        // RFC 6733 §3.2: every message each node decoded, requests and answers, against its command's CCF
        assertThat(fixture.commandFormats().checked()).isPositive();
        assertThat(fixture.commandFormats().violations()).as("CCF violations").isEmpty();
        return decoded;
    }

    /**
     * What tshark made of the capture: one line per DIAMETER message ({@code info}: frame number, tab,
     * the Info column), the command names seen per command code, and the full decoding.
     */
    record Decoded(String info, Map<Long, Set<String>> commands, String verbose, Path verboseFile) {

        /** Which of {@code expected} the full decoding does not contain. */
        List<String> missing(List<String> expected) {
            return expected.stream().filter(e -> !verbose.contains(e)).toList();
        }
    }

    @Override
    public void close() throws IOException {
        try (ExternalProcess d = dumpcap; TopologyFixture f = fixture; Tshark t = tshark) {
            // closes all three, even when one fails
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
