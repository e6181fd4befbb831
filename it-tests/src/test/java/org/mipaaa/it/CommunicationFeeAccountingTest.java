package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.jdiameter.api.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.accounting.AccountingOutbox;
import org.mipaaa.accounting.AccountingRecord;
import org.mipaaa.billing.statement.AccountQueries;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.fa.UserPlaneRelay;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.ledger.AccountDatabase;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryContent;
import org.mipaaa.ledger.Money;
import org.mipaaa.ledger.RecordType;
import org.mipaaa.messages.AccountingRecords;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.registration.Visit;
import org.mipaaa.registration.VisitListener;
import org.mipaaa.role.Role;

/**
 * Communication-fee accounting, every hop real (seed Fig. 9 S31-S32, Fig. 7 S13-S14): the mobile node's
 * UDP traffic passes through the FA's user-plane relay, which meters it; the FA reports START, INTERIM
 * (every second here) and STOP to the AAAF, which stores them and forwards them to the AAAH, which
 * charges them to the account database. A test tariff of 0.01 EUR per packet, nothing else, makes
 * every fee a hand count.
 */
class CommunicationFeeAccountingTest {

    private static final String MN1 = "mn1@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final Money CENT = Money.of("0.01", java.util.Currency.getInstance("EUR"));

    @TempDir
    Path dir;

    private TopologyFixture fixture;
    private DatagramSocket correspondent;

    @BeforeEach
    void start() throws Exception {
        Path tariffs = dir.resolve("tariffs.properties");
        Files.writeString(tariffs, """
                currency = EUR
                tariff.default.2026-01-01.per-packet = 0.01
                """);
        fixture = new TopologyFixture().start(EnumSet.of(Role.FA, Role.AAAF, Role.AAAH, Role.HA), RoleApplications.STANDARD,
                Map.of("fa.accounting.interval.ms", "1000", "accounting.tariffs.file", tariffs.toString()));
        correspondent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread echo = new Thread(this::echo, "correspondent");
        echo.setDaemon(true);
        echo.start();
    }

    @AfterEach
    void stop() {
        if (correspondent != null) {
            correspondent.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The correspondent node: sends every datagram back. */
    private void echo() {
        byte[] buffer = new byte[65_535];
        while (!correspondent.isClosed()) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                correspondent.receive(p);
                correspondent.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    private ForeignAgent fa() {
        return fixture.topology().node(Role.FA).installation().fa().agent();
    }

    private MobileNode mn1() {
        return new MobileNode(MN1, MnAaaSecurityAssociation.of(256, MN1_KEY), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
    }

    private MobileNode.Outcome register(MobileNode mn) throws Exception {
        ForeignAgent.Advertisement ad = fa().advertise();
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);
        MobileNode.Outcome outcome = registration.accept(MobileIpUdp.exchange(ad.registrationAddress(), registration.bytes()));
        assertThat(outcome.accepted()).as(String.valueOf(outcome.problem())).isTrue();
        return outcome;
    }

    private void deregister(MobileNode mn, MobileNode.Outcome registered) throws Exception {
        Thread.sleep(1100); // a newer timestamp Identification
        ForeignAgent.Advertisement ad = fa().advertise();
        MobileNode.Renewal deregistration = mn.renewal(registered, ad.careOfAddress(), 0);
        assertThat(deregistration.accept(MobileIpUdp.exchange(ad.registrationAddress(), deregistration.bytes())).accepted()).isTrue();
    }

    /** The mobile node sends one datagram of each size to the correspondent through the FA and gets it back. */
    private void traffic(Inet4Address homeAddress, int... sizes) throws Exception {
        InetSocketAddress relay = fixture.topology().node(Role.FA).installation().fa().relay().address();
        InetSocketAddress peer = (InetSocketAddress) correspondent.getLocalSocketAddress();
        try (DatagramSocket mn = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            mn.setSoTimeout(5000);
            for (int size : sizes) {
                byte[] payload = new byte[size];
                Arrays.fill(payload, (byte) size);
                byte[] framed = UserPlaneRelay.frame(homeAddress, (Inet4Address) peer.getAddress(), peer.getPort(), payload, 0, size);
                mn.send(new DatagramPacket(framed, framed.length, relay));
                DatagramPacket back = new DatagramPacket(new byte[65_535], 65_535);
                mn.receive(back);
                assertThat(back.getLength()).as("the echo, with the relay's header").isEqualTo(framed.length);
            }
        }
    }

    private AccountDatabase accounts() {
        return fixture.topology().node(Role.AAAH).installation().aaah().database();
    }

    private List<AccountEntry> mn1Entries() {
        AccountQueries queries = fixture.topology().node(Role.AAAH).installation().aaah().accounts().queries();
        return accounts().entries(MN1, queries.periodOf(Instant.now()));
    }

    /** ACRs received by {@code host}. */
    private long acrs(String host) {
        return fixture.events().stream().filter(e -> e.command().equals("ACR") && e.to().equals(host)).count();
    }

    private static long packets(List<AccountEntry> entries) {
        return entries.stream().mapToLong(e -> ((EntryContent.CommunicationFee) e.content()).usage().packets()).sum();
    }

    private static long octets(List<AccountEntry> entries) {
        return entries.stream().mapToLong(e -> ((EntryContent.CommunicationFee) e.content()).usage().octets()).sum();
    }

    private static Money total(List<AccountEntry> entries) {
        return entries.stream().map(AccountEntry::amount).reduce(Money::plus).orElse(CENT.times(0));
    }

    @Test
    void s31ToS14_theAaahChargesExactlyTheTrafficTheFaRelayed() throws Exception {
        MobileNode mn = mn1();
        MobileNode.Outcome registered = register(mn);
        traffic(registered.homeAddress(), 100, 200, 300, 400);
        Thread.sleep(1500); // at least one INTERIM with the traffic so far
        traffic(registered.homeAddress(), 500);
        deregister(mn, registered);

        // 5 datagrams each way: 1500 octets in and out, 10 packets at 0.01 EUR
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> packets(mn1Entries()) == 10)).as("all records charged").isTrue();
        List<AccountEntry> entries = mn1Entries();
        assertThat(octets(entries)).isEqualTo(3000);
        assertThat(total(entries)).isEqualTo(CENT.times(10));
        // charged as it was reported: by the INTERIMs (a START or a STOP with nothing new makes no entry)
        assertThat(entries).extracting(e -> ((EntryContent.CommunicationFee) e.content()).recordType()).contains(RecordType.INTERIM);
        // every record the FA reported (START, INTERIMs, STOP) reached the AAAH
        String aaaf = fixture.topology().node(Role.AAAF).host();
        String aaah = fixture.topology().node(Role.AAAH).host();
        assertThat(Eventually.within(Duration.ofSeconds(10), () -> acrs(aaah) == acrs(aaaf))).isTrue();
        assertThat(acrs(aaaf)).isGreaterThanOrEqualTo(3);
        assertThat(entries).allSatisfy(e -> assertThat(((EntryContent.CommunicationFee) e.content()).visitedRealm())
                .isEqualTo("visited.example"));
        // the AAAF removes a record once the AAAH's ACA is in, just after the AAAH has recorded it
        AccountingOutbox outbox = fixture.topology().node(Role.AAAF).installation().aaaf().outbox();
        assertThat(Eventually.within(Duration.ofSeconds(10), () -> outbox.size() == 0)).as("nothing left waiting at the AAAF").isTrue();
    }

    @Test
    void aRetransmittedAcrIsAnsweredTheSameAndChargesNothingMore() throws Exception {
        AccountingRecord interim = new AccountingRecord("aaaf.visited.example;1;retransmitted", Enumerations.ACCOUNTING_RECORD_TYPE_INTERIM_RECORD,
                1, MN1, "ha.home.example;1", 1000, 2000, 3, 4, 10, 0, Ipv4.parse("10.1.0.1"), Ipv4.parse("10.1.0.150"), Instant.now());

        Answer first = acrFromTheAaaf(interim, false);
        Answer again = acrFromTheAaaf(interim, true);

        assertThat(Exchange.resultCode(first)).isEqualTo(2001);
        assertThat(Exchange.resultCode(again)).isEqualTo(2001);
        assertThat(again.getAvps().getAvp(AvpCodes.ACCOUNTING_RECORD_NUMBER).getUnsigned32()).isEqualTo(1);
        assertThat(mn1Entries()).hasSize(1);
        assertThat(total(mn1Entries())).isEqualTo(CENT.times(7));
    }

    @Test
    void anAcrWithoutUserNameIsChargedToTheNodeOfItsSessionAtTheAaafAndOfItsMultiSessionAtTheAaah() throws Exception {
        // RFC 6733 §9.7.1: User-Name is optional in the ACR; RFC 4004 §11.2 requires Acct-Multi-Session-Id
        List<Visit> visits = new java.util.concurrent.CopyOnWriteArrayList<>();
        fa().addVisitListener(new VisitListener() {
            @Override
            public void started(Visit visit) {
                visits.add(visit);
            }

            @Override
            public void ended(Visit visit, End why) {
            }
        });
        MobileNode mn = mn1();
        deregister(mn, register(mn));
        Visit visit = visits.get(0);
        AccountingOutbox outbox = fixture.topology().node(Role.AAAF).installation().aaaf().outbox();
        assertThat(Eventually.within(Duration.ofSeconds(10), () -> mn1Entries().stream().anyMatch(e -> isStopOf(e, visit.sessionId()))))
                .as("the visit's STOP recorded").isTrue();
        int before = mn1Entries().size();

        // a foreign agent's late record in its AMR's session, without User-Name: the AAAF knows whose
        AccountingRecord late = new AccountingRecord(visit.sessionId(), Enumerations.ACCOUNTING_RECORD_TYPE_EVENT_RECORD, 100, MN1,
                visit.acctMultiSessionId(), 300, 300, 3, 3, 5, 0, visit.homeAgent(), visit.homeAddress(), Instant.now());
        Answer fromTheFa = withoutUserName(late, Role.FA, Role.AAAF);
        assertThat(Exchange.resultCode(fromTheFa)).isEqualTo(ResultCodes.SUCCESS);
        assertThat(fromTheFa.getAvps().getAvp(AvpCodes.USER_NAME).getUTF8String()).as("the user the AAAF found").isEqualTo(MN1);
        assertThat(Eventually.within(Duration.ofSeconds(10), () -> mn1Entries().size() == before + 1))
                .as("forwarded, naming mn1, and charged to mn1").isTrue();

        // another AAAF's record in a session of its own, without User-Name: the AAAH knows whose by the
        // Acct-Multi-Session-Id the home agent gave mn1's binding, also once the binding has ended
        AccountingRecord relayed = new AccountingRecord("aaaf2.visited.example;1;no-user-name",
                Enumerations.ACCOUNTING_RECORD_TYPE_INTERIM_RECORD, 1, MN1, visit.acctMultiSessionId(), 200, 200, 2, 2, 5, 0,
                visit.homeAgent(), visit.homeAddress(), Instant.now());
        Answer fromTheAaaf = withoutUserName(relayed, Role.AAAF, Role.AAAH);
        assertThat(Exchange.resultCode(fromTheAaaf)).isEqualTo(ResultCodes.SUCCESS);
        assertThat(fromTheAaaf.getAvps().getAvp(AvpCodes.USER_NAME).getUTF8String()).isEqualTo(MN1);
        List<AccountEntry> entries = mn1Entries();
        assertThat(entries).hasSize(before + 2);
        List<AccountEntry> added = entries.stream().filter(e -> isRecord(e, visit.sessionId(), 100) || isRecord(e, relayed.sessionId(), 1))
                .toList();
        assertThat(added).as("both records, charged to mn1").hasSize(2);
        assertThat(packets(added)).as("3 + 3 packets since the visit's STOP, 2 + 2 in the new session").isEqualTo(10);

        // whose a session nobody registered in is cannot be told: 5002 at either server, nothing charged
        AccountingRecord stray = new AccountingRecord("fa.visited.example;1;never-registered",
                Enumerations.ACCOUNTING_RECORD_TYPE_EVENT_RECORD, 1, MN1, "ha.home.example;never-bound", 100, 100, 1, 1, 5, 0,
                visit.homeAgent(), visit.homeAddress(), Instant.now());
        assertThat(Exchange.resultCode(withoutUserName(stray, Role.FA, Role.AAAF))).isEqualTo(ResultCodes.UNKNOWN_SESSION_ID);
        assertThat(Exchange.resultCode(withoutUserName(stray, Role.AAAF, Role.AAAH))).isEqualTo(ResultCodes.UNKNOWN_SESSION_ID);
        assertThat(outbox.size()).as("nothing stored at the AAAF").isZero();
        assertThat(mn1Entries()).hasSize(before + 2);
    }

    private static boolean isStopOf(AccountEntry entry, String sessionId) {
        return entry.content() instanceof EntryContent.CommunicationFee fee && fee.sessionId().equals(sessionId)
                && fee.recordType() == RecordType.STOP;
    }

    private static boolean isRecord(AccountEntry entry, String sessionId, long recordNumber) {
        return entry.content() instanceof EntryContent.CommunicationFee fee && fee.sessionId().equals(sessionId)
                && fee.recordNumber() == recordNumber;
    }

    /** {@code record} as an ACR from {@code from}'s node to {@code to}'s, with no User-Name. */
    private Answer withoutUserName(AccountingRecord record, Role from, Role to) throws Exception {
        DiameterNode server = fixture.topology().node(to);
        DiameterClient.OutgoingRequest acr = fixture.topology().node(from).client().requestInSession(record.sessionId(),
                CommandCodes.ACCOUNTING, org.jdiameter.api.ApplicationId.createByAccAppId(ApplicationIds.MOBILE_IPV4),
                server.realm(), server.host());
        AccountingRecords.write(record, acr.avps());
        acr.request().getAvps().removeAvp(AvpCodes.USER_NAME);
        return acr.send().get(15, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** One ACR from the AAAF node to the AAAH, with the T flag when {@code retransmitted} (RFC 6733 §3). */
    private Answer acrFromTheAaaf(AccountingRecord record, boolean retransmitted) throws Exception {
        DiameterNode aaaf = fixture.topology().node(Role.AAAF);
        DiameterNode aaah = fixture.topology().node(Role.AAAH);
        DiameterClient.OutgoingRequest acr = aaaf.client().requestInSession(record.sessionId(), CommandCodes.ACCOUNTING,
                org.jdiameter.api.ApplicationId.createByAccAppId(ApplicationIds.MOBILE_IPV4), aaah.realm(), aaah.host());
        AccountingRecords.write(record, acr.avps());
        if (retransmitted) {
            acr.request().setReTransmitted(true);
        }
        return acr.send().get(15, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void anAaahOutageLosesNoRecordAndARestartKeepsEveryEntry() throws Exception {
        MobileNode mn = mn1();
        MobileNode.Outcome registered = register(mn);
        Thread.sleep(500); // the START reaches the AAAH
        fixture.topology().stop(Role.AAAH);

        traffic(registered.homeAddress(), 100, 100, 100);
        Thread.sleep(1500);
        deregister(mn, registered);
        AccountingOutbox outbox = fixture.topology().node(Role.AAAF).installation().aaaf().outbox();
        assertThat(Eventually.within(Duration.ofSeconds(10), () -> outbox.size() >= 2))
                .as("the INTERIMs and the STOP wait at the AAAF").isTrue();

        fixture.topology().restart(Role.AAAH);

        assertThat(Eventually.within(Duration.ofSeconds(30), () -> outbox.size() == 0)).as("delivered after the outage").isTrue();
        List<AccountEntry> entries = mn1Entries();
        assertThat(packets(entries)).as("6 packets, each charged once").isEqualTo(6);
        // delivered in order: each entry was posted after the one of the record before it
        List<AccountEntry> byRecord = entries.stream()
                .sorted(java.util.Comparator.comparingLong(e -> ((EntryContent.CommunicationFee) e.content()).recordNumber())).toList();
        assertThat(byRecord).extracting(AccountEntry::postedAt).isSorted();
        assertThat(total(entries)).isEqualTo(CENT.times(6));

        fixture.topology().restart(Role.AAAH);
        assertThat(mn1Entries()).as("acknowledged entries survive a restart").containsExactlyElementsOf(entries);
    }
}
