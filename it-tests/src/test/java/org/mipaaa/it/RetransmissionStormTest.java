package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jdiameter.api.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.aaah.accounting.HomeAccounts;
import org.mipaaa.accounting.AccountingRecord;
import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.SettlementCodec;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.agent.transport.AgentConnection;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryKind;
import org.mipaaa.messages.AccountingRecords;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.payee.PayeeLedger;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;

/**
 * Issue 14, "retransmission storm and restart": every settlement, cancellation and accounting record
 * sent three times, the copies with the T flag (RFC 6733 §3), interleaved with the originals on the
 * wire and across restarts of the AAAH. What was acknowledged is never lost and nothing is charged,
 * booked or refunded twice: the ledgers end exact.
 */
class RetransmissionStormTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final String MN1 = "mn1@home.example";
    private static final String MN1_HOST = "mn1.home.example";
    private static final AaamSecurityAssociation MN1_SA = AaamSecurityAssociation.fromMnAaaKey(MN1, 4097,
            "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII));
    private static final String SHOP = "shop@shop.example";
    private static final BigDecimal PRICE = new BigDecimal("23.40");
    private static final int SETTLEMENTS = 4;
    private static final int RECORDS = 4;

    @TempDir
    static Path dir;

    private static TopologyFixture fixture;
    private static Path tls;
    /** The agent's counters across all its connections: each signed request and answer once. */
    private final InMemoryReplayCounters counters = new InMemoryReplayCounters();

    @BeforeAll
    static void start() throws Exception {
        Set<Role> roles = EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY, Role.TERMINAL);
        tls = dir.resolve("tls");
        PkiIssuer.issueAll(tls, "storm lab CA", new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of())),
                List.of(MN1_HOST));
        Path tariffs = dir.resolve("tariffs.properties");
        Files.writeString(tariffs, """
                currency = EUR
                tariff.default.2026-01-01.per-packet = 0.01
                """);
        fixture = new TopologyFixture().start(roles, RoleApplications.STANDARD,
                Map.of("tls.dir", tls.toString(), "accounting.tariffs.file", tariffs.toString()));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static DiameterNode node(Role role) {
        return fixture.topology().node(role);
    }

    private static AgentEndpoint endpoint() throws Exception {
        return AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(Role.AAAH), LabTls.context(tls, MN1_HOST, tls))
                .originHost(MN1_HOST).originRealm("home.example").expectedServer("aaah.home.example")
                .application(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(10)).build();
    }

    /** {@code unsigned} signed with mn1's association, as the agent sends it. */
    private DiameterMessage signed(DiameterMessage unsigned) {
        List<Avp> avps = new ArrayList<>(unsigned.avps());
        avps.add(AaamAuthenticator.sign(DiameterCodec.encode(unsigned), MN1_SA, counters.nextOutgoing(), VENDOR.vendorId()));
        return new DiameterMessage(unsigned.flags(), unsigned.commandCode(), unsigned.applicationId(), unsigned.hopByHop(),
                unsigned.endToEnd(), avps);
    }

    /** The same octets with the T flag: what a retransmitting agent (or an AAAF failing over) sends. */
    private static DiameterMessage copy(DiameterMessage sent) {
        return new DiameterMessage(sent.flags() | DiameterMessage.FLAG_RETRANSMITTED, sent.commandCode(), sent.applicationId(), 0,
                sent.endToEnd(), sent.avps());
    }

    /** The user says OK to every confirmation the AAAH asks for (S207's UCR). */
    private AgentConnection.ServerRequests userSaysOk() {
        return received -> signed(SettlementCodec.confirmationAnswer(received.message(), VENDOR, MN1_HOST, "home.example", MN1,
                ConfirmationCallback.Decision.OK, 0));
    }

    private static long result(CompletableFuture<AgentConnection.Received> answer) throws Exception {
        DiameterMessage m = answer.get(30, TimeUnit.SECONDS).message();
        return m.find(AvpCodes.RESULT_CODE).orElseThrow(() -> new AssertionError("no Result-Code in " + m)).asUnsigned32();
    }

    private static String settlementId(CompletableFuture<AgentConnection.Received> answer) throws Exception {
        return answer.get(30, TimeUnit.SECONDS).message().find(VendorAvpCodes.SETTLEMENT_ID, VENDOR.vendorId()).orElseThrow().asUtf8();
    }

    /** An accounting record of a visit, as the AAAF forwards it to the AAAH. */
    private static AccountingRecord record(int i) {
        return new AccountingRecord("aaaf.visited.example;storm;" + i, Enumerations.ACCOUNTING_RECORD_TYPE_INTERIM_RECORD, 1, MN1,
                "ha.home.example;storm;" + i, 1000, 2000, 3, 4, 10, 0, Ipv4.parse("10.1.0.1"), Ipv4.parse("10.1.0.150"), Instant.now());
    }

    /** The record as an ACR from the AAAF node to the AAAH, with the T flag when {@code retransmitted}. */
    private static CompletableFuture<Answer> acr(AccountingRecord record, boolean retransmitted) throws Exception {
        DiameterNode aaah = node(Role.AAAH);
        DiameterClient.OutgoingRequest acr = node(Role.AAAF).client().requestInSession(record.sessionId(), CommandCodes.ACCOUNTING,
                org.jdiameter.api.ApplicationId.createByAccAppId(ApplicationIds.MOBILE_IPV4), aaah.realm(), aaah.host());
        AccountingRecords.write(record, acr.avps());
        acr.request().setReTransmitted(retransmitted);
        return acr.send().toCompletableFuture();
    }

    private static List<AccountEntry> mn1Entries(EntryKind kind) {
        HomeAccounts accounts = node(Role.AAAH).installation().aaah().accounts();
        return accounts.database().entries(MN1, accounts.queries().periodOf(Instant.now())).stream().filter(e -> e.kind() == kind).toList();
    }

    private static PayeeLedger payees() {
        return node(Role.AAAY).installation().aaay().ledger();
    }

    private static void restartTheAaah() throws Exception {
        DiameterNode aaah = fixture.topology().restart(Role.AAAH);
        assertThat(aaah.awaitPeers(Set.of(node(Role.AAAF).host(), node(Role.AAAY).host()), Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void everySettlementCancellationAndAcrThreeTimesInterleavedAcrossAaahRestartsIsActedOnOnce() throws Exception {
        PurchaseInfo order;
        try (AaamAgent agent = new AaamAgent(MN1_SA, endpoint(), counters, VENDOR)) {
            order = agent.accountingInfo(SHOP, "A-1001");
        }
        int chargesBefore = mn1Entries(EntryKind.TRANSFERRED_CHARGE).size();
        int feesBefore = mn1Entries(EntryKind.COMMUNICATION_FEE).size();
        BigDecimal balanceBefore = payees().balance(SHOP);

        List<DiameterMessage> sers = new ArrayList<>();
        for (int i = 0; i < SETTLEMENTS; i++) {
            sers.add(signed(SettlementCodec.request(VENDOR, MN1_HOST + ";storm;" + i + ";" + System.nanoTime(), MN1_HOST, "home.example",
                    MN1, order, SettlementMode.DEBIT_PAYEE_ACCOUNT).withIdentifiers(0, 0x5707_0000L + i)));
        }
        List<AccountingRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(record(i));
        }

        // 1. each SER and its first copy back to back on the wire, the ACRs and theirs in between
        List<CompletableFuture<AgentConnection.Received>> firsts = new ArrayList<>();
        List<CompletableFuture<AgentConnection.Received>> copies = new ArrayList<>();
        List<CompletableFuture<Answer>> acrAnswers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (AgentConnection link = AgentConnection.open(endpoint(), userSaysOk())) {
            for (int i = 0; i < SETTLEMENTS; i++) {
                firsts.add(link.exchange(sers.get(i)));
                copies.add(link.exchange(copy(sers.get(i))));
                acrAnswers.add(acr(records.get(i), false));
                acrAnswers.add(acr(records.get(i), true));
            }
            for (int i = 0; i < SETTLEMENTS; i++) {
                assertThat(result(firsts.get(i))).isEqualTo(ResultCodes.SUCCESS);
                assertThat(result(copies.get(i))).as("the copy answered as the first").isEqualTo(ResultCodes.SUCCESS);
                ids.add(settlementId(firsts.get(i)));
                assertThat(settlementId(copies.get(i))).isEqualTo(ids.get(i));
            }
        }
        for (CompletableFuture<Answer> a : acrAnswers) {
            assertThat(Exchange.resultCode(a.get(30, TimeUnit.SECONDS))).isEqualTo(ResultCodes.SUCCESS);
        }
        assertThat(ids).doesNotHaveDuplicates();

        // 2. the AAAH restarts; every request comes a third time
        restartTheAaah();
        try (AgentConnection link = AgentConnection.open(endpoint(), userSaysOk())) {
            for (int i = 0; i < SETTLEMENTS; i++) {
                CompletableFuture<AgentConnection.Received> third = link.exchange(copy(sers.get(i)));
                assertThat(result(third)).isEqualTo(ResultCodes.SUCCESS);
                assertThat(settlementId(third)).as("answered from what survived the restart").isEqualTo(ids.get(i));
            }
        }
        for (AccountingRecord r : records) {
            assertThat(Exchange.resultCode(acr(r, true).get(30, TimeUnit.SECONDS))).isEqualTo(ResultCodes.SUCCESS);
        }

        // 3. the first two cancelled, each SCR with a copy at once and a third after another restart
        List<DiameterMessage> scrs = new ArrayList<>();
        try (AgentConnection link = AgentConnection.open(endpoint(), userSaysOk())) {
            List<CompletableFuture<AgentConnection.Received>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                scrs.add(signed(SettlementCodec.cancelRequest(VENDOR, MN1_HOST + ";storm-cancel;" + i + ";" + System.nanoTime(), MN1_HOST,
                        "home.example", MN1, ids.get(i)).withIdentifiers(0, 0x5707_1000L + i)));
                answers.add(link.exchange(scrs.get(i)));
                answers.add(link.exchange(copy(scrs.get(i))));
            }
            for (CompletableFuture<AgentConnection.Received> a : answers) {
                assertThat(result(a)).isEqualTo(ResultCodes.SUCCESS);
            }
        }
        restartTheAaah();
        try (AgentConnection link = AgentConnection.open(endpoint(), userSaysOk())) {
            for (DiameterMessage scr : scrs) {
                assertThat(result(link.exchange(copy(scr)))).as("the third SCR answered as the first").isEqualTo(ResultCodes.SUCCESS);
            }
        }

        // the ledgers, exact: four charges and two of them refunded once, four fees, four bookings and two reversals
        List<AccountEntry> charges = mn1Entries(EntryKind.TRANSFERRED_CHARGE);
        assertThat(charges).hasSize(chargesBefore + SETTLEMENTS);
        for (int i = 0; i < SETTLEMENTS; i++) {
            String id = ids.get(i);
            var settlement = node(Role.AAAH).installation().aaah().settlements().byId(id).orElseThrow();
            AccountEntry entry = node(Role.AAAH).installation().aaah().accounts().database().entry(settlement.entryId()).orElseThrow();
            assertThat(entry.amount().amount()).isEqualByComparingTo(PRICE);
            assertThat(entry.isValid()).as("settlement " + i + " valid unless cancelled").isEqualTo(i >= 2);
            assertThat(payees().find(id).orElseThrow().reversed()).isEqualTo(i < 2);
        }
        assertThat(payees().balance(SHOP)).isEqualByComparingTo(balanceBefore.subtract(PRICE.multiply(BigDecimal.valueOf(SETTLEMENTS - 2))));
        assertThat(mn1Entries(EntryKind.COMMUNICATION_FEE)).hasSize(feesBefore + RECORDS);
    }
}
