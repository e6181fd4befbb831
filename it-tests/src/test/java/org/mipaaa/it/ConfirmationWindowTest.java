package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.Settlement;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryKind;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;
import org.mipaaa.settlement.SettlementState;
import org.mipaaa.trace.TraceEvent;

/**
 * A person confirms a payment (issue 19, item 10; docs/PROTOCOL.md §4.2-§4.3): the user of the mobile
 * node takes 60 seconds, far longer than the AAAF keeps a request open (its request.timeout.ms, 5 s).
 * The shipped configuration of every node (confirmation window 120 s, inline wait 2 s; the AAAF waits
 * 125 s for a UCA), the real AAAM agent connected to the AAAF over TLS, the AAAF, AAAH, AAAY and shop
 * terminal as separate jDiameter nodes on loopback.
 */
class ConfirmationWindowTest {

    private static final String MN1 = "mn1@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final String AAAH = "aaah.home.example";
    private static final String AAAF = "aaaf.visited.example";
    private static final String MN1_HOST = "mn1.home.example";
    /** How long the user thinks. */
    private static final Duration THINKING = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static TopologyFixture fixture;
    private static Path tls;

    @BeforeAll
    static void start() throws Exception {
        Set<Role> roles = EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY, Role.TERMINAL);
        tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of()));
        PkiIssuer.issueAll(tls, "confirmation window lab CA", hosts, List.of(MN1_HOST));
        fixture = new TopologyFixture().start(roles, RoleApplications.STANDARD, Map.of("tls.dir", tls.toString()));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** mn1's agent, connected to the AAAF, with the agent's default confirmation window. */
    private static AaamAgent agentThroughTheAaaf() throws Exception {
        AgentEndpoint endpoint = AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(Role.AAAF), LabTls.context(tls, MN1_HOST, tls))
                .originHost(MN1_HOST).originRealm("home.example").expectedServer(AAAF)
                .application(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(6)).build();
        return new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, 4097, MN1_KEY), endpoint, new InMemoryReplayCounters(), VENDOR);
    }

    private static List<TraceEvent> events(Instant since, String command, String from, String to) {
        return fixture.events().stream().filter(e -> !e.time().isBefore(since) && e.command().equals(command)
                && e.from().equals(from) && e.to().equals(to)).collect(Collectors.toList());
    }

    private static List<AccountEntry> transferredCharges() {
        var accounts = fixture.topology().node(Role.AAAH).installation().aaah().accounts();
        return accounts.database().entries(MN1, accounts.queries().periodOf(Instant.now())).stream()
                .filter(e -> e.kind() == EntryKind.TRANSFERRED_CHARGE).collect(Collectors.toList());
    }

    @Test
    void s207_s211_theUserConfirmsAfter60Seconds_throughTheAaaf_settledAndChargedOnce() throws Exception {
        int chargesBefore = transferredCharges().size();
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, THINKING.toMillis());
        Instant since = Instant.now();
        Settlement settlement;
        try (AaamAgent agent = agentThroughTheAaaf()) {
            PurchaseInfo info = agent.accountingInfo("shop@shop.example", "A-1001");
            settlement = agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT, user);
        }

        assertThat(user.shown).singleElement().satisfies(p -> assertThat(p.settlementId()).isEqualTo(settlement.settlementId()));
        assertThat(settlement.amount().value()).isEqualByComparingTo(new BigDecimal("23.40"));
        var aaah = fixture.topology().node(Role.AAAH).installation().aaah();
        assertThat(aaah.settlements().byId(settlement.settlementId()).orElseThrow().state()).isEqualTo(SettlementState.SETTLED);
        assertThat(transferredCharges()).as("charged once").hasSize(chargesBefore + 1);
        assertThat(fixture.topology().node(Role.AAAY).installation().aaay().ledger().find(settlement.settlementId())).isPresent();

        // the SER's transaction closed within the AAAF's request timeout: answered CONFIRMATION_PENDING
        List<TraceEvent> sers = events(since, "SER", AAAF, AAAH).stream().filter(e -> !e.retransmit()).collect(Collectors.toList());
        List<TraceEvent> seas = events(since, "SEA", AAAH, AAAF);
        assertThat(seas).extracting(TraceEvent::resultCode).containsSubsequence((long) VendorResultCodes.CONFIRMATION_PENDING,
                (long) ResultCodes.SUCCESS);
        TraceEvent pending = seas.stream().filter(e -> e.resultCode() == VendorResultCodes.CONFIRMATION_PENDING).findFirst().orElseThrow();
        assertThat(Duration.between(sers.get(0).time(), pending.time())).as("the first SER's answer").isLessThan(Duration.ofSeconds(5));
        // the UCR stayed out while the user thought, through the AAAF, and its UCA came back through it
        TraceEvent ucr = events(since, "UCR", AAAH, AAAF).get(0);
        TraceEvent uca = events(since, "UCA", AAAF, AAAH).stream().filter(e -> e.resultCode() == ResultCodes.SUCCESS).findFirst().orElseThrow();
        assertThat(Duration.between(ucr.time(), uca.time())).as("the user's time").isGreaterThanOrEqualTo(THINKING);
        assertThat(events(since, "UCA", MN1_HOST, AAAF)).hasSize(1);
        // then the agent asked for the outcome: a SER of its own, after the UCA, answered 2001 in time
        TraceEvent asked = sers.get(sers.size() - 1);
        assertThat(sers).hasSizeGreaterThanOrEqualTo(2);
        assertThat(asked.endToEnd()).isNotEqualTo(sers.get(0).endToEnd());
        assertThat(asked.time()).isAfterOrEqualTo(uca.time().minusMillis(100));
        assertThat(events(since, "PNR", AAAH, "aaay.shop.example")).as("the payee told once").hasSize(1);
    }
}
