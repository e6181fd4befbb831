package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.auth.ReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.Amount;
import org.mipaaa.agent.services.ChargeEntry;
import org.mipaaa.agent.services.CommunicationCharges;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.services.TariffLine;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.ledger.AccountDatabase;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.Money;
import org.mipaaa.ledger.RecordType;
import org.mipaaa.ledger.UsageReport;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;
import org.mipaaa.trace.TraceEvent;

/**
 * Own communication charges (seed Fig. 8 S25; docs/PROTOCOL.md §4.6): the mobile node's AAAM agent (the
 * aaam-agent library: JSSE and its own codec) asks its AAAH over TLS what the account database holds
 * for one billing period, straight and through the AAAF of the visited network (a real RFC 6733 relay,
 * which the AAAH does not trust: it checks the AAAM-Authenticator end to end). The AAAF and AAAH are the
 * project's jDiameter nodes from config/, with their embedded Infinispan.
 *
 * <p>The entries are written through the AAAH's account database API: the same {@code recordUsage} the
 * ACR handler calls (CommunicationFeeAccountingTest proves that path from the FA), plus a transferred
 * charge, one of them invalidated, so the answer shows every kind and state.
 */
class OwnChargesTest {

    private static final String MN1 = "mn1@home.example";
    private static final String MN2 = "mn2@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MN2_KEY = "demo-mn2-aaa-key".getBytes(StandardCharsets.US_ASCII);
    /** config/aaah/subscribers.properties */
    private static final long MN1_SPI = 4097;
    private static final long MN2_SPI = 4098;
    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final int EUR_CODE = 978;
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @TempDir
    static Path dir;

    private static TopologyFixture fixture;
    private static Path tls;

    @BeforeAll
    static void start() throws Exception {
        Path tariffs = dir.resolve("tariffs.properties");
        Files.writeString(tariffs, """
                currency = EUR
                tariff.default.2026-01-01.per-packet = 0.01
                """);
        // one lab CA for the nodes and the two mobile nodes' agents
        tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), EnumSet.allOf(Role.class), Map.of()));
        PkiIssuer.issueAll(tls, "own charges lab CA", hosts, List.of("mn1.home.example", "mn2.home.example"));
        fixture = new TopologyFixture().start(EnumSet.of(Role.AAAF, Role.AAAH), RoleApplications.STANDARD,
                Map.of("accounting.tariffs.file", tariffs.toString(), "tls.dir", tls.toString()));
        AccountDatabase ledger = fixture.topology().node(Role.AAAH).installation().aaah().database();
        // a visit in October: 3 packets in, 4 out at 0.01 EUR per packet = 0.07 EUR
        Instant visit = Instant.parse("2026-10-05T10:00:00Z");
        ledger.recordUsage(new UsageReport(MN1, "fa.visited.example;1;7", 0, RecordType.START, "visited.example", visit, 0, 0, 0, 0, 0));
        ledger.recordUsage(new UsageReport(MN1, "fa.visited.example;1;7", 1, RecordType.STOP, "visited.example",
                visit.plusSeconds(60), 60, 300, 400, 3, 4));
        ledger.recordTransferredCharge(MN1, Money.of("3.00", EUR), "shop@shop.example", "a coffee",
                Instant.parse("2026-10-06T08:00:00Z"), "test-coffee");
        AccountEntry book = ledger.recordTransferredCharge(MN1, Money.of("12.50", EUR), "shop@shop.example", "a book",
                Instant.parse("2026-10-07T09:00:00Z"), "test-book");
        ledger.invalidate(book.id(), "test", Instant.parse("2026-10-08T09:00:00Z"));
        // November, and another node's October: neither may show
        ledger.recordTransferredCharge(MN1, Money.of("1.00", EUR), "shop@shop.example", "a pen",
                Instant.parse("2026-11-02T08:00:00Z"), "test-pen");
        ledger.recordTransferredCharge(MN2, Money.of("99.00", EUR), "shop@shop.example", "mn2's bike",
                Instant.parse("2026-10-02T08:00:00Z"), "test-bike");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static AgentEndpoint endpoint(Role server, String mobileNodeHost) throws Exception {
        return AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(server), LabTls.context(tls, mobileNodeHost, tls))
                .originHost(mobileNodeHost).originRealm("home.example").expectedServer(fixture.topology().node(server).host())
                .application(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(5)).build();
    }

    private static AaamAgent mn1Agent(Role server) throws Exception {
        return new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_SPI, MN1_KEY), endpoint(server, "mn1.home.example"),
                new InMemoryReplayCounters(), VENDOR);
    }

    private static void assertOctoberOfMn1(CommunicationCharges charges) {
        assertThat(charges.period()).isEqualTo("2026-10");
        assertThat(charges.entries()).extracting(ChargeEntry::kind, ChargeEntry::state, ChargeEntry::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChargeEntry.Kind.COMMUNICATION_FEE, ChargeEntry.State.VALID, eur("0.07")),
                org.assertj.core.groups.Tuple.tuple(ChargeEntry.Kind.TRANSFERRED_CHARGE, ChargeEntry.State.VALID, eur("3.00")),
                org.assertj.core.groups.Tuple.tuple(ChargeEntry.Kind.TRANSFERRED_CHARGE, ChargeEntry.State.INVALIDATED, eur("12.50")));
        ChargeEntry fee = charges.entries().get(0);
        assertThat(fee.date()).isEqualTo(Instant.parse("2026-10-05T10:01:00Z"));
        assertThat(fee.usage()).contains(new ChargeEntry.Usage(60, 300, 400, 3, 4));
        assertThat(charges.entries().get(1).payee()).contains("shop@shop.example");
        assertThat(charges.entries().get(1).goods()).containsExactly("a coffee");
        assertThat(charges.total()).as("valid entries only").isEqualTo(eur("3.07"));
        assertThat(charges.tariffs()).containsExactly(new TariffLine(eur("0.01"), "packet in default from 2026-01-01"));
    }

    private static Amount eur(String value) {
        return new Amount(new BigDecimal(value), EUR_CODE);
    }

    private static List<TraceEvent> at(String host, String command) {
        return fixture.events().stream().filter(e -> e.to().equals(host) && e.command().equals(command)).toList();
    }

    @Test
    void s25_theMobileNodeReadsItsOwnChargesDirectlyFromItsAaah() throws Exception {
        try (AaamAgent agent = mn1Agent(Role.AAAH)) {
            CommunicationCharges charges = agent.communicationCharges(OCTOBER);

            assertOctoberOfMn1(charges);
            assertThat(agent.communicationCharges(YearMonth.of(2026, 11)).entries()).extracting(ChargeEntry::goods)
                    .containsExactly(List.of("a pen"));
        }
        assertThat(at("aaah.home.example", "CQR")).anyMatch(e -> e.from().equals("mn1.home.example"));
    }

    /**
     * jDiameter puts a peer that dials in into every realm entry of its Origin-Realm: the mobile node of
     * home.example would become a route for what the AAAF proxies to home.example (AMR, ACR, the other
     * mobile nodes' service requests) and, at the AAAH, for the HAR with session keys whenever the home
     * agent's link is down. The nodes keep a peer to the realm entries of jdiameter.xml that list it.
     */
    @Test
    void aMobileNodeThatDialsInIsNoRouteToItsHomeRealm() throws Exception {
        try (AaamAgent viaAaaf = mn1Agent(Role.AAAF); AaamAgent direct = mn1Agent(Role.AAAH)) {
            viaAaaf.communicationCharges(OCTOBER);
            direct.communicationCharges(OCTOBER);
            DiameterNode aaaf = fixture.topology().node(Role.AAAF);
            DiameterNode aaah = fixture.topology().node(Role.AAAH);
            assertThat(aaaf.connectedPeers()).contains("mn1.home.example");
            assertThat(aaah.connectedPeers()).contains("mn1.home.example");
            assertThat(aaaf.realmRoutes("home.example")).containsExactly("aaah.home.example");
            assertThat(aaah.realmRoutes("home.example")).contains("ha.home.example").doesNotContain("mn1.home.example");
        }
    }

    @Test
    void s25_theMobileNodeReadsItsOwnChargesThroughTheAaaf() throws Exception {
        try (AaamAgent agent = mn1Agent(Role.AAAF)) {
            assertOctoberOfMn1(agent.communicationCharges(OCTOBER));
        }
        assertThat(at("aaaf.visited.example", "CQR")).anyMatch(e -> e.from().equals("mn1.home.example"));
        assertThat(at("aaah.home.example", "CQR")).as("relayed: it came from the AAAF")
                .anyMatch(e -> e.from().equals("aaaf.visited.example") && "S25".equals(e.step()));
        assertThat(at("aaaf.visited.example", "CQA")).as("the AAAH's answer on its way back, S25")
                .anyMatch(e -> e.from().equals("aaah.home.example") && "S25".equals(e.step()) && Long.valueOf(2001).equals(e.resultCode()));
    }

    /**
     * A replay counter store that hands out its first counter again and again: to the AAAH, every request
     * after the first is a replay (a fresh End-to-End Identifier, a valid HMAC, an old counter).
     */
    private static final class RepeatingCounters implements ReplayCounters {
        private final InMemoryReplayCounters incoming = new InMemoryReplayCounters();
        private final long counter = new InMemoryReplayCounters().nextOutgoing();

        @Override
        public long nextOutgoing() {
            return counter;
        }

        @Override
        public boolean acceptIncoming(long c) {
            return incoming.acceptIncoming(c);
        }
    }

    @Test
    void s25_aReplayedCounterIsRefused5805AndNothingIsReadEvenThroughTheAaaf() throws Exception {
        try (AaamAgent agent = new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_SPI, MN1_KEY),
                endpoint(Role.AAAF, "mn1.home.example"), new RepeatingCounters(), VENDOR)) {
            assertOctoberOfMn1(agent.communicationCharges(OCTOBER));

            assertThatThrownBy(() -> agent.communicationCharges(OCTOBER)).isInstanceOfSatisfying(ServiceException.class, e -> {
                assertThat(e.failure()).isEqualTo(ServiceException.Failure.AUTHENTICATION_FAILED);
                assertThat(e.resultCode()).isEqualTo(VendorResultCodes.AAAM_AUTHENTICATION_FAILED);
            });
        }
        // the AAAH's refusal went back without a single Charge-Entry: the trace records the answer's outcome
        assertThat(fixture.events()).anyMatch(e -> e.command().equals("CQA") && e.to().equals("aaaf.visited.example")
                && Long.valueOf(VendorResultCodes.AAAM_AUTHENTICATION_FAILED).equals(e.resultCode()));
    }

    @Test
    void s25_aMobileNodeCannotReadAnotherNodesAccount() throws Exception {
        // mn2 authenticates with its own association (SPI 4098, its own key) but names mn1 as User-Name
        byte[] mn2Key = AaamSecurityAssociation.fromMnAaaKey(MN2, MN2_SPI, MN2_KEY).key();
        for (Role server : List.of(Role.AAAH, Role.AAAF)) {
            try (AaamAgent agent = new AaamAgent(new AaamSecurityAssociation(MN1, MN2_SPI, mn2Key), endpoint(server, "mn2.home.example"),
                    new InMemoryReplayCounters(), VENDOR)) {
                assertThatThrownBy(() -> agent.communicationCharges(OCTOBER)).as("through %s", server)
                        .isInstanceOfSatisfying(ServiceException.class, e -> {
                            assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNKNOWN_USER);
                            assertThat(e.resultCode()).isEqualTo(5003);
                        });
            }
        }
    }

    @Test
    void s25_aRequestUnderAWrongKeyIsRefused5805() throws Exception {
        AaamSecurityAssociation wrong = AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_SPI, MN2_KEY);
        AaamSecurityAssociation unknownSpi = AaamSecurityAssociation.fromMnAaaKey(MN1, 7777, MN1_KEY);
        for (AaamSecurityAssociation sa : List.of(wrong, unknownSpi)) {
            try (AaamAgent agent = new AaamAgent(sa, endpoint(Role.AAAH, "mn1.home.example"), new InMemoryReplayCounters(), VENDOR)) {
                assertThatThrownBy(() -> agent.communicationCharges(OCTOBER)).as(sa.toString())
                        .isInstanceOfSatisfying(ServiceException.class,
                                e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.AUTHENTICATION_FAILED));
            }
        }
    }

    @Test
    void s25_aMalformedBillingPeriodIsRefused5004WithFailedAvp() throws Exception {
        try (AaamAgent agent = mn1Agent(Role.AAAF)) {
            for (String period : List.of("2026-13", "2026-1", "October", "")) {
                assertThatThrownBy(() -> agent.communicationCharges(period)).as(period)
                        .isInstanceOfSatisfying(ServiceException.class, e -> {
                            assertThat(e.failure()).isEqualTo(ServiceException.Failure.MALFORMED_PERIOD);
                            assertThat(e.resultCode()).isEqualTo(5004);
                        });
            }
        }
        assertThat(fixture.events()).anyMatch(e -> e.command().equals("CQA") && e.to().equals("aaaf.visited.example")
                && Long.valueOf(5004).equals(e.resultCode()) && Integer.valueOf(org.mipaaa.dictionary.VendorAvpCodes.BILLING_PERIOD).equals(e.failedAvp()));
    }

    @Test
    void s25_theAgentConnectsAgainAfterItsConnectionEnded() throws Exception {
        try (AaamAgent agent = mn1Agent(Role.AAAH)) {
            assertOctoberOfMn1(agent.communicationCharges(OCTOBER));
            // the AAAH ends the connection (DPR); the agent's next request connects again
            assertThat(fixture.topology().node(Role.AAAH).disconnect("mn1.home.example")).isTrue();
            assertThat(Eventually.within(java.time.Duration.ofSeconds(10),
                    () -> !fixture.topology().node(Role.AAAH).connectedPeers().contains("mn1.home.example"))).isTrue();
            assertOctoberOfMn1(agent.communicationCharges(OCTOBER));
        }
        assertThat(fixture.events().stream().filter(e -> e.command().equals("CER") && e.from().equals("mn1.home.example")
                && e.to().equals("aaah.home.example")).count()).isGreaterThanOrEqualTo(2);
    }
}
