package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.aaah.accounting.HomeAccounts;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.Amount;
import org.mipaaa.agent.services.Cancellation;
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.services.Settlement;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryKind;
import org.mipaaa.messages.PurchaseInfoAvps;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;
import org.mipaaa.settlement.SettlementRecord;
import org.mipaaa.settlement.SettlementState;
import org.mipaaa.shop.Catalogue;
import org.mipaaa.shop.TerminalAccount;
import org.mipaaa.shop.TerminalSale;
import org.mipaaa.trace.TraceEvent;

/**
 * The seed's variant of Figs. 16-17 where the terminal has the AAA function (docs/PROTOCOL.md §4.2):
 * the AAAH sends the payment request (SER) to the shop terminal instead of a payment notice to the
 * AAAY (S208), the terminal settles on its own account and confirms (S210), and only then is the charge
 * recorded at the AAAH. The payee cafe@shop.example is one whose terminal settles by the carrier's
 * agreement (config/aaah/settling-terminals.properties). The mobile node's real AAAM agent over TLS,
 * straight to its AAAH or through the AAAF; AAAF, AAAH, AAAY and terminal are the project's jDiameter
 * nodes from config/ with TLS links on loopback and their role services.
 */
class TerminalSettlesTest {

    private static final String MN1 = "mn1@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final long MN1_SPI = 4097;
    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final String CAFE = "cafe@shop.example";
    private static final String AAAH = "aaah.home.example";
    private static final String AAAF = "aaaf.visited.example";
    private static final String AAAY = "aaay.shop.example";
    private static final String TERMINAL = "terminal.shop.example";
    private static final Amount PRICE = new Amount(new BigDecimal("6.80"), 978);

    @TempDir
    static Path dir;

    private static TopologyFixture fixture;
    private static Path tls;

    @BeforeAll
    static void start() throws Exception {
        Set<Role> roles = EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY, Role.TERMINAL);
        tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of()));
        PkiIssuer.issueAll(tls, "terminal settles lab CA", hosts, List.of("mn1.home.example"));
        fixture = new TopologyFixture().start(roles, RoleApplications.STANDARD, Map.of("tls.dir", tls.toString()));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static AaamAgent agent(Role server) throws Exception {
        AgentEndpoint endpoint = AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(server), LabTls.context(tls, "mn1.home.example", tls))
                .originHost("mn1.home.example").originRealm("home.example").expectedServer(fixture.topology().node(server).host())
                .application(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(6)).build();
        return new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_SPI, MN1_KEY), endpoint, new InMemoryReplayCounters(), VENDOR);
    }


    private static DiameterNode node(Role role) {
        return fixture.topology().node(role);
    }

    private static SettlementRecord atHome(String settlementId) {
        return node(Role.AAAH).installation().aaah().settlements().byId(settlementId).orElseThrow();
    }

    private static AccountEntry homeEntry(String settlementId) {
        return node(Role.AAAH).installation().aaah().accounts().database().entry(atHome(settlementId).entryId()).orElseThrow();
    }

    /** mn1's transferred charges posted this billing period. */
    private static List<AccountEntry> transferredCharges() {
        HomeAccounts accounts = node(Role.AAAH).installation().aaah().accounts();
        return accounts.database().entries(MN1, accounts.queries().periodOf(Instant.now())).stream()
                .filter(e -> e.kind() == EntryKind.TRANSFERRED_CHARGE).toList();
    }

    private static TerminalAccount terminalAccount() {
        return node(Role.TERMINAL).installation().terminal().account();
    }

    private static List<TraceEvent> events(Instant since, String command) {
        return fixture.events().stream().filter(e -> !e.time().isBefore(since) && e.command().equals(command)).toList();
    }

    /** S201-S206 as usual (the AAAY asks the terminal): the price the mobile node then pays. */
    private static PurchaseInfo orderC501(AaamAgent agent) throws ServiceException {
        PurchaseInfo info = agent.accountingInfo(CAFE, "C-501");
        assertThat(info.amount()).isEqualTo(PRICE);
        return info;
    }

    /** The settlement is on mn1's account once, SETTLED, and at the terminal, not at the AAAY. */
    private static void assertSettledAtTheTerminal(Settlement settlement, SettlementMode mode) {
        assertThat(settlement.amount()).isEqualTo(PRICE);
        assertThat(settlement.payee()).isEqualTo(CAFE);
        assertThat(settlement.mode()).isEqualTo(mode);
        SettlementRecord home = atHome(settlement.settlementId());
        assertThat(home.state()).isEqualTo(SettlementState.SETTLED);
        assertThat(home.terminalHost()).isEqualTo(TERMINAL);
        AccountEntry entry = homeEntry(settlement.settlementId());
        assertThat(entry.nai()).isEqualTo(MN1);
        assertThat(entry.kind()).isEqualTo(EntryKind.TRANSFERRED_CHARGE);
        assertThat(entry.amount().amount()).isEqualByComparingTo("6.80");
        assertThat(entry.isValid()).isTrue();
        TerminalSale sale = terminalAccount().find(settlement.settlementId()).orElseThrow();
        assertThat(sale.aaah()).isEqualTo(AAAH);
        assertThat(sale.orderReference()).isEqualTo("C-501");
        assertThat(sale.userName()).isEqualTo(MN1);
        assertThat(sale.amount()).isEqualByComparingTo("6.80");
        assertThat(sale.mode()).isEqualTo(mode.code());
        assertThat(sale.reversed()).isFalse();
        assertThat(node(Role.AAAY).installation().aaay().ledger().find(settlement.settlementId()))
                .as("the AAAY books nothing: the terminal settled").isEmpty();
        assertThat(node(Role.TERMINAL).installation().terminal().notices().notice(settlement.settlementId()))
                .as("no payment notice: a payment request").isEmpty();
    }

    @Test
    void s207_s211_theTerminalWithTheAaaFunctionSettlesAndTheChargeIsRecordedOnce() throws Exception {
        Instant since = Instant.now();
        int chargesBefore = transferredCharges().size();
        BigDecimal balanceBefore = terminalAccount().balance(CAFE);
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 0);
        Settlement settlement;
        try (AaamAgent agent = agent(Role.AAAH)) {
            settlement = agent.settle(orderC501(agent), SettlementMode.DEBIT_PAYEE_ACCOUNT, user);
        }
        assertThat(user.shown).singleElement().satisfies(p -> assertThat(p.settlementId()).isEqualTo(settlement.settlementId()));
        assertSettledAtTheTerminal(settlement, SettlementMode.DEBIT_PAYEE_ACCOUNT);
        assertThat(transferredCharges()).as("charged once").hasSize(chargesBefore + 1);
        assertThat(terminalAccount().balance(CAFE)).as("-X on the shop's account at the terminal")
                .isEqualByComparingTo(balanceBefore.subtract(new BigDecimal("6.80")));
        // the payment request goes to the terminal in place of S208's notice, its answer is S210
        assertThat(events(since, "SER")).extracting(TraceEvent::from, TraceEvent::to, TraceEvent::step)
                .contains(tuple(AAAH, TERMINAL, "S208"));
        assertThat(events(since, "SEA")).anyMatch(e -> e.from().equals(TERMINAL) && e.to().equals(AAAH) && "S210".equals(e.step())
                && e.resultCode() == ResultCodes.SUCCESS);
        assertThat(events(since, "PNR")).as("no payment notice to anybody").isEmpty();
        assertThat(events(since, "SER")).noneMatch(e -> e.to().equals(AAAY));
    }

    @Test
    void s207_s211_theTerminalSettlesWhenTheAaafRelays_mode2() throws Exception {
        Instant since = Instant.now();
        BigDecimal balanceBefore = terminalAccount().balance(CAFE);
        Settlement settlement;
        try (AaamAgent agent = agent(Role.AAAF)) {
            settlement = agent.settle(orderC501(agent), SettlementMode.HOME_ONLY, new ConfirmingUser(ConfirmationCallback.Decision.OK, 0));
        }
        assertSettledAtTheTerminal(settlement, SettlementMode.HOME_ONLY);
        assertThat(terminalAccount().balance(CAFE)).as("mode 2: the sale, no entry").isEqualByComparingTo(balanceBefore);
        assertThat(events(since, "SER")).extracting(TraceEvent::from, TraceEvent::to, TraceEvent::step)
                .contains(tuple(AAAF, AAAH, "S207"), tuple(AAAH, TERMINAL, "S208"));
        assertThat(events(since, "SEA")).extracting(TraceEvent::from, TraceEvent::to, TraceEvent::step)
                .contains(tuple(TERMINAL, AAAH, "S210"), tuple(AAAH, AAAF, "S211"));
    }

    @Test
    void s207_theUserCancelsAtConfirmation_nothingIsSentToTheTerminalNorCharged() throws Exception {
        Instant since = Instant.now();
        int chargesBefore = transferredCharges().size();
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.CANCEL, 0);
        try (AaamAgent agent = agent(Role.AAAF)) {
            PurchaseInfo info = orderC501(agent);
            assertThatThrownBy(() -> agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT, user))
                    .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.USER_REJECTED));
        }
        String id = user.shown.get(0).settlementId();
        assertThat(atHome(id).state()).isEqualTo(SettlementState.REJECTED);
        assertThat(transferredCharges()).hasSize(chargesBefore);
        assertThat(terminalAccount().find(id)).isEmpty();
        assertThat(events(since, "SER")).noneMatch(e -> e.to().equals(TERMINAL));
    }

    @Test
    void s208_theTerminalDown_3002AndNothingIsCharged() throws Exception {
        Instant since = Instant.now();
        int chargesBefore = transferredCharges().size();
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 0);
        try (AaamAgent agent = agent(Role.AAAH)) {
            PurchaseInfo info = orderC501(agent);
            fixture.topology().stop(Role.TERMINAL);
            try {
                assertThatThrownBy(() -> agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT, user))
                        .isInstanceOfSatisfying(ServiceException.class, e -> {
                            assertThat(e.failure()).isEqualTo(ServiceException.Failure.NOT_DELIVERED);
                            assertThat(e.resultCode()).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
                            assertThat(e.getMessage()).contains("the payee's terminal " + TERMINAL + ": cannot be reached");
                        });
            } finally {
                DiameterNode terminal = fixture.topology().restart(Role.TERMINAL);
                assertThat(terminal.awaitPeers(Set.of(AAAH, AAAY), Duration.ofSeconds(20))).isTrue();
            }
        }
        String id = user.shown.get(0).settlementId();
        assertThat(atHome(id).state()).isEqualTo(SettlementState.NOT_SETTLED);
        assertThat(transferredCharges()).hasSize(chargesBefore);
        assertThat(terminalAccount().find(id)).isEmpty();
        assertThat(events(since, "SER")).as("not handed to the AAAY instead").noneMatch(e -> e.to().equals(AAAY));
        assertThat(node(Role.AAAY).installation().aaay().ledger().find(id)).isEmpty();
    }

    @Test
    void s207_s211_aRetransmittedSerSettlesOnceAtTheTerminalAndChargesOnceAtTheAaah() throws Exception {
        Instant since = Instant.now();
        int chargesBefore = transferredCharges().size();
        BigDecimal balanceBefore = terminalAccount().balance(CAFE);
        // the user takes longer than the agent's first wait: the agent sends the SER again with the T flag
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 1800);
        Settlement settlement;
        try (AaamAgent agent = agent(Role.AAAH)) {
            settlement = agent.settle(orderC501(agent), SettlementMode.DEBIT_PAYEE_ACCOUNT, user);
        }
        List<TraceEvent> fromMn = events(since, "SER").stream().filter(e -> e.from().equals("mn1.home.example")).toList();
        assertThat(fromMn).as("both copies reached the AAAH").hasSize(2).anyMatch(TraceEvent::retransmit);
        assertThat(user.shown).as("the user is asked once").hasSize(1);
        assertThat(events(since, "SER").stream().filter(e -> e.to().equals(TERMINAL))).as("the terminal asked once").hasSize(1);
        assertThat(transferredCharges()).as("charged once").hasSize(chargesBefore + 1);
        assertThat(terminalAccount().balance(CAFE)).as("settled once").isEqualByComparingTo(balanceBefore.subtract(new BigDecimal("6.80")));
        assertSettledAtTheTerminal(settlement, SettlementMode.DEBIT_PAYEE_ACCOUNT);
    }

    @Test
    void s25_cancellationReachesTheTerminalOnceAndInvalidatesTheEntry_aSecondCancelIs5804() throws Exception {
        Instant since = Instant.now();
        BigDecimal balanceBefore = terminalAccount().balance(CAFE);
        try (AaamAgent agent = agent(Role.AAAF)) {
            Settlement settlement = agent.settle(orderC501(agent), SettlementMode.DEBIT_PAYEE_ACCOUNT,
                    new ConfirmingUser(ConfirmationCallback.Decision.OK, 0));
            Cancellation cancellation = agent.cancel(settlement.settlementId());
            assertThat(cancellation.refunded()).isEqualTo(PRICE);
            assertThat(homeEntry(settlement.settlementId()).isValid()).isFalse();
            assertThat(atHome(settlement.settlementId()).state()).isEqualTo(SettlementState.CANCELLED);
            assertThat(terminalAccount().find(settlement.settlementId()).orElseThrow().reversed()).isTrue();
            assertThat(terminalAccount().balance(CAFE)).isEqualByComparingTo(balanceBefore);

            assertThatThrownBy(() -> agent.cancel(settlement.settlementId())).isInstanceOfSatisfying(ServiceException.class, e -> {
                assertThat(e.failure()).isEqualTo(ServiceException.Failure.ALREADY_CANCELLED);
                assertThat(e.resultCode()).isEqualTo(VendorResultCodes.ALREADY_CANCELLED);
            });
            assertThat(terminalAccount().balance(CAFE)).as("refunded once").isEqualByComparingTo(balanceBefore);
        }
        assertThat(events(since, "SCR")).extracting(TraceEvent::from, TraceEvent::to).contains(tuple(AAAF, AAAH), tuple(AAAH, TERMINAL));
        assertThat(events(since, "SCR").stream().filter(e -> e.to().equals(TERMINAL))).as("the terminal told once").hasSize(1);
        assertThat(events(since, "SCR")).as("the AAAY is not asked").noneMatch(e -> e.to().equals(AAAY));
    }

    @Test
    void s208_aPriceNotInTheTerminalsCatalogueIsRefused5004AndNothingIsCharged() throws Exception {
        int chargesBefore = transferredCharges().size();
        BigDecimal balanceBefore = terminalAccount().balance(CAFE);
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 0);
        PurchaseInfo madeUp = new PurchaseInfo(CAFE, "C-501", List.of("1 x flat white"), new Amount(new BigDecimal("0.68"), 978),
                Optional.empty(), Optional.empty());
        try (AaamAgent agent = agent(Role.AAAH)) {
            assertThatThrownBy(() -> agent.settle(madeUp, SettlementMode.DEBIT_PAYEE_ACCOUNT, user))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.failure()).isEqualTo(ServiceException.Failure.INVALID_REQUEST);
                        assertThat(e.resultCode()).isEqualTo(ResultCodes.INVALID_AVP_VALUE);
                        assertThat(e.getMessage()).contains("costs 6.80 EUR, not 0.68 EUR").contains(TERMINAL);
                    });
        }
        String id = user.shown.get(0).settlementId();
        assertThat(atHome(id).state()).isEqualTo(SettlementState.NOT_SETTLED);
        assertThat(transferredCharges()).hasSize(chargesBefore);
        assertThat(terminalAccount().find(id)).isEmpty();
        assertThat(terminalAccount().balance(CAFE)).isEqualByComparingTo(balanceBefore);
    }

    @Test
    void s208_aTerminalHostTheMobileNodeSendsDoesNotDecideWhereItIsSettled() throws Exception {
        // shop@shop.example has no agreement: its AAAY is notified (S208/S209), whatever the mobile node says
        Instant since = Instant.now();
        Settlement settlement;
        try (AaamAgent agent = agent(Role.AAAH)) {
            PurchaseInfo info = agent.accountingInfo("shop@shop.example", "A-1001");
            assertThat(info.terminalHost()).contains(TERMINAL);
            settlement = agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT, new ConfirmingUser(ConfirmationCallback.Decision.OK, 0));
        }
        assertThat(atHome(settlement.settlementId()).terminalHost()).isEmpty();
        assertThat(terminalAccount().find(settlement.settlementId())).isEmpty();
        assertThat(node(Role.AAAY).installation().aaay().ledger().find(settlement.settlementId())).isPresent();
        assertThat(events(since, "PNR")).extracting(TraceEvent::from, TraceEvent::to).contains(tuple(AAAH, AAAY), tuple(AAAY, TERMINAL));
        assertThat(events(since, "SER")).noneMatch(e -> e.to().equals(TERMINAL));
    }

    @Test
    void s208_aSerToTheTerminalFromAnotherNodeThanItsAaahIs5003AndSettlesNothing() throws Exception {
        Catalogue.Lookup order = node(Role.TERMINAL).installation().terminal().catalogue().lookup(CAFE, Optional.of("C-501"));
        String id = "not-from-the-aaah-" + System.nanoTime();
        Answer answer = Exchange.send(node(Role.AAAY), node(Role.TERMINAL), CommandCodes.SETTLEMENT, VENDOR.vendorId(),
                VENDOR.accountingServicesApplicationId(), r -> {
                    AvpSet avps = r.getAvps();
                    avps.addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
                    avps.addAvp(AvpCodes.USER_NAME, MN1, true, false, false);
                    PurchaseInfoAvps.add(new AvpWriter(Dictionary.bundled(VENDOR), avps), ((Catalogue.Lookup.Found) order).order(), VENDOR.vendorId());
                    avps.addAvp(VendorAvpCodes.SETTLEMENT_MODE, Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT, VENDOR.vendorId(), true, false);
                    avps.addAvp(VendorAvpCodes.SETTLEMENT_ID, id, VENDOR.vendorId(), true, false, false);
                });
        assertThat(Exchange.resultCode(answer)).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        assertThat(Exchange.identity(answer, AvpCodes.ORIGIN_HOST)).isEqualTo(TERMINAL);
        assertThat(terminalAccount().find(id)).isEmpty();
    }

    @Test
    void s25_afterTheAaahRestarted_theCancellationStillGoesToTheTerminalThatSettled() throws Exception {
        Settlement settlement;
        try (AaamAgent agent = agent(Role.AAAH)) {
            settlement = agent.settle(orderC501(agent), SettlementMode.DEBIT_PAYEE_ACCOUNT, new ConfirmingUser(ConfirmationCallback.Decision.OK, 0));
        }
        DiameterNode aaah = fixture.topology().restart(Role.AAAH);
        assertThat(aaah.awaitPeers(Set.of(AAAF, AAAY, TERMINAL), Duration.ofSeconds(20))).isTrue();
        assertThat(atHome(settlement.settlementId()).terminalHost()).as("where it was settled is stored with it").isEqualTo(TERMINAL);
        Instant since = Instant.now();
        try (AaamAgent agent = agent(Role.AAAH)) {
            assertThat(agent.cancel(settlement.settlementId()).refunded()).isEqualTo(PRICE);
        }
        assertThat(terminalAccount().find(settlement.settlementId()).orElseThrow().reversed()).isTrue();
        assertThat(homeEntry(settlement.settlementId()).isValid()).isFalse();
        assertThat(events(since, "SCR")).extracting(TraceEvent::from, TraceEvent::to).contains(tuple(AAAH, TERMINAL));
        assertThat(events(since, "SCR")).noneMatch(e -> e.to().equals(AAAY));
    }
}
