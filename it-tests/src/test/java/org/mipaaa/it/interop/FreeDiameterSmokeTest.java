package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.it.TopologyFixture;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.trace.TraceEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our AAAH against the real freeDiameter 1.2.1 daemon over TCP on 127.0.0.1: capabilities exchange,
 * device watchdog and the refusal of an application freeDiameter does not serve.
 *
 * <p>A plain JUnit 5 test, not an Arquillian one: it runs one AAAH from its own interop configuration
 * ({@code src/test/resources/interop/aaah/}, which lists freeDiameter as a peer) and an external
 * process; the CDI topology of the other tests would add nothing. The daemon and the node are started
 * once for the class and the three tests run in order on that one link (the watchdog test needs the
 * link idle, so it runs before the request of the third test).
 *
 * <p>freeDiameter is configured with {@code Port = 0}: it opens no listening socket and only connects
 * to the AAAH. It cannot be made to listen on 127.0.0.1 alone: 1.2.1 silently drops loopback addresses
 * from {@code ListenOn} ({@code fd_ep_add_merge} filters them) and then binds 0.0.0.0 and [::].
 * {@code SecPort = 0} with {@code No_TLS} on the peer needs no TLS credentials at all (freeDiameter
 * only insists on {@code TLS_Cred} when a TLS port or the old TLS method is configured).
 *
 * <p>freeDiameter advertises only the Relay application (Auth-Application-Id 0xffffffff) in its CER.
 * jDiameter 1.7.1 accepts it as common with every local application (RFC 6733 §5.3): it reads that
 * Auth-Application-Id as a signed Integer32, -1, which is its {@code INT_COMMON_APP_ID}. The link's
 * set of common applications is then {Relay}, not our three applications; routing does not use it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreeDiameterSmokeTest {

    private static final Logger log = LoggerFactory.getLogger(FreeDiameterSmokeTest.class);

    static final String FD_HOST = "fd.interop.example";
    static final String FD_REALM = "interop.example";
    static final String DAEMON = "/usr/bin/freeDiameterd";
    /** Logs every message freeDiameter sends and receives, one line each (loaded with 0x2242: full dumps). */
    static final Path MSG_DUMPS = Path.of("/usr/lib/freeDiameter/dbg_msg_dumps.fdx");
    static final Path OUTPUT = Path.of("target", "interop", "freediameter");

    private final List<TraceEvent> events = new CopyOnWriteArrayList<>();
    private Path work;
    private DiameterNode aaah;
    private ExternalProcess freeDiameter;

    @BeforeAll
    void startAaahThenFreeDiameter() throws Exception {
        if (!Files.isExecutable(Path.of(DAEMON)) || !Files.isRegularFile(MSG_DUMPS)) {
            fail(DAEMON + " or " + MSG_DUMPS + " is missing: install the Debian packages freediameter and "
                    + "freediameter-extensions (.mvn/install-test-tools.sh)");
        }
        work = Files.createTempDirectory("mip-aaa-fd-interop");
        int aaahPort = LoopbackSetup.freePort();
        aaah = DiameterNode.start(ConfigSource.of(Path.of("src/test/resources/interop/aaah"), Map.of(
                "aaah.port", Integer.toString(aaahPort), "ops.port", "0",
                // freeDiameter does not listen (see the class comment); jDiameter needs a port in the URI
                "fd.port", Integer.toString(LoopbackSetup.freePort()),
                "state.root", work.resolve("state").toString(),
                "infinispan.config", TopologyFixture.configRoot().resolve("infinispan.xml").toString(),
                "policy.config", TopologyFixture.configRoot().resolve("policy.properties").toString(),
                // RFC 3539 minimum Tw on our side too
                "watchdog.ms", "6000")), RoleApplications.NONE, events::add);

        Path config = work.resolve("freeDiameter.conf");
        Files.writeString(config, freeDiameterConfig(aaahPort), StandardCharsets.UTF_8);
        Files.createDirectories(OUTPUT);
        Files.copy(config, OUTPUT.resolve("freeDiameter.conf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        freeDiameter = ExternalProcess.start(List.of(DAEMON, "-c", config.toString()), Map.of(),
                OUTPUT.resolve("freeDiameterd.log"));
        if (!freeDiameter.awaitOutput("freeDiameterd daemon initialized", Duration.ofSeconds(15))) {
            fail("freeDiameterd did not start; its log (" + freeDiameter.log() + "):\n" + freeDiameter.output());
        }
    }

    /** The daemon's configuration: its identity, timers, and the AAAH as the one peer it connects to. */
    static String freeDiameterConfig(int aaahPort) {
        return """
                # freeDiameter 1.2.1 peer of FreeDiameterSmokeTest, written at test time.
                Identity = "%s";
                Realm = "%s";
                # No listening socket: freeDiameter drops loopback addresses from ListenOn and would then
                # bind 0.0.0.0 and [::]. It connects to the AAAH instead.
                Port = 0;
                SecPort = 0;
                No_SCTP;
                No_IPv6;
                # Tc: reconnect delay; Tw: the RFC 3539 minimum, so watchdogs show within the test
                TcTimer = 5;
                TwTimer = 6;
                # every message sent and received, fully decoded, in freeDiameterd's log: the test reads it
                LoadExtension = "%s" : "0x2242";
                ConnectPeer = "aaah.home.example" { ConnectTo = "127.0.0.1"; Port = %d; No_TLS; No_SCTP; };
                """.formatted(FD_HOST, FD_REALM, MSG_DUMPS, aaahPort);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (aaah != null) {
                aaah.close(); // DPR to freeDiameter
            }
        } finally {
            if (freeDiameter != null) {
                int exit = freeDiameter.stop(Duration.ofSeconds(10));
                log.info("freeDiameterd stopped (exit {}), its log: {}", exit, freeDiameter.log().toAbsolutePath());
            }
            if (work != null) {
                try (var walk = Files.walk(work)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // temporary directory
                }
            }
        }
    }

    @Test
    @Order(1)
    void capabilitiesExchangeSucceedsAndTheRelayApplicationIsAccepted() throws Exception {
        boolean up = aaah.awaitPeers(Set.of(FD_HOST), Duration.ofSeconds(15));

        assertThat(up).as("freeDiameter connected (CER/CEA) within 15 s; freeDiameterd log:%n%s", freeDiameter.output())
                .isTrue();
        assertThat(aaah.connectedPeers()).contains(FD_HOST);
        // the CER as the AAAH decoded it from the wire
        TraceEvent cer = awaitEvent(e -> e.command().equals("CER") && e.request() && e.from().equals(FD_HOST),
                Duration.ofSeconds(2)).orElseThrow(() -> new AssertionError("no CER from freeDiameter in the trace: " + events));
        assertThat(cer.to()).isEqualTo(aaah.host());
        assertThat(cer.error()).isFalse();
        // freeDiameter advertised the Relay application (0xffffffff) and nothing else; RFC 6733 §5.3 makes
        // it common with every application, so the link must have a non-empty set of common applications
        assertThat(logged("SND to", "Capabilities-Exchange-Request"))
                .contains("Auth-Application-Id(258)[-M]=4294967295 (0xffffffff)")
                .doesNotContain("Vendor-Specific-Application-Id");
        Set<ApplicationId> common = aaah.commonApplications(FD_HOST);
        log.info("common applications of the AAAH with freeDiameter: {}", common);
        assertThat(common).as("common applications with the relay").isNotEmpty();
        // freeDiameter decoded our CEA as a success and opened its side of the link
        assertThat(logged("RCV from", "Capabilities-Exchange-Answer"))
                .as("our CEA as freeDiameter decoded it; log:%n%s", freeDiameter.output())
                .contains("'DIAMETER_SUCCESS' (2001 ");
        assertThat(freeDiameter.awaitLine(l -> l.contains("-> 'STATE_OPEN'") && l.contains("'aaah.home.example'"),
                Duration.ofSeconds(5))).as("freeDiameter's peer state machine reached STATE_OPEN").isPresent();
    }

    @Test
    @Order(2)
    void deviceWatchdogRunsBetweenTheTwo() throws Exception {
        assertThat(aaah.connectedPeers()).contains(FD_HOST);
        // both sides use Tw = 6 s (freeDiameter adds up to ±2 s of jitter); whoever fires first resets the
        // other's timer, so either a DWR from freeDiameter or a DWA of freeDiameter answering ours shows
        Optional<TraceEvent> watchdog = awaitEvent(e -> e.command().startsWith("DW") && e.from().equals(FD_HOST),
                Duration.ofSeconds(15));

        assertThat(watchdog).as("a DWR or DWA from freeDiameter within 15 s; trace %s", events).isPresent();
        TraceEvent first = watchdog.get();
        if (first.command().equals("DWA")) {
            assertThat(first.request()).isFalse();
            assertThat(first.resultCode()).as("Result-Code of freeDiameter's DWA").isEqualTo(ResultCodes.SUCCESS);
            assertThat(first.error()).isFalse();
        } else {
            assertThat(first.request()).isTrue();
            // our DWA reached freeDiameter with DIAMETER_SUCCESS: its dump of the received answer says so
            assertThat(logged("RCV from", "Device-Watchdog-Answer"))
                    .as("our DWA as freeDiameter decoded it; log:%n%s", freeDiameter.output())
                    .contains("'DIAMETER_SUCCESS' (2001 ");
        }
        assertThat(aaah.connectedPeers()).as("the link survives the watchdog").contains(FD_HOST);
    }

    @Test
    @Order(3)
    void aRequestForAnApplicationFreeDiameterDoesNotServeIsAnswered3007WithTheEBit() throws Exception {
        Answer answer = FreeDiameterChecks.unservedApplicationIsAnswered3007(aaah, FD_HOST, FD_REALM);

        assertThat(answer.getAvps().getAvp(AvpCodes.ORIGIN_REALM).getDiameterIdentity()).isEqualTo(FD_REALM);
        // the answer also went through the AAAH's decoder: the trace has it, from freeDiameter
        assertThat(events).anyMatch(e -> e.command().equals("PIA") && !e.request() && e.error()
                && e.from().equals(FD_HOST) && Long.valueOf(ResultCodes.APPLICATION_UNSUPPORTED).equals(e.resultCode()));
    }

    private Optional<TraceEvent> awaitEvent(Predicate<TraceEvent> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<TraceEvent> found = events.stream().filter(match).findFirst();
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(100);
        }
    }

    /**
     * freeDiameter's dump (dbg_msg_dumps) of the first message of that name it sent to ({@code "SND to"})
     * or received from ({@code "RCV from"}) the AAAH.
     */
    private String logged(String direction, String commandName) throws InterruptedException {
        String prefix = direction + " 'aaah.home.example': " + commandName + "(";
        return freeDiameter.awaitLine(l -> l.contains(prefix), Duration.ofSeconds(5))
                .orElseThrow(() -> new AssertionError("freeDiameter logged no " + direction + " " + commandName + "; log:\n"
                        + freeDiameter.output()));
    }
}
