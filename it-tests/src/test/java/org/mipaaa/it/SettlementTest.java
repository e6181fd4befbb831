package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.aaah.accounting.HomeAccounts;
import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.auth.ReplayCounters;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.Amount;
import org.mipaaa.agent.services.Cancellation;
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.services.Settlement;
import org.mipaaa.agent.services.SettlementCodec;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.agent.transport.AgentConnection;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.agent.transport.WireTap;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryKind;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.payee.PayeeLedger;
import org.mipaaa.payee.PayeeSettlement;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;
import org.mipaaa.settlement.SettlementRecord;
import org.mipaaa.settlement.SettlementState;
import org.mipaaa.settlement.SettlementStore;
import org.mipaaa.shop.PaymentNotices;
import org.mipaaa.trace.TraceEvent;

/**
 * Settlement with the user's confirmation (seed Figs. 16-17, S207-S211; docs/PROTOCOL.md §4.2-§4.5) and
 * cancellation: the mobile node's real AAAM agent over TLS, straight to its AAAH or through the AAAF;
 * AAAF, AAAH, AAAY and shop terminal are the project's jDiameter nodes from config/ with TLS links on
 * loopback and their role services (the shipped payee directory and catalogues). The user's confirmation
 * window is 4 s here (shipped: 120 s, proved by {@code ConfirmationWindowTest}), the AAAH's inline wait
 * the shipped 2 s.
 */
class SettlementTest {

    private static final String MN1 = "mn1@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final long MN1_SPI = 4097;
    private static final String MN2 = "mn2@home.example";
    private static final byte[] MN2_KEY = "demo-mn2-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final long MN2_SPI = 4098;
    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final String SHOP = "shop@shop.example";
    private static final String AAAH = "aaah.home.example";
    private static final String AAAF = "aaaf.visited.example";
    private static final String AAAY = "aaay.shop.example";
    private static final String TERMINAL = "terminal.shop.example";
    private static final Amount PRICE = new Amount(new BigDecimal("23.40"), 978);
    /** The user's confirmation window at this lab's AAAH (services.confirmation.timeout.ms). */
    private static final Duration WINDOW = Duration.ofSeconds(4);

    @TempDir
    static Path dir;

    private static TopologyFixture fixture;
    private static Path tls;

    @BeforeAll
    static void start() throws Exception {
        Set<Role> roles = EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY, Role.TERMINAL);
        tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of()));
        PkiIssuer.issueAll(tls, "settlement lab CA", hosts, List.of("mn1.home.example", "mn2.home.example"));
        fixture = new TopologyFixture().start(roles, RoleApplications.STANDARD, Map.of("tls.dir", tls.toString(),
                "services.confirmation.timeout.ms", Long.toString(WINDOW.toMillis())));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static AgentEndpoint endpoint(Role server, String mobileNodeHost) throws Exception {
        return endpoint(server, mobileNodeHost, WireTap.NONE);
    }

    private static AgentEndpoint endpoint(Role server, String mobileNodeHost, WireTap tap) throws Exception {
        return AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(server), LabTls.context(tls, mobileNodeHost, tls))
                .originHost(mobileNodeHost).originRealm("home.example").expectedServer(fixture.topology().node(server).host())
                .application(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(6))
                .confirmationWindow(WINDOW).wireTap(tap).build();
    }

    /** The Experimental-Result-Codes of the SEAs the agent received, in order (the trace records only what nodes receive). */
    private static List<Long> seaResults(List<byte[]> received) throws Exception {
        List<Long> codes = new ArrayList<>();
        for (byte[] octets : received) {
            DiameterMessage m = DiameterCodec.decode(octets);
            if (m.commandCode() != CommandCodes.SETTLEMENT || m.isRequest()) {
                continue;
            }
            Optional<Avp> rc = m.find(AvpCodes.RESULT_CODE);
            if (rc.isPresent()) {
                codes.add(rc.get().asUnsigned32());
            }
            Optional<Avp> er = m.find(AvpCodes.EXPERIMENTAL_RESULT);
            if (er.isPresent()) {
                for (Avp member : er.get().asGrouped()) {
                    if (member.code() == AvpCodes.EXPERIMENTAL_RESULT_CODE) {
                        codes.add(member.asUnsigned32());
                    }
                }
            }
        }
        return codes;
    }

    private static AaamAgent agent(Role server) throws Exception {
        return new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_SPI, MN1_KEY), endpoint(server, "mn1.home.example"),
                new InMemoryReplayCounters(), VENDOR);
    }


    private static DiameterNode node(Role role) {
        return fixture.topology().node(role);
    }

    private static SettlementRecord atHome(String settlementId) {
        return node(Role.AAAH).installation().aaah().settlements().byId(settlementId).orElseThrow();
    }

    private static AccountEntry homeEntry(String settlementId) {
        SettlementRecord s = atHome(settlementId);
        return node(Role.AAAH).installation().aaah().accounts().database().entry(s.entryId()).orElseThrow();
    }

    /** The transferred charges of mn1 posted this billing period. */
    private static List<AccountEntry> transferredCharges() {
        HomeAccounts accounts = node(Role.AAAH).installation().aaah().accounts();
        return accounts.database().entries(MN1, accounts.queries().periodOf(Instant.now())).stream()
                .filter(e -> e.kind() == EntryKind.TRANSFERRED_CHARGE).toList();
    }

    private static PayeeLedger payeeLedger() {
        return node(Role.AAAY).installation().aaay().ledger();
    }

    private static PaymentNotices notices() {
        return node(Role.TERMINAL).installation().terminal().notices();
    }

    private static List<TraceEvent> events(Instant since, String command) {
        return fixture.events().stream().filter(e -> !e.time().isBefore(since) && e.command().equals(command)).toList();
    }

    private static PurchaseInfo orderA1001(AaamAgent agent) throws ServiceException {
        PurchaseInfo info = agent.accountingInfo(SHOP, "A-1001");
        assertThat(info.amount()).isEqualTo(PRICE);
        return info;
    }

    private void assertSettledAtEveryNode(Settlement settlement, SettlementMode mode) {
        assertThat(settlement.amount()).isEqualTo(PRICE);
        assertThat(settlement.payee()).isEqualTo(SHOP);
        assertThat(settlement.mode()).isEqualTo(mode);
        AccountEntry entry = homeEntry(settlement.settlementId());
        assertThat(entry.nai()).isEqualTo(MN1);
        assertThat(entry.kind()).isEqualTo(EntryKind.TRANSFERRED_CHARGE);
        assertThat(entry.amount().amount()).isEqualByComparingTo("23.40");
        assertThat(entry.isValid()).isTrue();
        assertThat(atHome(settlement.settlementId()).state()).isEqualTo(SettlementState.SETTLED);
        PaymentNotices.Notice notice = notices().notice(settlement.settlementId()).orElseThrow();
        assertThat(notice.orderReference()).isEqualTo("A-1001");
        assertThat(notice.userName()).isEqualTo(MN1);
        assertThat(notice.cancelled()).isFalse();
    }

    @Test
    void s207_s211_settlementConfirmedByTheUser_mode1() throws Exception {
        Instant since = Instant.now();
        BigDecimal balanceBefore = payeeLedger().balance(SHOP);
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 0);
        Settlement settlement;
        try (AaamAgent agent = agent(Role.AAAH)) {
            settlement = agent.settle(orderA1001(agent), SettlementMode.DEBIT_PAYEE_ACCOUNT, user);
        }
        assertThat(user.shown).singleElement().satisfies(p -> {
            assertThat(p.settlementId()).isEqualTo(settlement.settlementId());
            assertThat(p.purchase().amount()).isEqualTo(PRICE);
            assertThat(p.purchase().payee()).isEqualTo(SHOP);
            assertThat(p.purchase().goods()).containsExactly("1 x coffee beans 250 g", "1 x milk frother");
            assertThat(p.mode()).isEqualTo(SettlementMode.DEBIT_PAYEE_ACCOUNT);
        });
        assertSettledAtEveryNode(settlement, SettlementMode.DEBIT_PAYEE_ACCOUNT);
        PayeeSettlement atPayee = payeeLedger().find(settlement.settlementId()).orElseThrow();
        assertThat(atPayee.debitsPayee()).isTrue();
        assertThat(atPayee.reversed()).isFalse();
        assertThat(payeeLedger().balance(SHOP)).isEqualByComparingTo(balanceBefore.subtract(new BigDecimal("23.40")));
        // the seed's steps, each on its hop (the trace records what nodes receive: the UCR reached the
        // mobile node, whose user was shown it above; its UCA reached the AAAH)
        assertThat(events(since, "SER")).anyMatch(e -> e.from().equals("mn1.home.example") && e.to().equals(AAAH));
        assertThat(events(since, "UCA")).anyMatch(e -> e.from().equals("mn1.home.example") && e.to().equals(AAAH)
                && e.resultCode() == ResultCodes.SUCCESS);
        assertThat(events(since, "PNR")).extracting(TraceEvent::from, TraceEvent::to, TraceEvent::step)
                .contains(org.assertj.core.groups.Tuple.tuple(AAAH, AAAY, "S208"), org.assertj.core.groups.Tuple.tuple(AAAY, TERMINAL, "S209"));
        assertThat(events(since, "PNA")).anyMatch(e -> e.from().equals(AAAY) && e.to().equals(AAAH) && "S210".equals(e.step())
                && e.resultCode() == ResultCodes.SUCCESS);
    }

    @Test
    void s207_s211_settlementConfirmedByTheUser_mode2() throws Exception {
        BigDecimal balanceBefore = payeeLedger().balance(SHOP);
        Settlement settlement;
        try (AaamAgent agent = agent(Role.AAAH)) {
            settlement = agent.settle(orderA1001(agent), SettlementMode.HOME_ONLY, new ConfirmingUser(ConfirmationCallback.Decision.OK, 0));
        }
        assertSettledAtEveryNode(settlement, SettlementMode.HOME_ONLY);
        assertThat(payeeLedger().entries(SHOP)).extracting(PayeeSettlement::settlementId).doesNotContain(settlement.settlementId());
        assertThat(payeeLedger().balance(SHOP)).isEqualByComparingTo(balanceBefore);
    }

    @Test
    void s207_s211_settlementConfirmedByTheUser_mode1_throughTheAaaf() throws Exception {
        Instant since = Instant.now();
        Settlement settlement;
        try (AaamAgent agent = agent(Role.AAAF)) {
            settlement = agent.settle(orderA1001(agent), SettlementMode.DEBIT_PAYEE_ACCOUNT, new ConfirmingUser(ConfirmationCallback.Decision.OK, 0));
        }
        assertSettledAtEveryNode(settlement, SettlementMode.DEBIT_PAYEE_ACCOUNT);
        assertThat(payeeLedger().find(settlement.settlementId()).orElseThrow().debitsPayee()).isTrue();
        // S207 and S211 relayed; the UCR goes back the same way: AAAH -> AAAF -> mobile node
        assertThat(events(since, "SER")).anyMatch(e -> e.from().equals(AAAF) && e.to().equals(AAAH) && "S207".equals(e.step()));
        assertThat(events(since, "SEA")).anyMatch(e -> e.from().equals(AAAH) && e.to().equals(AAAF) && "S211".equals(e.step()));
        assertThat(events(since, "UCR")).anyMatch(e -> e.from().equals(AAAH) && e.to().equals(AAAF));
        assertThat(events(since, "UCA")).anyMatch(e -> e.from().equals("mn1.home.example") && e.to().equals(AAAF));
        assertThat(events(since, "UCA")).anyMatch(e -> e.from().equals(AAAF) && e.to().equals(AAAH));
    }

    @Test
    void s207_theUserCancelsAtConfirmation_5801AndNothingIsCharged() throws Exception {
        int chargesBefore = transferredCharges().size();
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.CANCEL, 0);
        try (AaamAgent agent = agent(Role.AAAF)) {
            PurchaseInfo info = orderA1001(agent);
            assertThatThrownBy(() -> agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT, user))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.failure()).isEqualTo(ServiceException.Failure.USER_REJECTED);
                        assertThat(e.resultCode()).isEqualTo(VendorResultCodes.USER_REJECTED);
                    });
        }
        String id = user.shown.get(0).settlementId();
        assertThat(atHome(id).state()).isEqualTo(SettlementState.REJECTED);
        assertThat(transferredCharges()).hasSize(chargesBefore);
        assertThat(payeeLedger().find(id)).isEmpty();
        assertThat(notices().notice(id)).isEmpty();
    }

    @Test
    void s207_noConfirmationInTime_4801AndNothingIsCharged() throws Exception {
        Instant since = Instant.now();
        int chargesBefore = transferredCharges().size();
        // the user answers after the AAAH's window: the SER was answered CONFIRMATION_PENDING, the late OK
        // goes out before the agent asks for the outcome, and changes nothing
        ConfirmingUser slow = new ConfirmingUser(ConfirmationCallback.Decision.OK, WINDOW.toMillis() + 1500);
        List<byte[]> received = new CopyOnWriteArrayList<>();
        try (AaamAgent agent = new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_SPI, MN1_KEY),
                endpoint(Role.AAAH, "mn1.home.example", (outgoing, octets) -> {
                    if (!outgoing) {
                        received.add(octets);
                    }
                }), new InMemoryReplayCounters(), VENDOR)) {
            PurchaseInfo info = orderA1001(agent);
            assertThatThrownBy(() -> agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT, slow))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.failure()).isEqualTo(ServiceException.Failure.CONFIRMATION_TIMEOUT);
                        assertThat(e.resultCode()).isEqualTo(VendorResultCodes.CONFIRMATION_TIMEOUT);
                    });
        }
        String id = slow.shown.get(0).settlementId();
        assertThat(seaResults(received)).as("pending (the T copy too), then the outcome asked for")
                .endsWith((long) VendorResultCodes.CONFIRMATION_PENDING, (long) VendorResultCodes.CONFIRMATION_TIMEOUT)
                .containsOnly((long) VendorResultCodes.CONFIRMATION_PENDING, (long) VendorResultCodes.CONFIRMATION_TIMEOUT);
        assertThat(events(since, "UCA")).as("the late OK reached the AAAH").anyMatch(e -> e.to().equals(AAAH));
        assertThat(atHome(id).state()).isEqualTo(SettlementState.TIMED_OUT);
        assertThat(transferredCharges()).hasSize(chargesBefore);
        assertThat(payeeLedger().find(id)).isEmpty();
    }

    @Test
    void s208_theAaayDown_nothingIsChargedAndTheMobileNodeIsTold() throws Exception {
        int chargesBefore = transferredCharges().size();
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 0);
        try (AaamAgent agent = agent(Role.AAAH)) {
            PurchaseInfo info = orderA1001(agent);
            fixture.topology().stop(Role.AAAY);
            try {
                assertThatThrownBy(() -> agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT, user))
                        .isInstanceOfSatisfying(ServiceException.class, e -> {
                            assertThat(e.failure()).isEqualTo(ServiceException.Failure.NOT_DELIVERED);
                            assertThat(e.resultCode()).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
                            assertThat(e.getMessage()).contains("shop.example");
                        });
            } finally {
                DiameterNode aaay = fixture.topology().restart(Role.AAAY);
                assertThat(node(Role.AAAH).awaitPeers(Set.of(aaay.host()), Duration.ofSeconds(20))).isTrue();
                assertThat(node(Role.TERMINAL).awaitPeers(Set.of(aaay.host()), Duration.ofSeconds(20))).isTrue();
            }
        }
        String id = user.shown.get(0).settlementId();
        assertThat(atHome(id).state()).isEqualTo(SettlementState.NOT_SETTLED);
        assertThat(transferredCharges()).hasSize(chargesBefore);
        assertThat(payeeLedger().find(id)).isEmpty();
        assertThat(notices().notice(id)).isEmpty();
    }

    @Test
    void s207_s211_aRetransmittedSerIsSettledOnce() throws Exception {
        Instant since = Instant.now();
        int chargesBefore = transferredCharges().size();
        // the user takes longer than the agent's first wait (a quarter of 6 s): the agent sends the SER
        // again with the T flag while the AAAH waits for the confirmation
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 1800);
        Settlement settlement;
        try (AaamAgent agent = agent(Role.AAAH)) {
            settlement = agent.settle(orderA1001(agent), SettlementMode.DEBIT_PAYEE_ACCOUNT, user);
        }
        List<TraceEvent> sers = events(since, "SER").stream().filter(e -> e.from().equals("mn1.home.example") && e.to().equals(AAAH)).toList();
        assertThat(sers).as("both copies reached the AAAH").hasSize(2);
        assertThat(sers).filteredOn(TraceEvent::retransmit).hasSize(1);
        assertThat(sers.get(0).endToEnd()).isEqualTo(sers.get(1).endToEnd());
        assertThat(user.shown).as("the user is asked once").hasSize(1);
        assertThat(events(since, "PNR").stream().filter(e -> e.from().equals(AAAH))).as("the payee notified once").hasSize(1);
        assertThat(transferredCharges()).as("charged once").hasSize(chargesBefore + 1);
        assertSettledAtEveryNode(settlement, SettlementMode.DEBIT_PAYEE_ACCOUNT);
    }

    @Test
    void s207_s211_aRetransmittedSerThroughTheAaafIsSettledOnce() throws Exception {
        Instant since = Instant.now();
        int chargesBefore = transferredCharges().size();
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 1800);
        Settlement settlement;
        try (AaamAgent agent = agent(Role.AAAF)) {
            settlement = agent.settle(orderA1001(agent), SettlementMode.DEBIT_PAYEE_ACCOUNT, user);
        }
        assertThat(events(since, "SER").stream().filter(e -> e.from().equals("mn1.home.example") && e.to().equals(AAAF)))
                .as("both copies reached the AAAF").hasSize(2).anyMatch(TraceEvent::retransmit);
        assertThat(user.shown).hasSize(1);
        assertThat(events(since, "PNR").stream().filter(e -> e.from().equals(AAAH))).hasSize(1);
        assertThat(transferredCharges()).hasSize(chargesBefore + 1);
        assertSettledAtEveryNode(settlement, SettlementMode.DEBIT_PAYEE_ACCOUNT);
    }

    /**
     * The same SER sent again (T flag) after the AAAH restarted, when its duplicate detection (in memory)
     * no longer holds the first answer: answered from the stored settlement, the same Settlement-Id, and
     * nothing settled again. The mobile node's side is built by hand here (the agent's own codec and
     * authenticator) so that the very same request can be sent twice across the restart.
     */
    @Test
    void s207_s211_theSameSerAndScrAfterTheAaahRestartedAreAnsweredTheSameAndActedOnOnce() throws Exception {
        AaamSecurityAssociation sa = AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_SPI, MN1_KEY);
        InMemoryReplayCounters counters = new InMemoryReplayCounters();
        PurchaseInfo info;
        try (AaamAgent agent = agent(Role.AAAH)) {
            info = orderA1001(agent);
        }
        int chargesBefore = transferredCharges().size();
        DiameterMessage ser = SettlementCodec.request(VENDOR, "mn1.home.example;77;" + System.nanoTime(), "mn1.home.example",
                "home.example", MN1, info, SettlementMode.DEBIT_PAYEE_ACCOUNT).withIdentifiers(0, 0x5E77_0001L);
        List<Avp> avps = new ArrayList<>(ser.avps());
        avps.add(AaamAuthenticator.sign(DiameterCodec.encode(ser), sa, counters.nextOutgoing(), VENDOR.vendorId()));
        DiameterMessage signed = new DiameterMessage(ser.flags(), ser.commandCode(), ser.applicationId(), 0, ser.endToEnd(), avps);
        AgentConnection.ServerRequests userSaysOk = received -> {
            DiameterMessage uca = SettlementCodec.confirmationAnswer(received.message(), VENDOR, "mn1.home.example", "home.example", MN1,
                    ConfirmationCallback.Decision.OK, 0);
            List<Avp> ucaAvps = new ArrayList<>(uca.avps());
            ucaAvps.add(AaamAuthenticator.sign(DiameterCodec.encode(uca), sa, counters.nextOutgoing(), VENDOR.vendorId()));
            return new DiameterMessage(uca.flags(), uca.commandCode(), uca.applicationId(), uca.hopByHop(), uca.endToEnd(), ucaAvps);
        };
        DiameterMessage first;
        try (AgentConnection link = AgentConnection.open(endpoint(Role.AAAH, "mn1.home.example"), userSaysOk)) {
            first = link.exchange(signed).get(10, java.util.concurrent.TimeUnit.SECONDS).message();
        }
        String id = first.find(VendorAvpCodes.SETTLEMENT_ID, VENDOR.vendorId()).orElseThrow().asUtf8();
        assertThat(first.find(AvpCodes.RESULT_CODE).orElseThrow().asUnsigned32()).isEqualTo(ResultCodes.SUCCESS);

        DiameterNode aaah = fixture.topology().restart(Role.AAAH);
        assertThat(aaah.awaitPeers(Set.of(AAAF, AAAY), Duration.ofSeconds(20))).isTrue();
        DiameterMessage copy = new DiameterMessage(signed.flags() | DiameterMessage.FLAG_RETRANSMITTED, signed.commandCode(),
                signed.applicationId(), 0, signed.endToEnd(), signed.avps());
        DiameterMessage again;
        try (AgentConnection link = AgentConnection.open(endpoint(Role.AAAH, "mn1.home.example"), userSaysOk)) {
            again = link.exchange(copy).get(10, java.util.concurrent.TimeUnit.SECONDS).message();
        }
        assertThat(again.find(AvpCodes.RESULT_CODE).orElseThrow().asUnsigned32()).isEqualTo(ResultCodes.SUCCESS);
        assertThat(again.find(VendorAvpCodes.SETTLEMENT_ID, VENDOR.vendorId()).orElseThrow().asUtf8()).isEqualTo(id);
        assertThat(again.find(VendorAvpCodes.AAAM_AUTHENTICATOR, VENDOR.vendorId())).as("signed").isPresent();
        assertThat(transferredCharges()).as("charged once").hasSize(chargesBefore + 1);
        assertThat(atHome(id).state()).isEqualTo(SettlementState.SETTLED);
        assertThat(payeeLedger().find(id).orElseThrow().reversed()).isFalse();

        // the same for the SCR that cancels it: its copy after a restart is answered 2001 again, a new one 5804
        DiameterMessage scr = SettlementCodec.cancelRequest(VENDOR, "mn1.home.example;78;" + System.nanoTime(), "mn1.home.example",
                "home.example", MN1, id).withIdentifiers(0, 0x5E77_0002L);
        List<Avp> scrAvps = new ArrayList<>(scr.avps());
        scrAvps.add(AaamAuthenticator.sign(DiameterCodec.encode(scr), sa, counters.nextOutgoing(), VENDOR.vendorId()));
        DiameterMessage signedScr = new DiameterMessage(scr.flags(), scr.commandCode(), scr.applicationId(), 0, scr.endToEnd(), scrAvps);
        try (AgentConnection link = AgentConnection.open(endpoint(Role.AAAH, "mn1.home.example"), userSaysOk)) {
            assertThat(link.exchange(signedScr).get(10, java.util.concurrent.TimeUnit.SECONDS).message()
                    .find(AvpCodes.RESULT_CODE).orElseThrow().asUnsigned32()).isEqualTo(ResultCodes.SUCCESS);
        }
        BigDecimal balanceAfterRefund = payeeLedger().balance(SHOP);
        aaah = fixture.topology().restart(Role.AAAH);
        assertThat(aaah.awaitPeers(Set.of(AAAF, AAAY), Duration.ofSeconds(20))).isTrue();
        DiameterMessage scrCopy = new DiameterMessage(signedScr.flags() | DiameterMessage.FLAG_RETRANSMITTED, signedScr.commandCode(),
                signedScr.applicationId(), 0, signedScr.endToEnd(), signedScr.avps());
        try (AgentConnection link = AgentConnection.open(endpoint(Role.AAAH, "mn1.home.example"), userSaysOk)) {
            DiameterMessage sca = link.exchange(scrCopy).get(10, java.util.concurrent.TimeUnit.SECONDS).message();
            assertThat(sca.find(AvpCodes.RESULT_CODE).orElseThrow().asUnsigned32()).as("the copy answered as the first").isEqualTo(ResultCodes.SUCCESS);
            assertThat(sca.find(VendorAvpCodes.SETTLEMENT_ID, VENDOR.vendorId()).orElseThrow().asUtf8()).isEqualTo(id);
        }
        try (AaamAgent agent = agent(Role.AAAH)) {
            assertThatThrownBy(() -> agent.cancel(id)).isInstanceOfSatisfying(ServiceException.class,
                    e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.ALREADY_CANCELLED));
        }
        assertThat(payeeLedger().balance(SHOP)).as("refunded once").isEqualByComparingTo(balanceAfterRefund);
        assertThat(homeEntry(id).isValid()).isFalse();
    }

    /** A settlement of mn1 for order A-1001 as the AAAH stores it, in {@code state}. */
    private static SettlementRecord stored(String settlementId, SettlementState state) {
        return new SettlementRecord(settlementId, SettlementStore.requestKey(MN1, "mn1.home.example;restart;" + settlementId, 1),
                MN1, SHOP, "A-1001", "1 x coffee beans 250 g | 1 x milk frother", new BigDecimal("23.40"), java.util.Currency.getInstance("EUR"),
                1, Instant.now(), state, 0, false, "", "", "", "", "", "");
    }

    /**
     * The AAAH stopped while one settlement waited for its user's confirmation and another, confirmed,
     * for its payee side's answer: at start the first is TIMED_OUT and the second voided at the AAAY
     * (which may have booked it) and NOT_SETTLED; neither is charged, before any SER copy is served.
     */
    @Test
    void s207_s210_whatTheAaahLeftHalfDoneAtARestartIsUndoneAndNothingIsCharged() throws Exception {
        int chargesBefore = transferredCharges().size();
        String awaiting = "restart-awaiting-" + System.nanoTime();
        String confirmed = "restart-confirmed-" + System.nanoTime();
        SettlementStore store = node(Role.AAAH).installation().aaah().settlements();
        // their Purchase-Info is never sent again: the restart ends both
        assertThat(store.open(stored(awaiting, SettlementState.AWAITING_CONFIRMATION), new byte[0])).isEmpty();
        assertThat(store.open(stored(confirmed, SettlementState.CONFIRMED), new byte[0])).isEmpty();
        Instant since = Instant.now();

        DiameterNode aaah = fixture.topology().restart(Role.AAAH);
        assertThat(aaah.awaitPeers(Set.of(AAAF, AAAY), Duration.ofSeconds(20))).isTrue();

        assertThat(atHome(awaiting).state()).isEqualTo(SettlementState.TIMED_OUT);
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> atHome(confirmed).state() == SettlementState.NOT_SETTLED))
                .as("voided at the AAAY, then not settled").isTrue();
        assertThat(atHome(confirmed).resultCode()).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
        assertThat(events(since, "SCR")).anyMatch(e -> e.from().equals(AAAH) && e.to().equals(AAAY));
        assertThat(transferredCharges()).as("nothing charged").hasSize(chargesBefore);
    }

    @Test
    void s25_cancellationInvalidatesTheEntryReversesTheAaayAndTellsTheTerminal() throws Exception {
        Instant since = Instant.now();
        BigDecimal balanceBefore = payeeLedger().balance(SHOP);
        try (AaamAgent agent = agent(Role.AAAF)) {
            Settlement settlement = agent.settle(orderA1001(agent), SettlementMode.DEBIT_PAYEE_ACCOUNT,
                    new ConfirmingUser(ConfirmationCallback.Decision.OK, 0));
            Cancellation cancellation = agent.cancel(settlement.settlementId());
            assertThat(cancellation.refunded()).isEqualTo(PRICE);
            assertThat(homeEntry(settlement.settlementId()).isValid()).isFalse();
            assertThat(atHome(settlement.settlementId()).state()).isEqualTo(SettlementState.CANCELLED);
            assertThat(payeeLedger().find(settlement.settlementId()).orElseThrow().reversed()).isTrue();
            assertThat(payeeLedger().balance(SHOP)).isEqualByComparingTo(balanceBefore);
            assertThat(notices().notice(settlement.settlementId()).orElseThrow().cancelled()).isTrue();
            assertThat(events(since, "SCR")).extracting(TraceEvent::from, TraceEvent::to).contains(
                    org.assertj.core.groups.Tuple.tuple(AAAF, AAAH), org.assertj.core.groups.Tuple.tuple(AAAH, AAAY),
                    org.assertj.core.groups.Tuple.tuple(AAAY, TERMINAL));
        }
    }

    @Test
    void s25_cancellingTwice_5804AndOneRefund() throws Exception {
        try (AaamAgent agent = agent(Role.AAAH)) {
            Settlement settlement = agent.settle(orderA1001(agent), SettlementMode.DEBIT_PAYEE_ACCOUNT,
                    new ConfirmingUser(ConfirmationCallback.Decision.OK, 0));
            agent.cancel(settlement.settlementId());
            BigDecimal balanceAfterRefund = payeeLedger().balance(SHOP);
            assertThatThrownBy(() -> agent.cancel(settlement.settlementId())).isInstanceOfSatisfying(ServiceException.class, e -> {
                assertThat(e.failure()).isEqualTo(ServiceException.Failure.ALREADY_CANCELLED);
                assertThat(e.resultCode()).isEqualTo(VendorResultCodes.ALREADY_CANCELLED);
            });
            assertThat(payeeLedger().balance(SHOP)).isEqualByComparingTo(balanceAfterRefund);
            assertThat(homeEntry(settlement.settlementId()).isValid()).isFalse();
        }
    }

    @Test
    void s25_anUnknownSettlementIs5803() throws Exception {
        try (AaamAgent agent = agent(Role.AAAF)) {
            assertThatThrownBy(() -> agent.cancel("no-such-settlement")).isInstanceOfSatisfying(ServiceException.class, e -> {
                assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNKNOWN_SETTLEMENT);
                assertThat(e.resultCode()).isEqualTo(VendorResultCodes.UNKNOWN_SETTLEMENT);
            });
        }
    }

    @Test
    void s25_anotherMobileNodesSettlementCannotBeCancelled() throws Exception {
        Settlement settlement;
        try (AaamAgent agent = agent(Role.AAAH)) {
            settlement = agent.settle(orderA1001(agent), SettlementMode.DEBIT_PAYEE_ACCOUNT, new ConfirmingUser(ConfirmationCallback.Decision.OK, 0));
        }
        try (AaamAgent mn2 = new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN2, MN2_SPI, MN2_KEY), endpoint(Role.AAAH, "mn2.home.example"),
                new InMemoryReplayCounters(), VENDOR)) {
            assertThatThrownBy(() -> mn2.cancel(settlement.settlementId())).isInstanceOfSatisfying(ServiceException.class,
                    e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNKNOWN_SETTLEMENT));
        }
        assertThat(homeEntry(settlement.settlementId()).isValid()).isTrue();
        assertThat(payeeLedger().find(settlement.settlementId()).orElseThrow().reversed()).isFalse();
    }

    @Test
    void s207_aReplayedAgentRequestIs5805AndNothingIsAskedOrCharged() throws Exception {
        int chargesBefore = transferredCharges().size();
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 0);
        try (AaamAgent agent = new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_SPI, MN1_KEY),
                endpoint(Role.AAAF, "mn1.home.example"), new RepeatingCounters(), VENDOR)) {
            PurchaseInfo info = orderA1001(agent);
            assertThatThrownBy(() -> agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT, user))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.failure()).isEqualTo(ServiceException.Failure.AUTHENTICATION_FAILED);
                        assertThat(e.resultCode()).isEqualTo(VendorResultCodes.AAAM_AUTHENTICATION_FAILED);
                    });
        }
        assertThat(user.shown).isEmpty();
        assertThat(transferredCharges()).hasSize(chargesBefore);
    }

    @Test
    void s207_aNonPositiveAmountIs5004AndNobodyIsAsked() throws Exception {
        int chargesBefore = transferredCharges().size();
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 0);
        PurchaseInfo free = new PurchaseInfo(SHOP, "A-1001", List.of("1 x coffee beans 250 g"), new Amount(new BigDecimal("0.00"), 978),
                java.util.Optional.empty(), java.util.Optional.empty());
        try (AaamAgent agent = agent(Role.AAAF)) {
            assertThatThrownBy(() -> agent.settle(free, SettlementMode.DEBIT_PAYEE_ACCOUNT, user))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.failure()).isEqualTo(ServiceException.Failure.INVALID_REQUEST);
                        assertThat(e.resultCode()).isEqualTo(ResultCodes.INVALID_AVP_VALUE);
                        assertThat(e.getMessage()).contains("positive");
                    });
        }
        assertThat(user.shown).isEmpty();
        assertThat(transferredCharges()).hasSize(chargesBefore);
    }

    @Test
    void s208_anUnknownPayeeAtTheAaayIs5802AndNothingIsCharged() throws Exception {
        int chargesBefore = transferredCharges().size();
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 0);
        PurchaseInfo unknown = new PurchaseInfo("nobody@shop.example", "X-1", List.of(), PRICE, java.util.Optional.empty(),
                java.util.Optional.empty());
        try (AaamAgent agent = agent(Role.AAAH)) {
            assertThatThrownBy(() -> agent.settle(unknown, SettlementMode.DEBIT_PAYEE_ACCOUNT, user))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNKNOWN_PAYEE);
                        assertThat(e.resultCode()).isEqualTo(VendorResultCodes.UNKNOWN_PAYEE);
                        assertThat(e.getMessage()).contains(AAAY);
                    });
        }
        assertThat(user.shown).hasSize(1);
        assertThat(atHome(user.shown.get(0).settlementId()).state()).isEqualTo(SettlementState.NOT_SETTLED);
        assertThat(transferredCharges()).hasSize(chargesBefore);
        assertThat(payeeLedger().find(user.shown.get(0).settlementId())).isEmpty();
    }

    @Test
    void attack2_aPriceTheMobileNodeMadeUpIsRefusedByTheTerminalAndNothingIsBookedOrCharged() throws Exception {
        // order A-1002 costs 9.90 in the terminal's catalogue; mn1 asks to settle it for 0.01, confirms it
        assertPriceRefusedAndNothingBooked(new PurchaseInfo(SHOP, "A-1002", List.of("2 x espresso cup"),
                new Amount(new BigDecimal("0.01"), 978), java.util.Optional.empty(), java.util.Optional.empty()), true);
    }

    @Test
    void attack2_aPriceTheMobileNodeMadeUpIsRefusedByTheAaayHoldingTheCatalogue() throws Exception {
        // kiosk K-77 (7.50) is held at the AAAY itself: no terminal checks it, the AAAY must
        assertPriceRefusedAndNothingBooked(new PurchaseInfo("kiosk@shop.example", "K-77", List.of("1 x newspaper"),
                new Amount(new BigDecimal("0.01"), 978), java.util.Optional.empty(), java.util.Optional.empty()), false);
    }

    @Test
    void attack3_anExponentOfTwoBillionIs5004AtOnceAndNobodyIsAsked() throws Exception {
        int chargesBefore = transferredCharges().size();
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 0);
        PurchaseInfo huge = new PurchaseInfo(SHOP, "A-1001", List.of("1 x coffee beans 250 g"), new Amount(new BigDecimal("1E+2000000000"), 978),
                java.util.Optional.empty(), java.util.Optional.empty());
        long start = System.nanoTime();
        try (AaamAgent agent = agent(Role.AAAH)) {
            assertThatThrownBy(() -> agent.settle(huge, SettlementMode.DEBIT_PAYEE_ACCOUNT, user))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.resultCode()).isEqualTo(ResultCodes.INVALID_AVP_VALUE);
                        assertThat(e.getMessage()).contains("Unit-Value");
                    });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused, not computed").isLessThan(Duration.ofSeconds(5));
        assertThat(user.shown).isEmpty();
        assertThat(transferredCharges()).hasSize(chargesBefore);
    }

    private void assertPriceRefusedAndNothingBooked(PurchaseInfo cheap, boolean terminalAsked) throws Exception {
        int chargesBefore = transferredCharges().size();
        BigDecimal balanceBefore = payeeLedger().balance(cheap.payee());
        Instant since = Instant.now();
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 0);
        try (AaamAgent agent = agent(Role.AAAH)) {
            assertThatThrownBy(() -> agent.settle(cheap, SettlementMode.DEBIT_PAYEE_ACCOUNT, user))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.resultCode()).isEqualTo(ResultCodes.INVALID_AVP_VALUE);
                        assertThat(e.getMessage()).contains("costs");
                    });
        }
        String id = user.shown.get(0).settlementId();
        assertThat(atHome(id).state()).isEqualTo(SettlementState.NOT_SETTLED);
        assertThat(transferredCharges()).hasSize(chargesBefore);
        assertThat(payeeLedger().find(id)).isEmpty();
        assertThat(payeeLedger().balance(cheap.payee())).isEqualByComparingTo(balanceBefore);
        assertThat(notices().notice(id)).isEmpty();
        assertThat(events(since, "PNA")).anyMatch(e -> e.from().equals(AAAY) && e.to().equals(AAAH)
                && Long.valueOf(ResultCodes.INVALID_AVP_VALUE).equals(e.resultCode()));
        if (terminalAsked) {
            assertThat(events(since, "PNA")).anyMatch(e -> e.from().equals(TERMINAL) && e.to().equals(AAAY)
                    && Long.valueOf(ResultCodes.INVALID_AVP_VALUE).equals(e.resultCode()));
        }
    }

    /** Hands out its first counter again and again: every request after the first is a replay to the AAAH. */
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
}
