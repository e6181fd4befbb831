package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.jdiameter.api.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.it.TopologyFixture;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.trace.TraceEvent;
import org.mipaaa.transport.DiameterConnection;
import org.mipaaa.transport.DiameterNetworkGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our AAAH against the real freeDiameter 1.2.1 daemon over DIAMETER/TLS on 127.0.0.1, TLS first as
 * RFC 6733 §13 has it (the handshake on a dedicated port, then CER/CEA; no in-band security), in both
 * directions, with mutual authentication by certificates of a lab CA issued at test time with
 * {@link PkiIssuer} (into a temporary directory, deleted afterwards; nothing is committed):
 * <ol>
 *   <li>{@link FreeDiameterDialsTheAaah}: freeDiameter dials the AAAH's TLS port, presents the
 *       certificate of its Identity fd.interop.example and checks the AAAH's ({@code ConnectPeer} without
 *       {@code No_TLS} nor {@code TLS_old_method} is TLS first on the given port); CER/CEA, then DWR/DWA on
 *       that link;</li>
 *   <li>{@link TheAaahDialsFreeDiameter}: the AAAH dials freeDiameter's {@code SecPort} (its peer has
 *       {@code security_ref="tls"} and {@code attempt_connect="true"}); CER/CEA, then a request for an
 *       application freeDiameter does not serve gets 3007 over that link;</li>
 *   <li>{@link ACertificateOfAnotherCaIsRefused}, {@link ACertificateOfAnImpostorCaIsRefused}: freeDiameter
 *       with a certificate for the same Identity, but from another CA (of another name: GnuTLS then sends no
 *       certificate at all; of the lab CA's very name: it sends it and PKIX validation fails), is refused in
 *       the handshake: the AAAH never opens the peer and never sees its CER.</li>
 * </ol>
 * Each part runs its own AAAH (from {@code src/test/resources/interop-tls/aaah/}) and its own
 * freeDiameterd (from the templates in {@code src/test/resources/interop-tls/freediameter/}), one after
 * the other. What each side saw is read from the AAAH's flow trace, from our transport's log lines (the
 * names of the peer's verified certificate, the refusal of a handshake) and from freeDiameter's log, where
 * the dbg_msg_dumps extension prints every message it sends and receives. Configurations and logs are
 * kept in {@code target/interop/freediameter-tls/}.
 *
 * <p>What freeDiameter binds: when it dials (parts 1 and 3) nothing, {@code Port = 0; SecPort = 0;}.
 * When it is dialled (part 2) it must listen, and 1.2.1 cannot listen on loopback alone: it drops every
 * 127.0.0.0/8 and ::1 address from {@code ListenOn} ({@code fd_ep_add_merge}), so with no address left it
 * binds the wildcard. With {@code Port = 0} and {@code No_IPv6} that is one socket, 0.0.0.0:SecPort
 * (TCP, TLS only), for the few seconds of part 2; the test asserts there is no other (no plain port, no
 * IPv6, no UDP). No traffic goes anywhere but 127.0.0.1: the AAAH dials 127.0.0.1, freeDiameter has no
 * {@code ConnectPeer} there, and a stranger's connection would meet a TLS handshake that asks for a client
 * certificate of the lab CA, then the acl_wl whitelist (aaah.home.example only).
 *
 * <p>Key material: freeDiameter reads PkiIssuer's {@code ca.pem}, {@code <host>.crt.pem} and
 * {@code <host>.key.pem} (complete PKCS#8, mode 600) as they are; freeDiameterd runs as the same user as
 * the test, so it can read them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class FreeDiameterTlsTest {

    private static final Logger log = LoggerFactory.getLogger(FreeDiameterTlsTest.class);

    static final String AAAH_HOST = "aaah.home.example";
    static final String FD_HOST = "fd.interop.example";
    static final String FD_REALM = "interop.example";
    static final String LAB_CA = "mip-aaa interop lab CA";
    static final String DAEMON = "/usr/bin/freeDiameterd";
    static final Path EXTENSIONS = Path.of("/usr/lib/freeDiameter");
    static final Path MSG_DUMPS = EXTENSIONS.resolve("dbg_msg_dumps.fdx");
    static final Path ACL_WL = EXTENSIONS.resolve("acl_wl.fdx");
    static final Path RESOURCES = Path.of("src/test/resources/interop-tls");
    static final Path OUTPUT = Path.of("target", "interop", "freediameter-tls");
    /** TLS versions the AAAH allows (tls.protocols). */
    static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    private final TransportLog transportLog = new TransportLog();
    private final List<ExternalProcess> started = new CopyOnWriteArrayList<>();
    private final Thread killer = new Thread(() -> started.forEach(ExternalProcess::close), "kill-freediameterd");
    private Path work;
    /** The lab CA the AAAH trusts, with the keys of aaah.home.example and fd.interop.example. */
    private Path labPki;
    /** Another CA, with a key of fd.interop.example it signed. */
    private Path otherPki;
    /** A CA of the lab CA's name but not the lab CA, with a key of fd.interop.example it signed. */
    private Path impostorPki;

    @BeforeAll
    void issueCertificates() throws Exception {
        for (Path required : List.of(Path.of(DAEMON), MSG_DUMPS, ACL_WL)) {
            if (!Files.exists(required)) {
                fail(required + " is missing: install the Debian packages freediameter and freediameter-extensions "
                        + "(.mvn/install-test-tools.sh)");
            }
        }
        work = Files.createTempDirectory("mip-aaa-fd-tls");
        labPki = work.resolve("lab-pki");
        otherPki = work.resolve("other-pki");
        impostorPki = work.resolve("impostor-pki");
        PkiIssuer.newCa(labPki, LAB_CA).issue(List.of(AAAH_HOST, FD_HOST));
        PkiIssuer.newCa(otherPki, "some other CA").issue(FD_HOST);
        PkiIssuer.newCa(impostorPki, LAB_CA).issue(FD_HOST);
        Files.createDirectories(OUTPUT);
        transportLog.attach();
        // freeDiameterd must not outlive the test JVM, whatever happens
        Runtime.getRuntime().addShutdownHook(killer);
    }

    @AfterAll
    void cleanUp() {
        transportLog.detach();
        started.forEach(ExternalProcess::close);
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        if (work != null) {
            try (var walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temporary directory
            }
        }
    }

    /** Part 1: freeDiameter connects to the AAAH's TLS port. */
    @Nested
    @Order(1)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class FreeDiameterDialsTheAaah {

        private final Link link = new Link("fd-dials-aaah");

        @BeforeAll
        void start() throws Exception {
            link.startAaah(false, freePort());
            link.startFreeDiameter("dials-aaah.conf", Map.of(
                    "tls.cert", labPki.resolve(FD_HOST + ".crt.pem").toString(),
                    "tls.key", keyPem(labPki, FD_HOST).toString(),
                    "tls.ca.directives", trustDirectives(labPki.resolve("ca.pem")),
                    "aaah.tls.port", Integer.toString(link.aaahTlsPort)));
        }

        @AfterAll
        void stop() throws Exception {
            link.close();
        }

        @Test
        @Order(1)
        void theMutualTlsHandshakeComesFirstThenCapabilitiesExchangeSucceeds() throws Exception {
            boolean up = link.aaah.awaitPeers(Set.of(FD_HOST), Duration.ofSeconds(20));

            assertThat(up).as("freeDiameter connected over TLS (CER/CEA) within 20 s; freeDiameterd log:%n%s",
                    link.freeDiameter.output()).isTrue();
            assertThat(link.aaah.connectedPeers()).contains(FD_HOST);
            // Our TLS acceptor finished a handshake with freeDiameter before reading any DIAMETER byte: it
            // requires a client certificate chaining to the lab CA, so freeDiameter presented one, and it
            // names fd.interop.example. The connection came from freeDiameter's ephemeral port to our TLS port.
            TransportLog.Handshake handshake = transportLog.awaitHandshake(DiameterNetworkGuard.class, Duration.ofSeconds(2))
                    .orElseThrow(() -> new AssertionError("the AAAH's TLS acceptor logged no handshake: " + transportLog.lines()));
            assertThat(handshake.certificateNames()).as("names of freeDiameter's verified certificate").containsExactly(FD_HOST);
            assertThat(handshake.protocol()).isIn(ALLOWED_PROTOCOLS);
            assertThat(handshake.peer()).startsWith("/127.0.0.1:");
            // the CER as the AAAH decoded it, from inside that TLS connection
            TraceEvent cer = link.awaitEvent(e -> e.command().equals("CER") && e.request() && e.from().equals(FD_HOST),
                    Duration.ofSeconds(2)).orElseThrow(() -> new AssertionError("no CER from freeDiameter in the trace: " + link.events));
            assertThat(cer.to()).isEqualTo(AAAH_HOST);
            assertThat(cer.error()).isFalse();
            // freeDiameter's side: its CER and our CEA carry no Inband-Security-Id (TLS first; over plain TCP
            // it sends NO_INBAND_SECURITY, and a CEA offering TLS would start the old in-band method), our
            // CEA is a success, the link it opened is TLS-protected, and its state machine is open (which also
            // means it checked that our certificate names aaah.home.example: ConnectPeer's Identity is the
            // host name it expects in the TLS handshake)
            assertThat(link.logged("SND to", "Capabilities-Exchange-Request"))
                    .contains("Origin-Host(264)[-M]=\"" + FD_HOST + "\"")
                    .doesNotContain("Inband-Security-Id");
            assertThat(link.logged("RCV from", "Capabilities-Exchange-Answer"))
                    .as("our CEA as freeDiameter decoded it").contains("'DIAMETER_SUCCESS' (2001 ")
                    .doesNotContain("Inband-Security-Id");
            assertThat(link.freeDiameter.awaitLine(l -> l.contains("CONNECTED TO '" + AAAH_HOST + "'"), Duration.ofSeconds(5)))
                    .as("freeDiameter's connection line").hasValueSatisfying(l -> assertThat(l).contains("(TCP,TLS,"));
            assertThat(link.freeDiameter.awaitLine(l -> l.contains("-> 'STATE_OPEN'") && l.contains("'" + AAAH_HOST + "'"),
                    Duration.ofSeconds(5))).as("freeDiameter's peer state machine reached STATE_OPEN").isPresent();
            assertThat(link.freeDiameter.output()).doesNotContain("No TLS protection negotiated");
        }

        @Test
        @Order(2)
        void deviceWatchdogRunsOverTheTlsLink() throws Exception {
            assertThat(link.aaah.connectedPeers()).contains(FD_HOST);
            // both sides use Tw = 6 s (freeDiameter adds up to ±2 s of jitter); whoever fires first resets
            // the other's timer, so either a DWR from freeDiameter or its DWA to ours shows
            Optional<TraceEvent> watchdog = link.awaitEvent(e -> e.command().startsWith("DW") && e.from().equals(FD_HOST),
                    Duration.ofSeconds(15));

            assertThat(watchdog).as("a DWR or DWA from freeDiameter within 15 s; trace %s", link.events).isPresent();
            TraceEvent first = watchdog.get();
            if (first.command().equals("DWA")) {
                assertThat(first.request()).isFalse();
                assertThat(first.resultCode()).as("Result-Code of freeDiameter's DWA").isEqualTo(ResultCodes.SUCCESS);
                assertThat(link.logged("RCV from", "Device-Watchdog-Request")).contains("Origin-Host(264)[-M]=\"" + AAAH_HOST + "\"");
            } else {
                assertThat(first.request()).isTrue();
                assertThat(link.logged("RCV from", "Device-Watchdog-Answer"))
                        .as("our DWA as freeDiameter decoded it").contains("'DIAMETER_SUCCESS' (2001 ");
            }
            assertThat(first.error()).isFalse();
            assertThat(link.aaah.connectedPeers()).as("the link survives the watchdog").contains(FD_HOST);
            // still the one TLS connection of the first test: no second handshake, no reconnection
            assertThat(transportLog.handshakes(DiameterNetworkGuard.class)).hasSize(1);
        }
    }

    /** Part 2: the AAAH connects to freeDiameter's TLS port. */
    @Nested
    @Order(2)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class TheAaahDialsFreeDiameter {

        private final Link link = new Link("aaah-dials-fd");
        private int secPort;

        @BeforeAll
        void start() throws Exception {
            secPort = freePort();
            Path acl = link.output.resolve("acl_wl.conf");
            Files.createDirectories(link.output);
            Files.copy(RESOURCES.resolve("freediameter/acl_wl.conf"), acl, StandardCopyOption.REPLACE_EXISTING);
            link.startFreeDiameter("listens.conf", Map.of(
                    "fd.sec.port", Integer.toString(secPort),
                    "tls.cert", labPki.resolve(FD_HOST + ".crt.pem").toString(),
                    "tls.key", keyPem(labPki, FD_HOST).toString(),
                    "tls.ca", labPki.resolve("ca.pem").toString(),
                    "acl_wl", ACL_WL.toString(),
                    "acl_wl.conf", acl.toAbsolutePath().toString()));
            link.startAaah(true, secPort);
        }

        @AfterAll
        void stop() throws Exception {
            link.close();
        }

        @Test
        @Order(1)
        void freeDiameterListensOnItsTlsPortOnlyAndOnIpv4Only() throws Exception {
            List<String> sockets = listeningSockets(link.freeDiameter);
            Files.write(link.output.resolve("listening-sockets.txt"), sockets, StandardCharsets.UTF_8);
            log.info("freeDiameterd (pid {}) listens on {}", link.freeDiameter.pid(), sockets);

            assertThat(sockets).as("freeDiameterd's listening sockets (IPv4 and IPv6: TCP, UDP, raw)").isNotEmpty()
                    .allSatisfy(s -> assertThat(s).isIn("0.0.0.0:" + secPort, "127.0.0.1:" + secPort));
            assertThat(link.freeDiameter.output()).as("freeDiameter's own account of its endpoints")
                    .contains("Local secure port ...... : " + secPort)
                    .contains("Local port ............. : 0");
        }

        @Test
        @Order(2)
        void theAaahDialsTlsFirstAndCapabilitiesExchangeSucceeds() throws Exception {
            boolean up = link.aaah.awaitPeers(Set.of(FD_HOST), Duration.ofSeconds(20));

            assertThat(up).as("the AAAH connected to freeDiameter over TLS (CER/CEA) within 20 s; freeDiameterd log:%n%s",
                    link.freeDiameter.output()).isTrue();
            // the AAAH dialled freeDiameter's SecPort and finished the handshake before its CER: freeDiameter's
            // certificate chains to the lab CA and names fd.interop.example (freeDiameter asks for ours too)
            TransportLog.Handshake handshake = transportLog.awaitHandshake(DiameterConnection.class, Duration.ofSeconds(2))
                    .orElseThrow(() -> new AssertionError("the AAAH logged no TLS handshake of its own: " + transportLog.lines()));
            assertThat(handshake.peer()).isEqualTo("/127.0.0.1:" + secPort);
            assertThat(handshake.certificateNames()).containsExactly(FD_HOST);
            assertThat(handshake.protocol()).isIn(ALLOWED_PROTOCOLS);
            // nobody dialled the AAAH: this link is the one it opened
            assertThat(transportLog.handshakes(DiameterNetworkGuard.class)).isEmpty();
            // freeDiameter's CEA as the AAAH decoded it
            TraceEvent cea = link.awaitEvent(e -> e.command().equals("CEA") && !e.request() && e.from().equals(FD_HOST),
                    Duration.ofSeconds(2)).orElseThrow(() -> new AssertionError("no CEA from freeDiameter in the trace: " + link.events));
            assertThat(cea.resultCode()).isEqualTo(ResultCodes.SUCCESS);
            assertThat(cea.error()).isFalse();
            // freeDiameter's side: it received our CER (from a peer it cannot name before the CER) inside TLS,
            // without Inband-Security-Id, answered 2001, and its link is open and TLS
            assertThat(link.freeDiameter.awaitLine(l -> l.contains("RCV from '<unknown peer>': Capabilities-Exchange-Request"),
                    Duration.ofSeconds(5))).as("our CER as freeDiameter decoded it").hasValueSatisfying(l -> assertThat(l)
                    .contains("Origin-Host(264)[-M]=\"" + AAAH_HOST + "\"").doesNotContain("Inband-Security-Id"));
            assertThat(link.logged("SND to", "Capabilities-Exchange-Answer")).contains("'DIAMETER_SUCCESS' (2001 ");
            assertThat(link.freeDiameter.awaitLine(l -> l.contains("CONNECTED TO '" + AAAH_HOST + "'"), Duration.ofSeconds(5)))
                    .as("freeDiameter's connection line").hasValueSatisfying(l -> assertThat(l).contains("(TCP,TLS,"));
            assertThat(link.freeDiameter.awaitLine(l -> l.contains("-> 'STATE_OPEN'") && l.contains("'" + AAAH_HOST + "'"),
                    Duration.ofSeconds(5))).as("freeDiameter's peer state machine reached STATE_OPEN").isPresent();
            assertThat(link.freeDiameter.output()).doesNotContain("No TLS protection negotiated");
        }

        @Test
        @Order(3)
        void aRequestForAnApplicationFreeDiameterDoesNotServeIsAnswered3007OverTls() throws Exception {
            Answer answer = FreeDiameterChecks.unservedApplicationIsAnswered3007(link.aaah, FD_HOST, FD_REALM);
            // freeDiameter received the request and sent the 3007 itself, over the link of the previous test
            assertThat(link.freeDiameter.awaitLine(l -> l.contains("SND to '" + AAAH_HOST + "'")
                    && l.contains("'DIAMETER_APPLICATION_UNSUPPORTED' (3007 "), Duration.ofSeconds(5)))
                    .as("freeDiameter's dump of its 3007 answer").isPresent();
            assertThat(link.events).anyMatch(e -> e.command().equals("PIA") && !e.request() && e.error()
                    && e.from().equals(FD_HOST) && Long.valueOf(ResultCodes.APPLICATION_UNSUPPORTED).equals(e.resultCode()));
            assertThat(transportLog.handshakes(DiameterConnection.class)).as("still the one TLS connection").hasSize(1);
        }
    }

    /**
     * Part 3: freeDiameter with a certificate for fd.interop.example from a CA the AAAH does not trust, in
     * the two ways that can go. In TLS 1.3 the client's handshake ends with its Finished, before the server
     * has judged the client's certificate: freeDiameter thinks it is connected and sends its CER into the
     * session, then receives the AAAH's alert. The AAAH never reads those bytes.
     */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract class UntrustedFreeDiameter {

        final Link link;

        UntrustedFreeDiameter(String name) {
            link = new Link(name);
        }

        /** The PKI of freeDiameter's certificate. */
        abstract Path pki();

        /** Why the AAAH's acceptor refuses the handshake (JSSE's message). */
        abstract String expectedReason();

        @BeforeAll
        void start() throws Exception {
            link.startAaah(false, freePort());
            // freeDiameter refuses to start with a certificate its own TLS_CA does not vouch for, and it
            // must accept the AAAH's certificate (a TLS 1.3 client judges the server's certificate before it
            // sends its own): it trusts both CAs, so only the AAAH's judgement can stop the link
            link.startFreeDiameter("dials-aaah.conf", Map.of(
                    "tls.cert", pki().resolve(FD_HOST + ".crt.pem").toString(),
                    "tls.key", keyPem(pki(), FD_HOST).toString(),
                    "tls.ca.directives", trustDirectives(pki().resolve("ca.pem"), labPki.resolve("ca.pem")),
                    "aaah.tls.port", Integer.toString(link.aaahTlsPort)));
        }

        @AfterAll
        void stop() throws Exception {
            link.close();
        }

        @Test
        void theAaahRefusesTheHandshakeAndNeverSeesACer() throws Exception {
            // freeDiameter dials at once, then again every Tc = 5 s: two refused attempts, and the AAAH's peer
            // is never open in between
            // (with TLS 1.2 it retries later: its handshake fails rather than its first read)
            long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
            while (transportLog.refusals().size() < 2 && System.nanoTime() < deadline) {
                assertThat(link.aaah.connectedPeers()).as("the AAAH's peers").doesNotContain(FD_HOST);
                Thread.sleep(100);
            }

            List<String> refusals = transportLog.refusals();
            assertThat(refusals).as("the AAAH's acceptor refused freeDiameter's handshakes; freeDiameterd log:%n%s",
                    link.freeDiameter.output()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(refusals).allSatisfy(r -> assertThat(r)
                    .startsWith("refusing TLS connection from /127.0.0.1:").contains(expectedReason()));
            assertThat(link.aaah.connectedPeers()).doesNotContain(FD_HOST);
            assertThat(transportLog.handshakes(DiameterNetworkGuard.class)).as("handshakes the AAAH completed").isEmpty();
            assertThat(link.events).as("nothing of freeDiameter reached the AAAH's DIAMETER layer (no CER)")
                    .noneMatch(e -> e.from().equals(FD_HOST));
            // freeDiameter's side: the AAAH's alert ended each attempt, it never received a CEA, never opened
            String output = link.freeDiameter.output();
            assertThat(output)
                    .contains("A TLS fatal alert has been received")
                    .contains("CONNECT FAILED to " + AAAH_HOST)
                    .doesNotContain("RCV from '" + AAAH_HOST + "'")
                    .doesNotContain("'STATE_OPEN'");
        }
    }

    /**
     * 3a: a CA of another name. The AAAH's CertificateRequest names the CAs it accepts; GnuTLS has no
     * certificate from one of them and sends none, which the AAAH (client authentication required) refuses.
     */
    @Nested
    @Order(3)
    class ACertificateOfAnotherCaIsRefused extends UntrustedFreeDiameter {

        ACertificateOfAnotherCaIsRefused() {
            super("fd-of-another-ca");
        }

        @Override
        Path pki() {
            return otherPki;
        }

        @Override
        String expectedReason() {
            return "Empty client certificate chain";
        }
    }

    /**
     * 3b: an impostor CA, with the lab CA's very name but its own key. GnuTLS takes its certificate for
     * one the AAAH accepts and sends it; the AAAH's PKIX validation finds that the lab CA did not sign it.
     */
    @Nested
    @Order(4)
    class ACertificateOfAnImpostorCaIsRefused extends UntrustedFreeDiameter {

        ACertificateOfAnImpostorCaIsRefused() {
            super("fd-of-an-impostor-ca");
        }

        @Override
        Path pki() {
            return impostorPki;
        }

        @Override
        String expectedReason() {
            return "PKIX path validation failed";
        }
    }

    /** One AAAH and one freeDiameterd, their trace and logs, for one part of the test. */
    private final class Link implements AutoCloseable {

        final String name;
        final Path output;
        final List<TraceEvent> events = new CopyOnWriteArrayList<>();
        DiameterNode aaah;
        ExternalProcess freeDiameter;
        int aaahTlsPort;

        Link(String name) {
            this.name = name;
            this.output = OUTPUT.resolve(name);
            transportLog.clear();
        }

        /** Starts the AAAH: TLS on a free port; it dials freeDiameter on {@code fdPort} when {@code dial}. */
        void startAaah(boolean dial, int fdPort) throws Exception {
            aaahTlsPort = freePort();
            Map<String, String> overrides = new HashMap<>();
            overrides.put("aaah.port", Integer.toString(freePort()));
            overrides.put("aaah.tls.port", Integer.toString(aaahTlsPort));
            overrides.put("ops.port", "0");
            overrides.put("fd.port", Integer.toString(fdPort));
            overrides.put("fd.connect", Boolean.toString(dial));
            overrides.put("tls.dir", labPki.toAbsolutePath().toString());
            overrides.put("state.root", work.resolve("state-" + name).toString());
            overrides.put("infinispan.config", TopologyFixture.configRoot().resolve("infinispan.xml").toString());
            overrides.put("policy.config", TopologyFixture.configRoot().resolve("policy.properties").toString());
            // RFC 3539 minimum Tw, and a quick reconnect
            overrides.put("watchdog.ms", "6000");
            overrides.put("reconnect.ms", "2000");
            aaah = DiameterNode.start(ConfigSource.of(RESOURCES.resolve("aaah"), overrides), RoleApplications.NONE, events::add);
        }

        /** Writes {@code template} with {@code values} to this part's output directory and starts freeDiameterd on it. */
        void startFreeDiameter(String template, Map<String, String> values) throws Exception {
            Map<String, String> all = new HashMap<>(values);
            all.put("msg.dumps", MSG_DUMPS.toString());
            String config = fill(Files.readString(RESOURCES.resolve("freediameter").resolve(template)), all);
            Files.createDirectories(output);
            Path file = output.resolve("freeDiameter.conf").toAbsolutePath();
            Files.writeString(file, config, StandardCharsets.UTF_8);
            freeDiameter = ExternalProcess.start(List.of(DAEMON, "-c", file.toString()), Map.of(),
                    output.resolve("freeDiameterd.log"));
            started.add(freeDiameter);
            if (!freeDiameter.awaitOutput("freeDiameterd daemon initialized", Duration.ofSeconds(15))) {
                fail("freeDiameterd did not start; its log (" + freeDiameter.log() + "):\n" + freeDiameter.output());
            }
        }

        Optional<TraceEvent> awaitEvent(Predicate<TraceEvent> match, Duration timeout) throws InterruptedException {
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
        String logged(String direction, String commandName) throws InterruptedException {
            String prefix = direction + " '" + AAAH_HOST + "': " + commandName;
            return freeDiameter.awaitLine(l -> l.contains(prefix), Duration.ofSeconds(5))
                    .orElseThrow(() -> new AssertionError("freeDiameter logged no " + prefix + "; log:\n" + freeDiameter.output()));
        }

        /** DPR from the AAAH, then freeDiameterd is stopped (SIGTERM, SIGKILL after 10 s); its log stays. */
        @Override
        public void close() throws Exception {
            try {
                if (aaah != null) {
                    aaah.close();
                }
            } finally {
                if (freeDiameter != null) {
                    int exit = freeDiameter.stop(Duration.ofSeconds(10));
                    started.remove(freeDiameter);
                    log.info("freeDiameterd of {} stopped (exit {}), its log: {}", name, exit, freeDiameter.log().toAbsolutePath());
                }
            }
        }
    }

    /** freeDiameter's {@code TLS_CA} directives for these CA files, one each. */
    static String trustDirectives(Path... caFiles) {
        StringBuilder out = new StringBuilder();
        for (Path ca : caFiles) {
            out.append("TLS_CA = \"").append(ca.toAbsolutePath()).append("\";\n");
        }
        return out.toString().strip();
    }

    /** The template's {@code ${name}} replaced by {@code values}; a name without a value is an error. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** The PEM private key PkiIssuer wrote for {@code host}: complete PKCS#8, which GnuTLS reads. */
    static Path keyPem(Path pkiDir, String host) {
        return pkiDir.resolve(host + ".key.pem").toAbsolutePath();
    }

    /**
     * The local addresses of the IPv4 and IPv6 sockets (TCP, UDP, raw) {@code process} listens on, from
     * {@code ss}: "address:port" for TCP, prefixed with the protocol for the others.
     */
    static List<String> listeningSockets(ExternalProcess process) throws Exception {
        Path out = Files.createTempFile("ss", ".txt");
        Path err = Files.createTempFile("ss", ".err");
        try {
            int exit = ExternalProcess.run(List.of("ss", "-H", "-l", "-n", "-p", "-A", "inet"),
                    Map.of(), out, err, Duration.ofSeconds(10));
            assertThat(exit).as("ss: %s", Files.readString(err)).isZero();
            List<String> sockets = new ArrayList<>();
            for (String line : Files.readAllLines(out)) {
                if (line.contains("pid=" + process.pid() + ",")) {
                    String[] columns = line.trim().split("\\s+");
                    // Netid State Recv-Q Send-Q Local Peer Process (ss -H -A prints the Netid column)
                    sockets.add((columns[0].equals("tcp") ? "" : columns[0] + ":") + columns[4]);
                }
            }
            return sockets;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * A free port, bindable on the wildcard address (freeDiameter's SecPort is bound there) and below
     * Linux's ephemeral range (where outgoing connections draw their local ports from).
     */
    static int freePort() {
        for (int i = 0; i < 1000; i++) {
            int port = org.mipaaa.lab.LoopbackSetup.freePort(); // free on loopback, never handed out twice
            try (ServerSocket wildcard = new ServerSocket()) {
                wildcard.setReuseAddress(true);
                wildcard.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    /**
     * What our transport logs about TLS, captured from logback: the completed handshakes (DEBUG, with the
     * peer's verified certificate names) and the refused ones (WARN).
     */
    static final class TransportLog extends AppenderBase<ILoggingEvent> {

        /** "TLS TLSv1.3 from /127.0.0.1:40000 (TLS_AES_128_GCM_SHA256), certificate names [a, b]" ("with" when dialling). */
        private static final Pattern HANDSHAKE = Pattern.compile("TLS (\\S+) (?:from|with) (\\S+) \\((\\S+)\\), certificate names \\[(.*)]");
        private static final List<String> LOGGERS = List.of(DiameterNetworkGuard.class.getName(), DiameterConnection.class.getName());

        private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
        private final Map<String, Level> previous = new HashMap<>();

        record Handshake(String logger, String protocol, String peer, String cipherSuite, List<String> certificateNames) {
        }

        void attach() {
            setName("freediameter-tls-test");
            setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
            start();
            for (String name : LOGGERS) {
                ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
                previous.put(name, logger.getLevel());
                logger.setLevel(Level.DEBUG);
                logger.addAppender(this);
            }
        }

        void detach() {
            for (String name : LOGGERS) {
                ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
                logger.detachAppender(this);
                logger.setLevel(previous.get(name));
            }
            stop();
        }

        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }

        void clear() {
            events.clear();
        }

        List<String> lines() {
            return events.stream().map(e -> e.getLoggerName() + " " + e.getLevel() + " " + e.getFormattedMessage()).toList();
        }

        List<Handshake> handshakes(Class<?> source) {
            List<Handshake> found = new ArrayList<>();
            for (ILoggingEvent e : events) {
                Matcher m = HANDSHAKE.matcher(e.getFormattedMessage());
                if (e.getLoggerName().equals(source.getName()) && m.matches()) {
                    found.add(new Handshake(e.getLoggerName(), m.group(1), m.group(2), m.group(3),
                            m.group(4).isEmpty() ? List.of() : List.of(m.group(4).split(",\\s*"))));
                }
            }
            return found;
        }

        Optional<Handshake> awaitHandshake(Class<?> source, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                List<Handshake> found = handshakes(source);
                if (!found.isEmpty() || System.nanoTime() > deadline) {
                    return found.stream().findFirst();
                }
                Thread.sleep(50);
            }
        }

        /** The acceptor's WARN lines about refused TLS connections. */
        List<String> refusals() {
            return events.stream()
                    .filter(e -> e.getLoggerName().equals(DiameterNetworkGuard.class.getName()) && e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("refusing TLS connection"))
                    .toList();
        }
    }
}
