package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.Settlement;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.it.LabTlsAccess;
import org.mipaaa.it.TopologyFixture;
import org.mipaaa.lab.Topology;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;

/**
 * The mobile node's services through another vendor's edge proxy between the visited and the home network
 * ({@link EdgeProxy}, built from RFC 6733 on sockets; config/variants/behind-a-relay): on every request
 * it adds a Proxy-Info of its own and a second Route-Record, takes its Proxy-Info back out of the answer
 * (RFC 6733 §6.2.2), and hides the home network's topology (the Origin-Host of the AAAH's answers
 * rewritten). The
 * AAAM-Authenticator covers none of what such agents change (docs/PROTOCOL.md §3), so the agent and the
 * AAAH still verify each other: accounting information, settlement with the user's confirmation (the
 * AAAH's UCR through the proxy, the agent's UCA echoing its Proxy-Info, RFC 6733 §6.2), cancellation, own
 * charges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeProxyTest {

    private static final String PROXY_HOST = "fd.interop.example";
    private static final String AAAF_HOST = "aaaf.visited.example";
    private static final String AAAH_HOST = "aaah.home.example";
    private static final String MN1 = "mn1@home.example";
    private static final String MOBILE_NODE_HOST = "mn1.home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    /** mn1's AAAM-SPI in config/aaah/subscribers.properties. */
    private static final long MN1_AAAM_SPI = 4097;

    private TopologyFixture fixture;
    private EdgeProxy proxy;
    private Path tls;

    @BeforeAll
    void startTheNodesThenTheProxy(@TempDir Path dir) throws Exception {
        tls = dir.resolve("tls"); // the lab PKI, deleted afterwards (nothing is committed)
        EnumSet<Role> roles = EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY, Role.TERMINAL);
        PkiIssuer.issueAll(tls, "edge proxy lab CA", new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of())),
                List.of(MOBILE_NODE_HOST));
        fixture = new TopologyFixture().variant("behind-a-relay").checkingCommandFormats()
                .start(roles, RoleApplications.STANDARD, Map.of("link.security", "none", "tls.dir", tls.toString()));
        // the visited network's edge proxy (its realm), hiding the home network's AAAH as edge.home.example
        proxy = EdgeProxy.open(PROXY_HOST, "visited.example", AAAH_HOST, fixture.port(Role.AAAH), "edge.home.example",
                AAAF_HOST, fixture.port(Role.AAAF));
        Topology t = fixture.topology();
        assertThat(t.node(Role.AAAF).awaitPeers(Set.of(PROXY_HOST), Duration.ofSeconds(15))).isTrue();
        assertThat(t.node(Role.AAAH).awaitPeers(Set.of(PROXY_HOST), Duration.ofSeconds(15))).isTrue();
    }

    @AfterAll
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void s201ToS211_theServicesVerifyBothWaysThroughAProxyThatAddsProxyInfoAndHidesTheHomeTopology() throws Exception {
        try (AaamAgent agent = agentThroughTheAaaf()) {
            PurchaseInfo order = agent.accountingInfo("shop@shop.example", "A-1001");
            Settlement settled = agent.settle(order, SettlementMode.DEBIT_PAYEE_ACCOUNT, p -> ConfirmationCallback.Decision.OK);
            assertThat(agent.cancel(settled.settlementId()).refunded()).isEqualTo(order.amount());
            String period = YearMonth.now(ZoneOffset.UTC).toString();
            assertThat(agent.communicationCharges(period).period()).isEqualTo(period);
        }
        // PIR, SER, UCR (the other way), SCR, CQR: each answer came back with the proxy's Proxy-Info
        assertThat(proxy.requestsForwarded()).isGreaterThanOrEqualTo(5);
        assertThat(proxy.answersWithItsProxyInfo()).isEqualTo(proxy.requestsForwarded());
        assertThat(proxy.answersWithoutItsProxyInfo()).isZero();
        assertThat(fixture.commandFormats().violations()).as("CCF violations (RFC 6733 §3.2)").isEmpty();
        assertThat(fixture.events()).as("the UCR came to the AAAF through the proxy")
                .anyMatch(e -> e.command().equals("UCR") && e.to().equals(AAAF_HOST) && e.from().equals(PROXY_HOST));
    }

    /** mn1's AAAM agent, connected over TLS to the AAAF. */
    private AaamAgent agentThroughTheAaaf() throws Exception {
        VendorSettings vendor = VendorSettings.defaults();
        AgentEndpoint aaaf = AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(Role.AAAF), LabTlsAccess.context(tls, MOBILE_NODE_HOST))
                .originHost(MOBILE_NODE_HOST).originRealm("home.example").expectedServer(AAAF_HOST)
                .application(vendor.vendorId(), vendor.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(6)).build();
        return new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_AAAM_SPI, MN1_KEY), aaaf, new InMemoryReplayCounters(), vendor);
    }
}
