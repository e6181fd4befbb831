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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.CommitmentCodec;
import org.mipaaa.agent.services.CommunicationCharges;
import org.mipaaa.agent.services.CreditCommunication;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.services.SponsoredCommunication;
import org.mipaaa.agent.transport.AgentConnection;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.commitment.Commitment;
import org.mipaaa.commitment.CommitmentKind;
import org.mipaaa.commitment.CommitmentStore;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.ledger.AccountDatabase;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryContent;
import org.mipaaa.ledger.EntryIds;
import org.mipaaa.ledger.RecordType;
import org.mipaaa.ledger.UsageReport;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.payer.PayerCommitments;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;

/**
 * Sponsored communication and credit communication (seed Fig. 8 S25; docs/PROTOCOL.md §4.7, §4.8): the
 * mobile node's real AAAM agent over TLS, straight to its AAAH or through the AAAF; AAAF, AAAH and AAAY
 * (the sponsor's and credit company's AAA server, config/aaay/payers.properties) are the project's
 * jDiameter nodes from config/ with their fsynced Infinispan stores.
 */
class SponsoredAndCreditCommunicationTest {

    private static final String MN1 = "mn1@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final long MN1_SPI = 4097;
    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();
    /** config/aaay/payers.properties */
    private static final String SPONSOR = "ads@shop.example";
    private static final String CREDIT_COMPANY = "card@shop.example";
    private static final byte[] MN1_CARD = "mn1-card-secret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    private static TopologyFixture fixture;
    private static Path tls;

    @BeforeAll
    static void start() throws Exception {
        Set<Role> roles = EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY);
        tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of()));
        PkiIssuer.issueAll(tls, "sponsored and credit lab CA", hosts, List.of("mn1.home.example"));
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

    private static AgentEndpoint endpoint(Role server) throws Exception {
        return AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(server), LabTls.context(tls, "mn1.home.example", tls))
                .originHost("mn1.home.example").originRealm("home.example").expectedServer(fixture.topology().node(server).host())
                .application(V, VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(6)).build();
    }

    private static AaamAgent agent(Role server) throws Exception {
        return new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_SPI, MN1_KEY), endpoint(server), new InMemoryReplayCounters(), VENDOR);
    }

    private static CommitmentStore atHome() {
        return fixture.topology().node(Role.AAAH).installation().aaah().commitments();
    }

    private static PayerCommitments atPayer() {
        return fixture.topology().node(Role.AAAY).installation().aaay().commitments();
    }

    private static void assertSponsored(SponsoredCommunication s) {
        assertThat(s.sharePercent()).isEqualTo(50);
        assertThat(s.ceiling().orElseThrow().value()).isEqualByComparingTo(new BigDecimal("0.50"));
        assertThat(s.ceiling().orElseThrow().currencyCode()).isEqualTo(978);
        Commitment held = atHome().pending(MN1).orElseThrow();
        assertThat(held.settlementId()).as("the AAAH holds it for the next communication").isEqualTo(s.commitmentId());
        assertThat(held.kind()).isEqualTo(CommitmentKind.SPONSORED);
        assertThat(held.payer()).isEqualTo(SPONSOR);
        assertThat(held.sharePercent()).isEqualTo(50);
    }

    @Test
    void s25_sponsoredCommunicationStraightToTheAaah() throws Exception {
        int before = atPayer().size();
        try (AaamAgent agent = agent(Role.AAAH)) {
            assertSponsored(agent.sponsoredCommunication(SPONSOR, "ad-2026-11"));
        }
        assertThat(atPayer().size()).as("the sponsor committed once").isEqualTo(before + 1);
    }

    @Test
    void s25_sponsoredCommunicationThroughTheAaaf() throws Exception {
        try (AaamAgent agent = agent(Role.AAAF)) {
            assertSponsored(agent.sponsoredCommunication(SPONSOR, "ad-2026-12"));
        }
    }

    @Test
    void s25_creditCommunicationStraightAndThroughTheAaaf() throws Exception {
        for (Role server : List.of(Role.AAAH, Role.AAAF)) {
            CreditCommunication c;
            try (AaamAgent agent = agent(server)) {
                c = agent.creditCommunication(CREDIT_COMPANY, MN1_CARD);
            }
            assertThat(c.limit().orElseThrow().value()).isEqualByComparingTo(new BigDecimal("30.00"));
            Commitment held = atHome().pending(MN1).orElseThrow();
            assertThat(held.settlementId()).isEqualTo(c.commitmentId());
            assertThat(held.kind()).isEqualTo(CommitmentKind.CREDIT);
            assertThat(held.sharePercent()).as("the credit company settles it all").isEqualTo(100);
        }
    }

    @Test
    void s25_aWrongCustomerCredentialIsRefused4001AndNothingCommitted() throws Exception {
        int before = atPayer().size();
        try (AaamAgent agent = agent(Role.AAAF)) {
            assertThatThrownBy(() -> agent.creditCommunication(CREDIT_COMPANY, "mn2-card-secret".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.failure()).isEqualTo(ServiceException.Failure.CREDENTIAL_REFUSED);
                        assertThat(e.resultCode()).isEqualTo(ResultCodes.AUTHENTICATION_REJECTED);
                    });
        }
        assertThat(atPayer().size()).isEqualTo(before);
    }

    @Test
    void s25_anUnknownSponsorIs5802AndAnAdvertisementItDoesNotPayFor5808() throws Exception {
        try (AaamAgent agent = agent(Role.AAAH)) {
            assertThatThrownBy(() -> agent.sponsoredCommunication("nobody@shop.example", "ad-2026-11"))
                    .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNKNOWN_PAYEE));
            assertThatThrownBy(() -> agent.sponsoredCommunication(SPONSOR, "ad-not-sponsored"))
                    .as("an advertisement the sponsor does not sponsor: 5808 NOT_ELIGIBLE from the AAAY, a business outcome")
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.failure()).isEqualTo(ServiceException.Failure.NOT_ELIGIBLE);
                        assertThat(e.resultCode()).isEqualTo(VendorResultCodes.NOT_ELIGIBLE);
                    });
        }
    }

    /**
     * The effect: after the sponsor's commitment (50 %, ceiling 0.50 EUR) the fees of mn1's next
     * communication (the usage the AAAH's ledger records from the ACRs: the same recordUsage the ACR
     * handler calls) are half charged to the sponsor, up to the ceiling; the communication after it is
     * mn1's alone.
     */
    @Test
    void s25_theNextCommunicationsFeeIsChargedToTheSponsorForItsShareUpToTheCeiling() throws Exception {
        SponsoredCommunication s;
        try (AaamAgent agent = agent(Role.AAAH)) {
            s = agent.sponsoredCommunication(SPONSOR, "ad-2026-11");
        }
        AccountDatabase ledger = fixture.topology().node(Role.AAAH).installation().aaah().database();
        Instant t = Instant.now().plusSeconds(5);
        String session = "fa.visited.example;1;" + System.nanoTime();
        ledger.recordUsage(new UsageReport(MN1, session, 0, RecordType.START, "visited.example", t, 0, 0, 0, 0, 0));
        // 40 packets: 0.40 EUR, the sponsor 0.20
        AccountEntry interim = ledger.recordUsage(new UsageReport(MN1, session, 1, RecordType.INTERIM, "visited.example",
                t.plusSeconds(30), 30, 1000, 1000, 20, 20)).entry().orElseThrow();
        // 160 packets more: 1.60 EUR, half is 0.80 but only 0.30 of the ceiling is left
        AccountEntry stop = ledger.recordUsage(new UsageReport(MN1, session, 2, RecordType.STOP, "visited.example",
                t.plusSeconds(60), 60, 5000, 5000, 100, 100)).entry().orElseThrow();
        // the same STOP again (a retransmitted ACR): nothing more for anybody
        ledger.recordUsage(new UsageReport(MN1, session, 2, RecordType.STOP, "visited.example",
                t.plusSeconds(60), 60, 5000, 5000, 100, 100));
        assertThat(interim.amount().amount()).isEqualByComparingTo("0.40");
        assertThat(stop.amount().amount()).isEqualByComparingTo("1.60");
        AccountEntry first = ledger.entry(EntryIds.transferredCharge("commitment " + s.commitmentId() + " " + interim.id())).orElseThrow();
        AccountEntry second = ledger.entry(EntryIds.transferredCharge("commitment " + s.commitmentId() + " " + stop.id())).orElseThrow();
        assertThat(first.amount().amount()).isEqualByComparingTo("-0.20");
        assertThat(second.amount().amount()).as("capped by the ceiling").isEqualByComparingTo("-0.30");
        assertThat(((EntryContent.TransferredCharge) second.content()).payee()).isEqualTo(SPONSOR);
        assertThat(((EntryContent.TransferredCharge) second.content()).goods()).contains(s.commitmentId());
        List<AccountEntry> mine = ledger.entries(MN1, fixture.topology().node(Role.AAAH).installation().aaah().accounts()
                .calendar().periodOf(t));
        assertThat(mine).filteredOn(e -> e.id().contains(s.commitmentId())).as("one part per fee, however often recorded").hasSize(2);
        assertThat(atHome().pending(MN1)).as("applied once: no longer waiting").isEmpty();
        // mn1's own statement (CQA through the AAAF) shows the sponsor's parts, and its total counts only mn1's part
        CommunicationCharges charges;
        try (AaamAgent agent = agent(Role.AAAF)) {
            charges = agent.communicationCharges(YearMonth.from(t.atZone(ZoneOffset.UTC)));
        }
        assertThat(charges.entries()).filteredOn(e -> e.payee().filter(SPONSOR::equals).isPresent())
                .extracting(e -> e.amount().value()).usingElementComparator(BigDecimal::compareTo)
                .contains(new BigDecimal("-0.20"), new BigDecimal("-0.30"));
        assertThat(charges.total().value()).as("0.40 + 1.60 - 0.20 - 0.30: mn1's own part only").isEqualByComparingTo("1.50");

        // the communication after it: mn1's alone
        String next = "fa.visited.example;2;" + System.nanoTime();
        ledger.recordUsage(new UsageReport(MN1, next, 0, RecordType.START, "visited.example", t.plusSeconds(120), 0, 0, 0, 0, 0));
        AccountEntry later = ledger.recordUsage(new UsageReport(MN1, next, 1, RecordType.STOP, "visited.example",
                t.plusSeconds(180), 60, 100, 100, 5, 5)).entry().orElseThrow();
        assertThat(ledger.entry(EntryIds.transferredCharge("commitment " + s.commitmentId() + " " + later.id()))).isEmpty();
        assertThat(atHome().charged(atHome().boundTo(session).orElseThrow()).minorUnits()).isEqualTo(50);
    }

    /** An SCMR signed with mn1's association but naming mn2: 5003, signed, and nothing reaches the sponsor. */
    @Test
    void s25_anotherMobileNodesUserNameIsRefused5003() throws Exception {
        int before = atPayer().size();
        DiameterMessage answer = sendSigned(CommitmentCodec.sponsoredRequest(VENDOR, "mn1.home.example;91;" + System.nanoTime(),
                "mn1.home.example", "home.example", "mn2@home.example", SPONSOR, "ad-2026-11").withIdentifiers(0, 0x5C30_0001L));
        assertThat(answer.find(AvpCodes.RESULT_CODE).orElseThrow().asUnsigned32()).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        assertThat(answer.find(VendorAvpCodes.AAAM_AUTHENTICATOR, V)).as("signed").isPresent();
        assertThat(atPayer().size()).isEqualTo(before);
        assertThat(atHome().pending("mn2@home.example")).isEmpty();
    }

    /** The same signed SCMR twice, the second with the T flag: the same commitment, made once at the AAAY and stored once. */
    @Test
    void s25_aRetransmittedRequestIsCommittedOnce() throws Exception {
        int before = atPayer().size();
        DiameterMessage scmr = CommitmentCodec.sponsoredRequest(VENDOR, "mn1.home.example;92;" + System.nanoTime(),
                "mn1.home.example", "home.example", MN1, SPONSOR, "ad-2026-11").withIdentifiers(0, 0x5C30_0002L);
        List<DiameterMessage> answers = sendTwice(scmr);
        String id = answers.get(0).find(VendorAvpCodes.SETTLEMENT_ID, V).orElseThrow().asUtf8();
        for (DiameterMessage a : answers) {
            assertThat(a.find(AvpCodes.RESULT_CODE).orElseThrow().asUnsigned32()).isEqualTo(ResultCodes.SUCCESS);
            assertThat(a.find(VendorAvpCodes.SETTLEMENT_ID, V).orElseThrow().asUtf8()).isEqualTo(id);
        }
        assertThat(atPayer().size()).as("committed once at the sponsor").isEqualTo(before + 1);
        assertThat(atHome().pending(MN1).orElseThrow().settlementId()).isEqualTo(id);
    }

    /**
     * The same signed SCMR again with the T flag after the AAAH restarted (its in-memory duplicate
     * detection forgotten, the copy's replay counter already used): answered from the stored
     * commitment, the same id, signed, and nothing committed again at the sponsor.
     */
    @Test
    void s25_theSameRequestAfterTheAaahRestartedIsAnsweredTheSameAndCommittedOnce() throws Exception {
        int before = atPayer().size();
        DiameterMessage signed = sign(CommitmentCodec.sponsoredRequest(VENDOR, "mn1.home.example;94;" + System.nanoTime(),
                "mn1.home.example", "home.example", MN1, SPONSOR, "ad-2026-12").withIdentifiers(0, 0x5C30_0004L));
        DiameterMessage first;
        try (AgentConnection link = AgentConnection.open(endpoint(Role.AAAH))) {
            first = link.exchange(signed).get(10, TimeUnit.SECONDS).message();
        }
        assertThat(first.find(AvpCodes.RESULT_CODE).orElseThrow().asUnsigned32()).isEqualTo(ResultCodes.SUCCESS);
        String id = first.find(VendorAvpCodes.SETTLEMENT_ID, V).orElseThrow().asUtf8();

        DiameterNode aaah = fixture.topology().restart(Role.AAAH);
        assertThat(aaah.awaitPeers(Set.of("aaaf.visited.example", "aaay.shop.example"), Duration.ofSeconds(20)))
                .isTrue();
        DiameterMessage copy = new DiameterMessage(signed.flags() | DiameterMessage.FLAG_RETRANSMITTED, signed.commandCode(),
                signed.applicationId(), 0, signed.endToEnd(), signed.avps());
        DiameterMessage again;
        try (AgentConnection link = AgentConnection.open(endpoint(Role.AAAH))) {
            again = link.exchange(copy).get(10, TimeUnit.SECONDS).message();
        }
        assertThat(again.find(AvpCodes.RESULT_CODE).orElseThrow().asUnsigned32()).isEqualTo(ResultCodes.SUCCESS);
        assertThat(again.find(VendorAvpCodes.SETTLEMENT_ID, V).orElseThrow().asUtf8()).isEqualTo(id);
        assertThat(again.find(VendorAvpCodes.AAAM_AUTHENTICATOR, V)).as("signed").isPresent();
        assertThat(atPayer().size()).as("committed once at the sponsor").isEqualTo(before + 1);
        assertThat(atHome().pending(MN1).orElseThrow().settlementId()).isEqualTo(id);
    }

    private static List<DiameterMessage> sendTwice(DiameterMessage request) throws Exception {
        DiameterMessage signed = sign(request);
        DiameterMessage copy = new DiameterMessage(signed.flags() | DiameterMessage.FLAG_RETRANSMITTED, signed.commandCode(),
                signed.applicationId(), 0, signed.endToEnd(), signed.avps());
        try (AgentConnection link = AgentConnection.open(endpoint(Role.AAAH))) {
            DiameterMessage first = link.exchange(signed).get(10, TimeUnit.SECONDS).message();
            DiameterMessage second = link.exchange(copy).get(10, TimeUnit.SECONDS).message();
            return List.of(first, second);
        }
    }

    private static DiameterMessage sendSigned(DiameterMessage request) throws Exception {
        try (AgentConnection link = AgentConnection.open(endpoint(Role.AAAH))) {
            return link.exchange(sign(request)).get(10, TimeUnit.SECONDS).message();
        }
    }

    private static DiameterMessage sign(DiameterMessage request) throws Exception {
        AaamSecurityAssociation sa = AaamSecurityAssociation.fromMnAaaKey(MN1, MN1_SPI, MN1_KEY);
        List<Avp> avps = new ArrayList<>(request.avps());
        avps.add(AaamAuthenticator.sign(DiameterCodec.encode(request), sa, new InMemoryReplayCounters().nextOutgoing(), V));
        return new DiameterMessage(request.flags(), request.commandCode(), request.applicationId(), 0, request.endToEnd(), avps);
    }
}
