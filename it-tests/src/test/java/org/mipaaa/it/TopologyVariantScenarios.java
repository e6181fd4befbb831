package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.Amount;
import org.mipaaa.agent.services.Cancellation;
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.Settlement;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.payee.PayeeLedger;
import org.mipaaa.role.Role;
import org.mipaaa.settlement.SettlementRecord;
import org.mipaaa.settlement.SettlementState;
import org.mipaaa.trace.TraceEvent;

/**
 * The accounting services in a topology variant of config/variants/ (issue 6 item 7: one server playing
 * two roles): accounting-information retrieval S201-S206, settlement with the user's confirmation
 * S207-S211 and cancellation, each straight to the AAAH and relayed by the AAAF, with the mobile node's
 * real AAAM agent over TLS and every node a real jDiameter stack from the variant's configuration. A
 * hop between two roles of one node stays in that process and shows in the trace as a hop from the
 * node to itself, with its seed step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TopologyVariantScenarios {

    static final String MN1 = "mn1@home.example";
    static final String MN1_HOST = "mn1.home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final long MN1_SPI = 4097;
    static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final Amount PRICE = new Amount(new BigDecimal("23.40"), 978);

    TopologyFixture fixture;

    /** The directory name of the variant under config/variants/. */
    abstract String variant();

    /** The shop's Payee-Id in this variant. */
    abstract String payee();

    /** The roles the scenarios need; a variant may add the foreign and home agents. */
    Set<Role> roles() {
        return EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY, Role.TERMINAL);
    }

    /** Settings the variant's nodes need beyond the lab's. */
    Map<String, String> overrides() {
        return Map.of();
    }

    @BeforeAll
    void start() throws Exception {
        fixture = new TopologyFixture().variant(variant()).start(roles(), RoleApplications.STANDARD, overrides());
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    DiameterNode node(Role role) {
        return fixture.topology().node(role);
    }

    String host(Role role) {
        return node(role).host();
    }

    AgentEndpoint endpoint(Role server) throws Exception {
        return AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(fixture.layout().nodeOf(server)), LabTls.context(fixture.tlsDirectory(), MN1_HOST, fixture.tlsDirectory()))
                .originHost(MN1_HOST).originRealm("home.example").expectedServer(host(server))
                .application(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(6)).build();
    }

    AaamAgent agent(Role server) throws Exception {
        return new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_SPI, MN1_KEY), endpoint(server),
                new InMemoryReplayCounters(), VENDOR);
    }

    List<TraceEvent> events(Instant since, String command) {
        return fixture.events().stream().filter(e -> !e.time().isBefore(since) && e.command().equals(command)).toList();
    }

    /**
     * Runs accounting-information retrieval through {@code server} and checks that the PIR and PIA between
     * the two roles of {@code node}'s server never left it: traced as a hop from the node to itself, once
     * each, with these seed steps.
     */
    void assertPurchaseInfoHopStaysIn(Role node, Role server, String requestStep, String answerStep) throws Exception {
        Instant since = Instant.now();
        accountingInformationThrough(server);
        String host = host(node);
        assertThat(events(since, "PIR")).filteredOn(e -> e.from().equals(host) && e.to().equals(host))
                .extracting(TraceEvent::step).containsExactly(requestStep);
        assertThat(events(since, "PIA")).filteredOn(e -> e.from().equals(host) && e.to().equals(host))
                .extracting(TraceEvent::step).containsExactly(answerStep);
    }

    private PayeeLedger payeeLedger() {
        return node(Role.AAAY).installation().aaay().ledger();
    }

    private SettlementRecord atHome(String settlementId) {
        return node(Role.AAAH).installation().aaah().settlements().byId(settlementId).orElseThrow();
    }

    private AccountEntry homeEntry(String settlementId) {
        return node(Role.AAAH).installation().aaah().accounts().database().entry(atHome(settlementId).entryId()).orElseThrow();
    }

    private PurchaseInfo orderA1001(AaamAgent agent) throws Exception {
        PurchaseInfo info = agent.accountingInfo(payee(), "A-1001");
        assertThat(info.payee()).isEqualTo(payee());
        assertThat(info.amount()).isEqualTo(PRICE);
        assertThat(info.goods()).containsExactly("1 x coffee beans 250 g", "1 x milk frother");
        return info;
    }

    void accountingInformationThrough(Role server) throws Exception {
        Instant since = Instant.now();
        try (AaamAgent agent = agent(server)) {
            orderA1001(agent);
        }
        // S202 AAAH -> AAAY, S203 AAAY -> terminal, S205 the AAAY's answer back to the AAAH
        assertThat(events(since, "PIR")).extracting(TraceEvent::from, TraceEvent::to, TraceEvent::step)
                .contains(tuple(host(Role.AAAH), host(Role.AAAY), "S202"), tuple(host(Role.AAAY), host(Role.TERMINAL), "S203"));
        assertThat(events(since, "PIA")).extracting(TraceEvent::from, TraceEvent::to, TraceEvent::step)
                .contains(tuple(host(Role.AAAY), host(Role.AAAH), "S205"));
    }

    @Test
    void s201_s206_accountingInformationStraightToTheAaah() throws Exception {
        accountingInformationThrough(Role.AAAH);
    }

    @Test
    void s201_s206_accountingInformationRelayedByTheAaaf() throws Exception {
        accountingInformationThrough(Role.AAAF);
    }

    private void settleAndCancelThrough(Role server) throws Exception {
        Instant since = Instant.now();
        BigDecimal balanceBefore = payeeLedger().balance(payee());
        try (AaamAgent agent = agent(server)) {
            Settlement settlement = agent.settle(orderA1001(agent), SettlementMode.DEBIT_PAYEE_ACCOUNT,
                    proposal -> ConfirmationCallback.Decision.OK);
            String id = settlement.settlementId();
            // S207-S211: +X at the AAAH after the AAAY's confirmation, -X for the shop at the AAAY, the terminal told
            assertThat(atHome(id).state()).isEqualTo(SettlementState.SETTLED);
            assertThat(homeEntry(id).amount().amount()).isEqualByComparingTo("23.40");
            assertThat(homeEntry(id).isValid()).isTrue();
            assertThat(payeeLedger().balance(payee())).isEqualByComparingTo(balanceBefore.subtract(new BigDecimal("23.40")));
            assertThat(node(Role.TERMINAL).installation().terminal().notices().notice(id).orElseThrow().orderReference())
                    .isEqualTo("A-1001");
            assertThat(events(since, "PNR")).extracting(TraceEvent::from, TraceEvent::to, TraceEvent::step)
                    .contains(tuple(host(Role.AAAH), host(Role.AAAY), "S208"), tuple(host(Role.AAAY), host(Role.TERMINAL), "S209"));
            assertThat(events(since, "PNA")).extracting(TraceEvent::from, TraceEvent::to, TraceEvent::step)
                    .contains(tuple(host(Role.AAAY), host(Role.AAAH), "S210"));

            Cancellation cancellation = agent.cancel(id);
            assertThat(cancellation.refunded()).isEqualTo(PRICE);
            assertThat(homeEntry(id).isValid()).isFalse();
            assertThat(atHome(id).state()).isEqualTo(SettlementState.CANCELLED);
            assertThat(payeeLedger().find(id).orElseThrow().reversed()).isTrue();
            assertThat(payeeLedger().balance(payee())).isEqualByComparingTo(balanceBefore);
            assertThat(node(Role.TERMINAL).installation().terminal().notices().notice(id).orElseThrow().cancelled()).isTrue();
            assertThat(events(since, "SCR")).extracting(TraceEvent::from, TraceEvent::to)
                    .contains(tuple(host(Role.AAAH), host(Role.AAAY)), tuple(host(Role.AAAY), host(Role.TERMINAL)));
        }
    }

    @Test
    void s207_s211_settlementConfirmedByTheUserThenCancelled_straightToTheAaah() throws Exception {
        settleAndCancelThrough(Role.AAAH);
    }

    @Test
    void s207_s211_settlementConfirmedByTheUserThenCancelled_relayedByTheAaaf() throws Exception {
        settleAndCancelThrough(Role.AAAF);
    }
}
