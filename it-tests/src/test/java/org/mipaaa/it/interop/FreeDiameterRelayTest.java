package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jdiameter.api.Avp;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.Settlement;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.it.Eventually;
import org.mipaaa.it.LabTlsAccess;
import org.mipaaa.it.MobileIpUdp;
import org.mipaaa.it.TopologyFixture;
import org.mipaaa.lab.Topology;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.registration.InfinispanBindingTable;
import org.mipaaa.role.Role;
import org.mipaaa.trace.TraceEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed Fig. 1 with the real freeDiameter 1.2.1 daemon as the DIAMETER relay between the visited and the
 * home network (RFC 6733 §2.8.1; config/variants/behind-a-relay): our FA, AAAF, AAAH and HA, the AAAF and
 * the AAAH no peers of each other, each with freeDiameter as its route to the other's realm. Plain TCP on
 * 127.0.0.1 here, TLS in {@link FreeDiameterTlsRelayTest}; freeDiameter dials both and listens on nothing
 * ({@code Port = 0; SecPort = 0}, see {@link FreeDiameterSmokeTest} for why it cannot listen on loopback
 * alone).
 *
 * <p>What passes through the relay, in order on one topology: a mobile node's first registration (AMR
 * and AMA, S103-S106), its accounting (the AAAF's ACRs, S32), its accounting services from its agent
 * through the AAAF (accounting information, settlement with the user's confirmation: the AAAH's UCR back
 * through the relay, addressed to the realm the node visits; cancellation; its own charges), and the
 * end of its visit (the foreign agent's STR, which names the AAAH as Destination-Host: no peer of the
 * AAAF, forwarded by realm, RFC 6733 §6.1.6). The AAAH judges what the relay forwards as coming from the
 * peer its last Route-Record names (config/policy.properties), and sees the Route-Records RFC 6733
 * §6.1.9 prescribes: the FA's identity (added by the AAAF) and the AAAF's (added by freeDiameter).
 *
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreeDiameterRelayTest {

    /** TLS links between the relay and our nodes (RFC 6733 §13: TLS first), else plain TCP. */
    boolean overTls() {
        return false;
    }

    private static final Logger log = LoggerFactory.getLogger(FreeDiameterRelayTest.class);

    private static final String FD_HOST = "fd.interop.example";
    private static final String FD_REALM = "interop.example";
    private static final String FA_HOST = "fa.visited.example";
    private static final String AAAF_HOST = "aaaf.visited.example";
    private static final String AAAH_HOST = "aaah.home.example";
    private static final String MN1 = "mn1@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final String MOBILE_NODE_HOST = "mn1.home.example";
    /** mn1's AAAM-SPI in config/aaah/subscribers.properties. */
    private static final long MN1_AAAM_SPI = 4097;
    private final Path output = Path.of("target", "interop", overTls() ? "freediameter-tls-relay" : "freediameter-relay");

    /** The AMRs as the AAAH's handler got them. */
    private final List<Request> amrsAtHome = new CopyOnWriteArrayList<>();
    private TopologyFixture fixture;
    private ExternalProcess freeDiameter;
    private MobileNode mn1;
    private MobileNode.Outcome registered;
    private String visit;
    private Path tls;

    @BeforeAll
    void startTheNodesThenTheRelay(@TempDir Path dir) throws Exception {
        for (Path required : List.of(Path.of(FreeDiameterSmokeTest.DAEMON), FreeDiameterSmokeTest.MSG_DUMPS)) {
            if (!Files.exists(required)) {
                fail(required + " is missing: install the Debian packages freediameter and freediameter-extensions "
                        + "(.mvn/install-test-tools.sh)");
            }
        }
        RoleApplications recordingHome = TopologyFixture.standardExcept(Role.AAAH, ctx -> {
            HandlerRegistry own = new HandlerRegistry();
            Object role = RoleApplications.STANDARD.install(ctx.withHandlers(own));
            ctx.handlers().registerAll(own.decorated(ApplicationIds.MOBILE_IPV4, CommandCodes.AA_MOBILE_NODE, amr -> request -> {
                amrsAtHome.add(request);
                return amr.handle(request);
            }));
            return role;
        });
        Files.createDirectories(output);
        tls = dir.resolve("tls"); // the lab PKI, deleted afterwards (nothing is committed)
        EnumSet<Role> roles = EnumSet.of(Role.FA, Role.AAAF, Role.AAAH, Role.HA, Role.AAAY, Role.TERMINAL);
        // one lab CA for the nodes, the relay and the mobile node's agent (which reaches the AAAF over TLS)
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of()));
        hosts.add(FD_HOST);
        PkiIssuer.issueAll(tls, "relay lab CA", hosts, List.of(MOBILE_NODE_HOST));
        Map<String, String> overrides = new java.util.HashMap<>(Map.of("tls.dir", tls.toString()));
        if (!overTls()) {
            overrides.put("link.security", "none");
        }
        fixture = new TopologyFixture().variant("behind-a-relay").checkingCommandFormats().start(roles, recordingHome, overrides);

        Path config = output.resolve("freeDiameter.conf");
        Files.writeString(config, overTls()
                ? relayConfig(fixture.tlsPort(Role.AAAF), fixture.tlsPort(Role.AAAH), tlsDirectives())
                : relayConfig(fixture.port(Role.AAAF), fixture.port(Role.AAAH), ""), StandardCharsets.UTF_8);
        freeDiameter = ExternalProcess.start(List.of(FreeDiameterSmokeTest.DAEMON, "-c", config.toAbsolutePath().toString()), Map.of(),
                output.resolve("freeDiameterd.log"));
        Topology t = fixture.topology();
        if (!t.node(Role.AAAF).awaitPeers(Set.of(FD_HOST), Duration.ofSeconds(30))
                || !t.node(Role.AAAH).awaitPeers(Set.of(FD_HOST), Duration.ofSeconds(30))) {
            fail("freeDiameter did not open its links to the AAAF and the AAAH; its log (" + freeDiameter.log() + "):\n"
                    + freeDiameter.output());
        }
        mn1 = new MobileNode(MN1, MnAaaSecurityAssociation.of(256, MN1_KEY), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
    }

    /**
     * The relay's credentials: its certificate and key of the lab CA, the lab CA alone trusted, TLS 1.3
     * and 1.2 only; with no {@code No_TLS} on a ConnectPeer freeDiameter handshakes first (RFC 6733 §13).
     */
    private String tlsDirectives() {
        return """
                TLS_Cred = "%s", "%s";
                %s
                TLS_Prio = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2";
                """.formatted(tls.resolve(FD_HOST + ".crt.pem").toAbsolutePath(), FreeDiameterTlsTest.keyPem(tls, FD_HOST),
                FreeDiameterTlsTest.trustDirectives(tls.resolve("ca.pem")));
    }

    /** freeDiameter as a relay: no local application, the AAAF and the AAAH as the peers it dials. */
    private String relayConfig(int aaafPort, int aaahPort, String tlsDirectives) {
        String link = tlsDirectives.isEmpty() ? "No_TLS; No_SCTP;" : "No_SCTP;";
        return """
                # freeDiameter 1.2.1 as the DIAMETER relay of FreeDiameterRelayTest, written at test time.
                Identity = "%s";
                Realm = "%s";
                # No listening socket (1.2.1 would bind 0.0.0.0): it dials the AAAF and the AAAH.
                Port = 0;
                SecPort = 0;
                No_SCTP;
                No_IPv6;
                TcTimer = 5;
                TwTimer = 6;
                %s
                # every message sent and received, fully decoded, in freeDiameterd's log
                LoadExtension = "%s" : "0x2242";
                ConnectPeer = "%s" { ConnectTo = "127.0.0.1"; Port = %d; %s };
                ConnectPeer = "%s" { ConnectTo = "127.0.0.1"; Port = %d; %s };
                """.formatted(FD_HOST, FD_REALM, tlsDirectives, FreeDiameterSmokeTest.MSG_DUMPS, AAAF_HOST, aaafPort, link,
                AAAH_HOST, aaahPort, link);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (fixture != null) {
                fixture.close();
            }
        } finally {
            if (freeDiameter != null) {
                int exit = freeDiameter.stop(Duration.ofSeconds(10));
                log.info("freeDiameterd stopped (exit {}), its log: {}", exit, freeDiameter.log().toAbsolutePath());
            }
        }
    }

    @Test
    @Order(1)
    void s101ToS106_aMobileNodeRegistersThroughTheRelay() throws Exception {
        ForeignAgent.Advertisement ad = fixture.topology().node(Role.FA).installation().fa().agent().advertise();
        MobileNode.FirstRegistration registration = mn1.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);

        registered = registration.accept(MobileIpUdp.exchange(ad.registrationAddress(), registration.bytes()));

        assertThat(registered.accepted()).as(String.valueOf(registered.problem())).isTrue();
        assertThat(InfinispanBindingTable.in(fixture.topology().node(Role.HA).state()).find(registered.homeAddress())).isPresent();
        // S104 reached the AAAH from the relay, and its AMA went back the same way
        assertThat(received("AMR", AAAH_HOST)).anyMatch(e -> e.from().equals(FD_HOST));
        TraceEvent ama = received("AMA", AAAF_HOST).stream().filter(e -> e.from().equals(FD_HOST)).findFirst().orElseThrow();
        assertThat(ama.resultCode()).isEqualTo(2001L);
        visit = ama.sessionId();
        // RFC 6733 §6.1.9: each agent appends the identity of the peer it received the request from
        Request atHome = amrsAtHome.get(amrsAtHome.size() - 1);
        List<String> routeRecords = new ArrayList<>();
        for (Avp rr : atHome.getAvps().getAvps(AvpCodes.ROUTE_RECORD)) {
            routeRecords.add(rr.getDiameterIdentity());
        }
        assertThat(routeRecords).containsExactly(FA_HOST, AAAF_HOST);
    }

    @Test
    @Order(2)
    void s32_theVisitsAccountingReachesTheAaahThroughTheRelay() throws Exception {
        // the FA's START to the AAAF (S31), stored there and sent on as the AAAF's own ACR (S32)
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> received("ACR", AAAH_HOST).stream()
                .anyMatch(e -> e.from().equals(FD_HOST) && visit.equals(e.sessionId())))).isTrue();
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> received("ACA", AAAF_HOST).stream()
                .anyMatch(e -> e.from().equals(FD_HOST) && visit.equals(e.sessionId()) && Long.valueOf(2001).equals(e.resultCode()))))
                .isTrue();
    }

    @Test
    @Order(3)
    void s201ToS211_theMobileNodesServicesPassTheRelayBothWays() throws Exception {
        try (AaamAgent agent = agentThroughTheAaaf()) {
            PurchaseInfo order = agent.accountingInfo("shop@shop.example", "A-1001");                   // PIR/PIA
            // SER to the AAAH through the relay; the AAAH's UCR back through it to the agent, and its UCA
            Settlement settled = agent.settle(order, SettlementMode.DEBIT_PAYEE_ACCOUNT, p -> ConfirmationCallback.Decision.OK);
            assertThat(settled.settlementId()).isNotBlank();
            assertThat(agent.cancel(settled.settlementId()).refunded()).isEqualTo(order.amount());      // SCR/SCA
            // CQR/CQA: an answer the agent authenticated (AAAM-Authenticator) after two proxies and a relay
            String period = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
            assertThat(agent.communicationCharges(period).period()).isEqualTo(period);
        }
        assertThat(received("UCR", AAAF_HOST)).as("the UCR came to the AAAF from the relay").anyMatch(e -> e.from().equals(FD_HOST));
        assertThat(received("SER", AAAH_HOST)).anyMatch(e -> e.from().equals(FD_HOST));
    }

    /** mn1's AAAM agent, connected over TLS to the AAAF. */
    private AaamAgent agentThroughTheAaaf() throws Exception {
        VendorSettings vendor = VendorSettings.defaults();
        AgentEndpoint aaaf = AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(Role.AAAF), LabTlsAccess.context(tls, MOBILE_NODE_HOST))
                .originHost(MOBILE_NODE_HOST).originRealm("home.example").expectedServer(AAAF_HOST)
                .application(vendor.vendorId(), vendor.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(6)).build();
        return new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_AAAM_SPI, MN1_KEY), aaaf, new InMemoryReplayCounters(), vendor);
    }

    @Test
    @Order(4)
    void s107ToS110_theEndOfTheVisitReachesTheAaahThroughTheRelayByRealm() throws Exception {
        ForeignAgent.Advertisement ad = fixture.topology().node(Role.FA).installation().fa().agent().advertise();
        Thread.sleep(1100); // a newer timestamp Identification (RFC 5944 §5.7.1) than the registration's
        MobileNode.Renewal deregistration = mn1.renewal(registered, ad.careOfAddress(), 0);

        MobileNode.Outcome done = deregistration.accept(MobileIpUdp.exchange(ad.registrationAddress(),
                deregistration.bytes()));

        assertThat(done.accepted()).as(String.valueOf(done.problem())).isTrue();
        // the FA's STR names the AAAH (Destination-Host), no peer of the AAAF: forwarded by realm to the
        // relay, which delivers it; its STA comes back to the FA
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> received("STR", AAAH_HOST).stream()
                .anyMatch(e -> e.from().equals(FD_HOST) && visit.equals(e.sessionId())))).isTrue();
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> received("STA", FA_HOST).stream()
                .anyMatch(e -> visit.equals(e.sessionId()) && Long.valueOf(2001).equals(e.resultCode())))).isTrue();
    }

    @Test
    @Order(5)
    void everyMessageThatCrossedTheRelayKeptItsCommandsFormat() {
        // RFC 6733 §3.2: every request and answer our nodes decoded, against its command's CCF
        assertThat(fixture.commandFormats().checked()).isGreaterThan(20);
        assertThat(fixture.commandFormats().violations()).as("CCF violations").isEmpty();
    }

    /** The messages of {@code command} {@code node} received. */
    private List<TraceEvent> received(String command, String node) {
        return fixture.events().stream().filter(e -> e.command().equals(command) && e.to().equals(node)).toList();
    }
}
