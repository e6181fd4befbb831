package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.auth.ReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.Amount;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.lab.Topology;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;
import org.mipaaa.shop.Catalogue;
import org.mipaaa.terminal.TerminalPurchaseInfoHandler;
import org.mipaaa.trace.TraceEvent;

/**
 * Accounting-information retrieval (seed Figs. 14-15, S201-S206; docs/PROTOCOL.md §4.1): the mobile node's
 * AAAM agent (aaam-agent over TLS) asks its AAAH, straight or through the AAAF, for the accounting
 * information of an order; the AAAH asks the AAAY of the payee's realm, which asks the shop terminal or
 * holds the information itself. AAAF, AAAH, AAAY and terminal are the project's jDiameter nodes from
 * config/ with TLS links on loopback, with their role services; the terminal's PIR handler is installed
 * by the test (on the shipped catalogue) so that one test can make it answer late. The AAAY's own
 * catalogue is the shipped one; its payee directory is the shipped one plus two payees for the refusals.
 */
class AccountingInformationTest {

    private static final String MN1 = "mn1@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    /** config/aaah/subscribers.properties */
    private static final long MN1_SPI = 4097;
    private static final String MN2 = "mn2@home.example";
    private static final byte[] MN2_KEY = "demo-mn2-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final long MN2_SPI = 4098;
    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final int EUR = 978;
    private static final String SHOP = "shop@shop.example";
    private static final String KIOSK = "kiosk@shop.example";
    private static final String AAAH = "aaah.home.example";
    private static final String AAAF = "aaaf.visited.example";
    private static final String AAAY = "aaay.shop.example";
    private static final String TERMINAL = "terminal.shop.example";

    @TempDir
    static Path dir;

    private static TopologyFixture fixture;
    private static Path tls;

    @BeforeAll
    static void start() throws Exception {
        Path payees = dir.resolve("payees.properties");
        Files.writeString(payees, Files.readString(TopologyFixture.configRoot().resolve("aaay/payees.properties")) + """

                # only for a realm the AAAH is not in
                payee.club@shop.example.terminal = terminal.shop.example
                payee.club@shop.example.realms = partner.example
                # routed to the terminal, which does not serve it
                payee.gone@shop.example.terminal = terminal.shop.example
                """);
        Set<Role> roles = EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY, Role.TERMINAL);
        tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of()));
        PkiIssuer.issueAll(tls, "accounting information lab CA", hosts, List.of("mn1.home.example", "mn2.home.example"));
        // the terminal's real PIR handler on the shipped catalogue, behind a switch that makes it answer late
        HandlerRegistry terminalHandlers = new HandlerRegistry().register(VENDOR.accountingServicesApplicationId(),
                CommandCodes.PURCHASE_INFORMATION, TERMINAL_HANDLER);
        fixture = new TopologyFixture().start(roles, TopologyFixture.standardExcept(Role.TERMINAL, TopologyFixture.only(role -> terminalHandlers)),
                Map.of("payee.directory.file", payees.toString(), "tls.dir", tls.toString()));
    }

    /**
     * The terminal's {@link TerminalPurchaseInfoHandler}; while {@link #late} is set it answers only after
     * the AAAY has stopped waiting for it ({@code payee.terminal.timeout.ms}, 3 s).
     */
    private static final AtomicBoolean late = new AtomicBoolean();
    private static final RequestHandler TERMINAL_HANDLER = new RequestHandler() {
        private final RequestHandler real = new TerminalPurchaseInfoHandler(catalogue(), VENDOR.vendorId());

        @Override
        public CompletionStage<Outcome> handle(Request request) {
            if (!late.get()) {
                return real.handle(request);
            }
            return CompletableFuture.supplyAsync(() -> request, CompletableFuture.delayedExecutor(4, TimeUnit.SECONDS))
                    .thenCompose(r -> real.handle(r));
        }
    };

    private static Catalogue catalogue() {
        try {
            return Catalogue.load(TopologyFixture.configRoot().resolve("terminal/catalogue.properties"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static AgentEndpoint endpoint(Role server) throws Exception {
        return endpoint(server, "mn1.home.example");
    }

    private static AgentEndpoint endpoint(Role server, String mobileNodeHost) throws Exception {
        return AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(server), LabTls.context(tls, mobileNodeHost, tls))
                .originHost(mobileNodeHost).originRealm("home.example").expectedServer(fixture.topology().node(server).host())
                .application(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(6)).build();
    }

    private static AaamAgent agent(Role server) throws Exception {
        return new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_SPI, MN1_KEY), endpoint(server),
                new InMemoryReplayCounters(), VENDOR);
    }

    /** The PIR/PIA events of one exchange, by the Session-Id each hop used, after {@code since}. */
    private static List<TraceEvent> purchaseEvents(Instant since) {
        return fixture.events().stream().filter(e -> !e.time().isBefore(since))
                .filter(e -> e.command().equals("PIR") || e.command().equals("PIA")).toList();
    }

    private static Optional<TraceEvent> hop(List<TraceEvent> events, String command, String from, String to) {
        return events.stream().filter(e -> e.command().equals(command) && e.from().equals(from) && e.to().equals(to)).findFirst();
    }

    private static void assertOrderA1001(PurchaseInfo info) {
        assertThat(info.payee()).isEqualTo(SHOP);
        assertThat(info.orderReference()).isEqualTo("A-1001");
        assertThat(info.goods()).containsExactly("1 x coffee beans 250 g", "1 x milk frother");
        assertThat(info.amount()).isEqualTo(new Amount(new BigDecimal("23.40"), EUR));
        assertThat(info.time()).contains(Instant.parse("2026-11-20T10:15:00Z"));
        assertThat(info.terminalHost()).contains(TERMINAL);
    }

    @Test
    void s201_s206_theMobileNodeGetsTheAccountingInformationOfAnOrderFromTheShopTerminal() throws Exception {
        Instant since = Instant.now();
        try (AaamAgent agent = agent(Role.AAAH)) {
            assertOrderA1001(agent.accountingInfo(SHOP, "A-1001"));
        }
        List<TraceEvent> events = purchaseEvents(since);
        TraceEvent s201 = hop(events, "PIR", "mn1.home.example", AAAH).orElseThrow();
        TraceEvent s202 = hop(events, "PIR", AAAH, AAAY).orElseThrow();
        TraceEvent s203 = hop(events, "PIR", AAAY, TERMINAL).orElseThrow();
        TraceEvent s204 = hop(events, "PIA", TERMINAL, AAAY).orElseThrow();
        TraceEvent s205 = hop(events, "PIA", AAAY, AAAH).orElseThrow();
        assertThat(List.of(s202.step(), s203.step(), s204.step(), s205.step())).containsExactly("S202", "S203", "S204", "S205");
        assertThat(List.of(s204.resultCode(), s205.resultCode())).containsOnly((long) ResultCodes.SUCCESS);
        assertThat(Set.of(s201.sessionId(), s202.sessionId(), s203.sessionId())).as("a new Session-Id on each originated hop").hasSize(3);
        assertThat(s204.sessionId()).isEqualTo(s203.sessionId());
        assertThat(s205.sessionId()).isEqualTo(s202.sessionId());
    }

    @Test
    void s201_s206_theMobileNodeGetsTheAccountingInformationOfAnOrderFromTheShopTerminalThroughTheAaaf() throws Exception {
        Instant since = Instant.now();
        try (AaamAgent agent = agent(Role.AAAF)) {
            assertOrderA1001(agent.accountingInfo(SHOP, "A-1001"));
        }
        List<TraceEvent> events = purchaseEvents(since);
        assertThat(hop(events, "PIR", "mn1.home.example", AAAF)).isPresent();
        assertThat(hop(events, "PIR", AAAF, AAAH)).get().extracting(TraceEvent::step).isEqualTo("S201");
        assertThat(hop(events, "PIR", AAAY, TERMINAL)).get().extracting(TraceEvent::step).isEqualTo("S203");
        assertThat(hop(events, "PIA", AAAH, AAAF)).get().satisfies(e -> {
            assertThat(e.step()).isEqualTo("S206");
            assertThat(e.resultCode()).isEqualTo(ResultCodes.SUCCESS);
        });
    }

    @Test
    void withoutAnOrderReferenceTheTerminalGivesThePayeesLatestOrder() throws Exception {
        try (AaamAgent agent = agent(Role.AAAF)) {
            PurchaseInfo latest = agent.accountingInfo(SHOP);
            assertThat(latest.orderReference()).isEqualTo("A-1002");
            assertThat(latest.amount()).isEqualTo(new Amount(new BigDecimal("9.90"), EUR));
        }
    }

    @Test
    void s203_s204_skipped_theAaayHoldsTheInformationItself() throws Exception {
        for (Role server : List.of(Role.AAAH, Role.AAAF)) {
            Instant since = Instant.now();
            try (AaamAgent agent = agent(server)) {
                PurchaseInfo info = agent.accountingInfo(KIOSK, "K-77");
                assertThat(info.payee()).isEqualTo(KIOSK);
                assertThat(info.goods()).containsExactly("1 x newspaper", "1 x city map");
                assertThat(info.amount()).isEqualTo(new Amount(new BigDecimal("7.50"), EUR));
                assertThat(info.time()).contains(Instant.parse("2026-11-22T08:05:00Z"));
                assertThat(info.terminalHost()).as("no terminal was asked").isEmpty();
            }
            List<TraceEvent> events = purchaseEvents(since);
            assertThat(hop(events, "PIA", AAAY, AAAH)).get().extracting(TraceEvent::step).isEqualTo("S205");
            assertThat(events).as("through %s: S203/S204 skipped", server)
                    .noneMatch(e -> e.to().equals(TERMINAL) || e.from().equals(TERMINAL));
        }
    }

    @Test
    void anUnknownOrderIsRefused5806UnknownOrderAndTheMobileNodeIsToldSo() throws Exception {
        for (Role server : List.of(Role.AAAH, Role.AAAF)) {
            Instant since = Instant.now();
            try (AaamAgent agent = agent(server)) {
                assertThatThrownBy(() -> agent.accountingInfo(SHOP, "NO-SUCH-ORDER")).as("through %s", server)
                        .isInstanceOfSatisfying(ServiceException.class, e -> {
                            assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNKNOWN_ORDER);
                            // a business outcome: the vendor's Experimental-Result, not a malformed request's 5004
                            assertThat(e.resultCode()).isEqualTo(VendorResultCodes.UNKNOWN_ORDER);
                            assertThat(e.getMessage()).contains("NO-SUCH-ORDER").contains(TERMINAL);
                        });
                // another payee's order is not shown either
                assertThatThrownBy(() -> agent.accountingInfo(SHOP, "K-77")).isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNKNOWN_ORDER));
            }
            List<TraceEvent> events = purchaseEvents(since);
            for (TraceEvent pia : List.of(hop(events, "PIA", TERMINAL, AAAY).orElseThrow(), hop(events, "PIA", AAAY, AAAH).orElseThrow())) {
                assertThat(pia.resultCode()).isEqualTo(VendorResultCodes.UNKNOWN_ORDER);
            }
        }
    }

    @Test
    void anUnknownPayeeIsRefused5802ByTheAaayOrByTheTerminal() throws Exception {
        try (AaamAgent agent = agent(Role.AAAF)) {
            for (String payee : List.of("nobody@shop.example", "gone@shop.example")) {
                assertThatThrownBy(() -> agent.accountingInfo(payee, "A-1001")).as(payee).isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNKNOWN_PAYEE);
                    assertThat(e.resultCode()).isEqualTo(VendorResultCodes.UNKNOWN_PAYEE);
                });
            }
        }
        assertThat(fixture.events()).anyMatch(e -> e.command().equals("PIA") && e.from().equals(TERMINAL)
                && Long.valueOf(VendorResultCodes.UNKNOWN_PAYEE).equals(e.resultCode()));
    }

    @Test
    void anAaayRefusesAnAaahRealmNotConfiguredForThePayee5003() throws Exception {
        Instant since = Instant.now();
        try (AaamAgent agent = agent(Role.AAAH)) {
            assertThatThrownBy(() -> agent.accountingInfo("club@shop.example", "A-1001")).isInstanceOfSatisfying(ServiceException.class, e -> {
                assertThat(e.failure()).isEqualTo(ServiceException.Failure.REFUSED_BY_PAYEE);
                assertThat(e.resultCode()).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
                assertThat(e.getMessage()).contains(AAAY);
            });
        }
        List<TraceEvent> events = purchaseEvents(since);
        assertThat(hop(events, "PIA", AAAY, AAAH)).get().extracting(TraceEvent::resultCode).isEqualTo((long) ResultCodes.AUTHORIZATION_REJECTED);
        assertThat(events).as("the terminal was never asked").noneMatch(e -> e.to().equals(TERMINAL));
    }

    @Test
    void aMobileNodeAsksOnlyForItself_5003AndNothingGoesToTheAaay() throws Exception {
        // mn2 authenticates with its own association (SPI 4098, its own key) but names mn1 as User-Name
        byte[] mn2Key = AaamSecurityAssociation.fromMnAaaKey(MN2, MN2_SPI, MN2_KEY).key();
        for (Role server : List.of(Role.AAAH, Role.AAAF)) {
            Instant since = Instant.now();
            try (AaamAgent agent = new AaamAgent(new AaamSecurityAssociation(MN1, MN2_SPI, mn2Key), endpoint(server, "mn2.home.example"),
                    new InMemoryReplayCounters(), VENDOR)) {
                assertThatThrownBy(() -> agent.accountingInfo(SHOP, "A-1001")).as("through %s", server)
                        .isInstanceOfSatisfying(ServiceException.class, e -> {
                            assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNKNOWN_USER);
                            assertThat(e.resultCode()).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
                        });
            }
            assertThat(purchaseEvents(since)).as("through %s", server).noneMatch(e -> e.to().equals(AAAY));
        }
    }

    @Test
    void aPayeeIdWithoutARealmIsRefused5004ByTheAaah() throws Exception {
        Instant since = Instant.now();
        try (AaamAgent agent = agent(Role.AAAF)) {
            assertThatThrownBy(() -> agent.accountingInfo("shop", "A-1001")).isInstanceOfSatisfying(ServiceException.class, e -> {
                assertThat(e.failure()).isEqualTo(ServiceException.Failure.REFUSED);
                assertThat(e.resultCode()).isEqualTo(ResultCodes.INVALID_AVP_VALUE);
                assertThat(e.getMessage()).contains("Payee-Id is not account@realm");
            });
        }
        assertThat(hop(purchaseEvents(since), "PIA", AAAH, AAAF)).get().extracting(TraceEvent::failedAvp).isEqualTo(VendorAvpCodes.PAYEE_ID);
        assertThat(purchaseEvents(since)).noneMatch(e -> e.to().equals(AAAY));
    }

    @Test
    void theTerminalDown_3002ReachesTheMobileNode() throws Exception {
        fixture.topology().stop(Role.TERMINAL);
        try {
            for (Role server : List.of(Role.AAAH, Role.AAAF)) {
                Instant since = Instant.now();
                try (AaamAgent agent = agent(server)) {
                    assertThatThrownBy(() -> agent.accountingInfo(SHOP, "A-1001")).as("through %s", server)
                            .isInstanceOfSatisfying(ServiceException.class, e -> {
                                assertThat(e.failure()).isEqualTo(ServiceException.Failure.NOT_DELIVERED);
                                assertThat(e.resultCode()).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
                                assertThat(e.getMessage()).contains("the shop terminal " + TERMINAL).contains(AAAY);
                            });
                }
                assertThat(hop(purchaseEvents(since), "PIA", AAAY, AAAH)).get().satisfies(e -> {
                    assertThat(e.resultCode()).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
                    assertThat(e.error()).as("E bit").isTrue();
                });
            }
        } finally {
            fixture.topology().restart(Role.TERMINAL);
            assertThat(fixture.topology().awaitLinks(Duration.ofSeconds(20))).isTrue();
        }
        try (AaamAgent agent = agent(Role.AAAH)) {
            assertOrderA1001(agent.accountingInfo(SHOP, "A-1001"));
        }
    }

    @Test
    void aTerminalThatDoesNotAnswerInTime_3002ReachesTheMobileNode() throws Exception {
        late.set(true);
        try {
            Instant since = Instant.now();
            try (AaamAgent agent = agent(Role.AAAF)) {
                assertThatThrownBy(() -> agent.accountingInfo(SHOP, "A-1001")).isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ServiceException.Failure.NOT_DELIVERED);
                    assertThat(e.resultCode()).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
                    assertThat(e.getMessage()).contains("the shop terminal " + TERMINAL + ": no answer in time");
                });
            }
            assertThat(hop(purchaseEvents(since), "PIA", AAAH, AAAF)).get().satisfies(e -> {
                assertThat(e.step()).isEqualTo("S206");
                assertThat(e.resultCode()).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
            });
        } finally {
            late.set(false);
        }
        // the terminal's late answer, when it comes, changes nothing: the next request is served
        Thread.sleep(1500);
        try (AaamAgent agent = agent(Role.AAAH)) {
            assertOrderA1001(agent.accountingInfo(SHOP, "A-1001"));
        }
    }

    /**
     * A replay counter store that hands out the same counter twice: what a replayed request looks like to
     * the AAAH. The counter is the clock's now, so agents made later in this class still count above it.
     */
    private static final class RepeatingCounters implements ReplayCounters {
        private final InMemoryReplayCounters incoming = new InMemoryReplayCounters();
        private final long counter = ReplayCounters.clockFloor();

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
    void aReplayedAgentRequestIsRefused5805AndNothingGoesToTheAaay() throws Exception {
        try (AaamAgent agent = new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_SPI, MN1_KEY), endpoint(Role.AAAF),
                new RepeatingCounters(), VENDOR)) {
            assertOrderA1001(agent.accountingInfo(SHOP, "A-1001"));
            Instant since = Instant.now();
            assertThatThrownBy(() -> agent.accountingInfo(SHOP, "A-1001")).isInstanceOfSatisfying(ServiceException.class, e -> {
                assertThat(e.failure()).isEqualTo(ServiceException.Failure.AUTHENTICATION_FAILED);
                assertThat(e.resultCode()).isEqualTo(VendorResultCodes.AAAM_AUTHENTICATION_FAILED);
            });
            List<TraceEvent> events = purchaseEvents(since);
            assertThat(hop(events, "PIA", AAAH, AAAF)).get().extracting(TraceEvent::resultCode)
                    .isEqualTo((long) VendorResultCodes.AAAM_AUTHENTICATION_FAILED);
            assertThat(events).as("the AAAH acted on nothing").noneMatch(e -> e.to().equals(AAAY));
        }
    }
}
