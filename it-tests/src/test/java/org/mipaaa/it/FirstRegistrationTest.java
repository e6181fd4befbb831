package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.ha.HomeAgentRenewals;
import org.mipaaa.ha.SessionTermination;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.MobileForeignAuthentication;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.RegistrationReply;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.registration.AddressRange;
import org.mipaaa.registration.BindingEndListener;
import org.mipaaa.registration.HomeAddressPool;
import org.mipaaa.registration.InfinispanBindingTable;
import org.mipaaa.registration.InfinispanHomeAddressPool;
import org.mipaaa.registration.InfinispanSubscriberDirectory;
import org.mipaaa.registration.MobilityBinding;
import org.mipaaa.registration.PendingTerminations;
import org.mipaaa.registration.Subscriber;
import org.mipaaa.registration.Visit;
import org.mipaaa.registration.VisitListener;
import org.mipaaa.role.Role;

/**
 * A roaming mobile node's first registration, every hop real (seed Figs. 10-12): the FA's challenge
 * (S101), the Registration Request over UDP to the FA (S102), AMR FA -> AAAF (S103) -> AAAH (S104),
 * HAR AAAH -> HA (S105), and the reply back through AAAH, AAAF and FA (S106) to the mobile node,
 * which checks the home agent's and the foreign agent's authenticators with the keys it derives
 * itself. DIAMETER links are TLS; the mobile node is the aaam-agent library's {@link MobileNode}.
 *
 * <p>One topology for the class; each test is the story of a subscriber of its own, provisioned at the
 * AAAH before it begins, so no test sees what another left behind (a registration, an address, an
 * aborted session). The two that stop a node run last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstRegistrationTest {

    /** home.address.pool of config/aaah. */
    private static final AddressRange POOL = AddressRange.parse("10.1.0.100-10.1.0.199");

    private final SecureRandom random = new SecureRandom();
    private TopologyFixture fixture;
    private int subscribers;
    /** This test's subscriber: its NAI and its MN-AAA security association. */
    private String nai;
    private MnAaaSecurityAssociation key;

    @BeforeAll
    void start() throws Exception {
        fixture = new TopologyFixture().start(EnumSet.of(Role.FA, Role.AAAF, Role.AAAH, Role.HA), RoleApplications.STANDARD, Map.of());
    }

    @BeforeEach
    void provisionASubscriberOfItsOwn() throws InterruptedException {
        // a test before may have restarted a node: its links up again first
        assertThat(fixture.topology().awaitLinks(Duration.ofSeconds(20))).as("the topology's links").isTrue();
        nai = "roamer" + (++subscribers) + "@home.example";
        byte[] aaaKey = new byte[16];
        random.nextBytes(aaaKey);
        key = MnAaaSecurityAssociation.of(256, aaaKey);
        InfinispanSubscriberDirectory.in(fixture.topology().node(Role.AAAH).state()).put(Subscriber.of(nai, key));
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private ForeignAgent foreignAgent() {
        return fixture.topology().node(Role.FA).installation().fa().agent();
    }

    /** Sends {@code request} to the FA's registration port and waits for its reply. */
    private static byte[] exchange(ForeignAgent.Advertisement ad, byte[] request) throws Exception {
        return MobileIpUdp.exchange(ad.registrationAddress(), request);
    }

    @Test
    void s101ToS106_theMobileNodeRegistersThroughFaAaafAaahAndHaAndHoldsBothKeys() throws Exception {
        MobileNode mn = mn1();
        ForeignAgent.Advertisement ad = foreignAgent().advertise();                                 // S101
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);

        byte[] reply = exchange(ad, registration.bytes());                                          // S102 ... S106
        MobileNode.Outcome outcome = registration.accept(reply);

        assertThat(outcome.accepted()).as(String.valueOf(outcome.problem())).isTrue();
        assertThat(outcome.reply().code()).isEqualTo(ReplyCode.ACCEPTED);
        assertThat(outcome.mnHaKey()).isNotNull();
        assertThat(outcome.mnFaKey()).as("the FA authenticated the reply with the MN-FA key").isNotNull();
        // RFC 4721 §3.3: the accepted reply carries the challenge for the node's next registration, under
        // the Mobile-Foreign authenticator
        RegistrationPacket accepted = RegistrationCodec.decodeReply(reply);
        assertThat(accepted.fields(MnFaChallenge.class)).hasSize(1);
        assertThat(accepted.fields(MnFaChallenge.class).get(0).offset())
                .isLessThan(accepted.fields(MobileForeignAuthentication.class).get(0).offset());
        // S105: the home agent holds the binding for the address the AAAH allocated, care-of the FA
        var binding = InfinispanBindingTable.in(fixture.topology().node(Role.HA).state()).find(outcome.homeAddress()).orElseThrow();
        assertThat(binding.nai()).isEqualTo(nai);
        assertThat(binding.careOfAddress()).isEqualTo(ad.careOfAddress());
        // every hop, as the receiving nodes saw it
        Topology t = fixture.topology();
        assertThat(fixture.events()).anyMatch(e -> "S103".equals(e.step()) && e.to().equals(t.node(Role.AAAF).host()));
        assertThat(fixture.events()).anyMatch(e -> "S104".equals(e.step()) && e.to().equals(t.node(Role.AAAH).host()));
        assertThat(fixture.events()).anyMatch(e -> "S105".equals(e.step()) && e.to().equals(t.node(Role.HA).host()));
        assertThat(fixture.events()).anyMatch(e -> "S106".equals(e.step()) && e.to().equals(t.node(Role.FA).host())
                && Long.valueOf(2001).equals(e.resultCode()));
        // S104: the AAAF's entry for the visitor, made once its home accepted it
        assertThat(t.node(Role.AAAF).installation().aaaf().visitors().entry(nai)).isPresent();
    }

    /** A first registration, accepted: what the renewals build on. */
    private MobileNode.Outcome registered(MobileNode mn) throws Exception {
        return registered(mn, 1200);
    }

    private MobileNode.Outcome registered(MobileNode mn, int lifetimeSeconds) throws Exception {
        ForeignAgent.Advertisement ad = foreignAgent().advertise();
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), lifetimeSeconds);
        MobileNode.Outcome outcome = registration.accept(exchange(ad, registration.bytes()));
        assertThat(outcome.accepted()).as(String.valueOf(outcome.problem())).isTrue();
        return outcome;
    }

    @Test
    void s107ToS110_aRenewalGoesFaToHaWithoutTheAaaAndBothAuthenticatorsCheckOut() throws Exception {
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn);
        ForeignAgent.Advertisement ad = foreignAgent().advertise();
        long amrsBefore = amrs();
        Thread.sleep(1100); // a newer timestamp Identification (RFC 5944 §5.7.1) than the first registration's

        MobileNode.Renewal renewal = mn.renewal(first, ad.careOfAddress(), 900);
        MobileNode.Outcome renewed = renewal.accept(exchange(ad, renewal.bytes()));

        assertThat(renewed.accepted()).as(String.valueOf(renewed.problem())).isTrue();
        assertThat(renewed.reply().lifetime()).isEqualTo(900);
        var binding = haBinding(first);
        assertThat(binding.lifetime()).hasSeconds(900);
        assertThat(fixture.events().stream().filter(e -> e.command().equals("AMR")).count())
                .as("a renewal does not involve the AAA (S107-S110)").isEqualTo(amrsBefore);

        // the same request again is a replay: code 133, authenticated by the HA with the binding's key
        MobileNode.Outcome replayed = renewal.accept(exchange(ad, renewal.bytes()));
        assertThat(replayed.accepted()).isFalse();
        assertThat(replayed.reply().code()).isEqualTo(ReplyCode.HA_IDENTIFICATION_MISMATCH);
    }

    @Test
    void aLifetimeOfZeroDeregistersTheBinding() throws Exception {
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn);
        assertThat(pool().addressOf(nai)).contains(first.homeAddress());
        ForeignAgent.Advertisement ad = foreignAgent().advertise();
        Thread.sleep(1100);

        MobileNode.Renewal deregistration = mn.renewal(first, ad.careOfAddress(), 0);
        MobileNode.Outcome done = deregistration.accept(exchange(ad, deregistration.bytes()));

        assertThat(done.accepted()).as(String.valueOf(done.problem())).isTrue();
        assertThat(InfinispanBindingTable.in(fixture.topology().node(Role.HA).state()).find(first.homeAddress())).isEmpty();
        // RFC 4004 §4.1.3: the HA's STR (Termination-Cause LOGOUT) frees the address at the AAAH
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> pool().addressOf(nai).isEmpty())).as("the AAAH released the home address").isTrue();
        // the AAAH frees the address before its STA reaches the HA
        assertThat(Eventually.within(Duration.ofSeconds(5), () -> fixture.events().stream().anyMatch(e -> e.command().equals("STA")
                && e.to().equals(fixture.topology().node(Role.HA).host()) && Long.valueOf(2001).equals(e.resultCode())))).isTrue();
        // RFC 4004 §4.1.3 / RFC 6733 §8.11: the AMA said STATE_MAINTAINED, so the FA ends its own session
        // (the AMR's) with an STR through the AAAF, and the AAAH answers it
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> foreignAgentsStrAnswered(visitSession(first))))
                .as("the FA's STR in the AMR's session, answered 2001 by the AAAH").isTrue();
    }

    /** The AMR's Session-Id of {@code registered}: the FA's AAA session (the AMR the AAAF forwarded last). */
    private String visitSession(MobileNode.Outcome registered) {
        return fixture.events().stream().filter(e -> e.command().equals("AMA") && e.to().equals(fixture.topology().node(Role.FA).host())
                && Long.valueOf(2001).equals(e.resultCode())).reduce((a, b) -> b).orElseThrow().sessionId();
    }

    /** The FA's STR in {@code session} reached the AAAH through the AAAF, and the FA got its STA 2001. */
    private boolean foreignAgentsStrAnswered(String session) {
        Topology t = fixture.topology();
        return fixture.events().stream().anyMatch(e -> e.command().equals("STR") && session.equals(e.sessionId())
                        && e.to().equals(t.node(Role.AAAH).host()) && e.from().equals(t.node(Role.AAAF).host()))
                && fixture.events().stream().anyMatch(e -> e.command().equals("STA") && session.equals(e.sessionId())
                        && e.to().equals(t.node(Role.FA).host()) && Long.valueOf(2001).equals(e.resultCode()));
    }

    @Test
    void s103ToS106_aNewRegistrationThroughTheAaaContinuesTheHomeAgentsSessionAndTheFaEndsTheVisitItReplaces() throws Exception {
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn);
        String firstVisit = visitSession(first);
        MobilityBinding bound = haBinding(first);
        Thread.sleep(1100); // a newer timestamp Identification (RFC 5944 §5.7.1) than the first registration's

        MobileNode.Outcome again = registered(mn);

        assertThat(again.homeAddress()).isEqualTo(first.homeAddress());
        assertThat(visitSession(again)).isNotEqualTo(firstVisit);
        // RFC 4004 §4.1.1: the stateful AAAH's HAR in the node's session; §4.1.2: the same
        // Acct-Multi-Session-Id in every HAA of it
        assertThat(haBinding(again).aaaSessionId()).isEqualTo(bound.aaaSessionId());
        assertThat(haBinding(again).acctMultiSessionId()).isEqualTo(bound.acctMultiSessionId());
        // the visit the new registration replaced ends with its STR (DIAMETER_USER_MOVED); the home
        // agent's session goes on, so the address stays
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> foreignAgentsStrAnswered(firstVisit))).isTrue();
        assertThat(pool().addressOf(nai)).contains(first.homeAddress());
    }

    @Test
    void backHomeTheMobileNodeDeregistersStraightWithItsHomeAgentAndTheAaahFreesItsAddress() throws Exception {
        MobileNode mn = mn1();
        MobileNode.Outcome roaming = registered(mn);
        List<BindingEndListener.Reason> ends = new CopyOnWriteArrayList<>();
        HomeAgentRenewals homeAgent = fixture.topology().node(Role.HA).installation().ha().renewals();
        homeAgent.addListener((binding, reason) -> {
            if (binding.nai().equals(nai)) { // the topology is the class's: this test's node only
                ends.add(reason);
            }
        });
        long amrsBefore = amrs();
        Thread.sleep(1100); // a newer timestamp Identification than the registration's

        // RFC 5944 §2.4.3: at home, Lifetime 0 and the home address as care-of address, to the HA itself
        MobileNode.Renewal home = mn.returnHome(roaming);
        MobileNode.Outcome back = home.accept(MobileIpUdp.exchange(homeAgent.address(), home.bytes()));

        assertThat(back.accepted()).as(String.valueOf(back.problem())).isTrue();
        assertThat(back.reply().lifetime()).isZero();
        assertThat(InfinispanBindingTable.in(fixture.topology().node(Role.HA).state()).find(roaming.homeAddress())).isEmpty();
        assertThat(ends).containsExactly(BindingEndListener.Reason.RETURNED_HOME);
        // the HA's STR (LOGOUT) ends the AAA session: the AAAH frees the address; no AMR, no FA involved
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> pool().addressOf(nai).isEmpty())).as("the AAAH released the home address").isTrue();
        assertThat(amrs()).isEqualTo(amrsBefore);
        // the same request again finds no binding, so no key to check it with: 131, not a second STR
        MobileNode.Outcome again = home.accept(MobileIpUdp.exchange(homeAgent.address(), home.bytes()));
        assertThat(again.accepted()).isFalse();
        assertThat(again.reply().code()).isEqualTo(ReplyCode.HA_MOBILE_NODE_FAILED_AUTHENTICATION);
        assertThat(ends).hasSize(1);
    }

    @Test
    void aDeregistrationOfAnotherCareOfAddressKeepsTheBinding() throws Exception {
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn);
        Thread.sleep(1100);

        MobileNode.Renewal elsewhere = mn.renewal(first, Ipv4.parse("192.0.2.99"), 0);
        MobileNode.Outcome done = elsewhere.accept(exchange(foreignAgent().advertise(), elsewhere.bytes()));

        // RFC 5944 §3.8.2.2: only the binding to that care-of address goes, and there is none
        assertThat(done.accepted()).as(String.valueOf(done.problem())).isTrue();
        assertThat(haBinding(first).careOfAddress()).isNotEqualTo(Ipv4.parse("192.0.2.99"));
        assertThat(pool().addressOf(nai)).contains(first.homeAddress());
    }

    /** An ASR of Application-Id 0 for {@code sessionId}, from {@code from} to the HA. */
    private org.jdiameter.api.Answer asr(Role from, String sessionId) throws Exception {
        DiameterNode sender = fixture.topology().node(from);
        DiameterNode ha = fixture.topology().node(Role.HA);
        DiameterClient.OutgoingRequest out = sender.client().requestInSession(sessionId, CommandCodes.ABORT_SESSION,
                org.jdiameter.api.ApplicationId.createByAuthAppId(ApplicationIds.COMMON_MESSAGES), ha.realm(), ha.host());
        var avps = out.request().getAvps();
        avps.removeAvp(AvpCodes.AUTH_APPLICATION_ID);
        avps.addAvp(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
        avps.addAvp(AvpCodes.USER_NAME, nai, true, false, false);
        return out.send().get(15, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void anAsrFromTheAaahRemovesTheBindingOfItsSessionAndOnlyThat() throws Exception {
        MobileNode.Outcome first = registered(mn1());
        String session = haBinding(first).aaaSessionId();

        assertThat(Exchange.resultCode(asr(Role.AAAH, "aaah.home.example;1;not-a-registration"))).isEqualTo(5002);
        assertThat(haBinding(first).aaaSessionId()).isEqualTo(session);

        assertThat(Exchange.resultCode(asr(Role.AAAH, session))).isEqualTo(2001);
        assertThat(InfinispanBindingTable.in(fixture.topology().node(Role.HA).state()).find(first.homeAddress())).isEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE - 1) // restarts the AAAH
    void anStrTheAaahCannotAnswerIsSentAgainUntilItDoesAndTheAddressIsFreedThen() throws Exception {
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn);
        Thread.sleep(1100);
        fixture.topology().stop(Role.AAAH);

        // deregistration goes FA -> HA only, so it succeeds while the AAAH is down; its STR cannot
        MobileNode.Renewal deregistration = mn.renewal(first, foreignAgent().advertise().careOfAddress(), 0);
        MobileNode.Outcome done = deregistration.accept(exchange(foreignAgent().advertise(), deregistration.bytes()));
        assertThat(done.accepted()).as(String.valueOf(done.problem())).isTrue();
        PendingTerminations pending = PendingTerminations.in(fixture.topology().node(Role.HA).state());
        assertThat(pending.all()).extracting(PendingTerminations.Termination::nai).containsExactly(nai);

        fixture.topology().restart(Role.AAAH);

        assertThat(Eventually.within(Duration.ofSeconds(15), () -> pool().addressOf(nai).isEmpty())).as("the AAAH released the home address").isTrue();
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> pending.all().isEmpty())).as("the STR is answered, nothing left to send").isTrue();
    }

    @Test
    void aLateStrForAnOlderSessionIsRefusedWith5002AndFreesNothing() throws Exception {
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn);
        var binding = haBinding(first);
        MobilityBinding older = new MobilityBinding(binding.homeAddress(), binding.nai(), binding.careOfAddress(),
                binding.homeAgentAddress(), binding.lifetime(), binding.expiresAt(), binding.mnHa(), binding.lastIdentification(),
                binding.acctMultiSessionId(), "aaah.home.example;1;an-older-registration");
        DiameterNode ha = fixture.topology().node(Role.HA);

        long result;
        try (SessionTermination termination = new SessionTermination(ha.client(), ha.realm(), PendingTerminations.in(ha.state()),
                Duration.ofSeconds(60))) {
            result = termination.send(new PendingTerminations.Termination(older.aaaSessionId(), older.nai(),
                    Enumerations.TERMINATION_CAUSE_DIAMETER_AUTH_EXPIRED)).get(15, java.util.concurrent.TimeUnit.SECONDS);
        }

        assertThat(result).isEqualTo(5002); // DIAMETER_UNKNOWN_SESSION_ID
        assertThat(pool().addressOf(nai)).as("the current registration keeps its address").contains(first.homeAddress());
    }

    /** An STR of Application-Id 0 for the mobile node's current session, from {@code from} to the AAAH. */
    private org.jdiameter.api.Answer str(Role from, String sessionId, boolean withUserName) throws Exception {
        DiameterNode sender = fixture.topology().node(from);
        DiameterNode aaah = fixture.topology().node(Role.AAAH);
        DiameterClient.OutgoingRequest out = sender.client().requestInSession(sessionId, CommandCodes.SESSION_TERMINATION,
                org.jdiameter.api.ApplicationId.createByAuthAppId(ApplicationIds.COMMON_MESSAGES), aaah.realm(), aaah.host());
        var avps = out.request().getAvps();
        avps.removeAvp(AvpCodes.AUTH_APPLICATION_ID);
        avps.addAvp(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
        avps.addAvp(AvpCodes.TERMINATION_CAUSE, Enumerations.TERMINATION_CAUSE_DIAMETER_LOGOUT, true, false, true);
        if (withUserName) {
            avps.addAvp(AvpCodes.USER_NAME, nai, true, false, false);
        }
        return out.send().get(15, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void anStrFromAnotherNodeThanTheHomeAgentInTheHomeAgentsSessionIsAnswered5002AndFreesNothing() throws Exception {
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn);
        String session = haBinding(first).aaaSessionId();

        // the AAAF may send the AAAH an STR (it forwards a foreign agent's, RFC 4004 §4.1.3), even in
        // the home agent's session
        var sta = str(Role.AAAF, session, true);

        // the home agent's session is no foreign agent's: unknown to it (RFC 6733 §7.1.5); a foreign
        // agent's STR of its own session is 2001 (AmrHandlerTest.s107_*, the relay tests)
        assertThat(Exchange.resultCode(sta)).isEqualTo(ResultCodes.UNKNOWN_SESSION_ID);
        // "The AAAH SHOULD only deallocate all resources after the STR is received from the home agent"
        assertThat(pool().addressOf(nai)).as("only the home agent's STR frees the address").contains(first.homeAddress());
        assertThat(InfinispanBindingTable.in(fixture.topology().node(Role.HA).state()).find(first.homeAddress())).isPresent();
    }

    @Test
    void s109_theHomeAgentsStrWithoutUserNameEndsTheRegistrationOfItsSession() throws Exception {
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn);
        String session = haBinding(first).aaaSessionId();

        // RFC 6733 §8.4.1: User-Name is optional in the STR; the session says whose registration ends
        var sta = str(Role.HA, session, false);

        assertThat(Exchange.resultCode(sta)).isEqualTo(ResultCodes.SUCCESS);
        assertThat(sta.getAvps().getAvp(AvpCodes.USER_NAME).getUTF8String()).isEqualTo(nai);
        assertThat(pool().addressOf(nai)).as("freed as on an STR naming the node").isEmpty();
        assertThat(Exchange.resultCode(str(Role.HA, session, false))).as("the session is over")
                .isEqualTo(ResultCodes.UNKNOWN_SESSION_ID);
    }

    private long amrs() {
        return fixture.events().stream().filter(e -> e.command().equals("AMR")).count();
    }

    /** This test's subscriber's mobile node, with its key. */
    private MobileNode mn1() {
        return new MobileNode(nai, key, Ipv4.parse("0.0.0.0"), Clock.systemUTC());
    }

    /** The home agent's binding of a registration. */
    private MobilityBinding haBinding(MobileNode.Outcome registered) {
        return InfinispanBindingTable.in(fixture.topology().node(Role.HA).state()).find(registered.homeAddress()).orElseThrow();
    }

    private HomeAddressPool pool() {
        return InfinispanHomeAddressPool.in(fixture.topology().node(Role.AAAH).state(), POOL);
    }


    @Test
    void aBindingNotRenewedWithinItsLifetimeIsRemovedByTheHomeAgent() throws Exception {
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn, 2);
        var bindings = InfinispanBindingTable.in(fixture.topology().node(Role.HA).state());
        assertThat(first.reply().lifetime()).isEqualTo(2);
        assertThat(bindings.find(first.homeAddress())).isPresent();
        assertThat(pool().addressOf(nai)).contains(first.homeAddress());

        // RFC 5944 §3.8.1: gone at the end of its lifetime; config/ha sweeps every second
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> bindings.find(first.homeAddress()).isEmpty())).as("binding gone after its 2 s lifetime").isTrue();
        // RFC 4004 §4.1.3: the HA's STR (Termination-Cause AUTH_EXPIRED) frees the address at the AAAH
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> pool().addressOf(nai).isEmpty())).as("the AAAH released the home address").isTrue();
        // and the FA's visit lapsed too: its STR ends the AMR's session
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> foreignAgentsStrAnswered(visitSession(first)))).isTrue();
    }

    @Test
    void s103_aChallengeTheFaDidNotIssueIsRefusedWith104AndNothingGoesToTheAaaAndTheNextTryWithTheReplysChallengeRegisters()
            throws Exception {
        MobileNode mn = mn1();
        ForeignAgent.Advertisement ad = foreignAgent().advertise();
        byte[] forged = new byte[16];
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), forged, 1200);
        long amrsBefore = amrs();

        RegistrationPacket refusal = RegistrationCodec.decodeReply(exchange(ad, registration.bytes()));

        assertThat(refusal.reply().code()).isEqualTo(ReplyCode.FA_UNKNOWN_CHALLENGE);
        assertThat(amrs()).as("no AMR").isEqualTo(amrsBefore);
        // RFC 4721 §3.3: a previously unused challenge in any Registration Reply, so a mobile node that
        // hears no advertisement registers by UDP alone, its second try with the challenge of the first reply
        byte[] offered = refusal.first(MnFaChallenge.class).orElseThrow().challenge();
        Thread.sleep(1100); // a newer timestamp Identification than the first try's
        MobileNode.FirstRegistration again = mn.firstRegistration(ad.careOfAddress(), offered, 1200);
        MobileNode.Outcome outcome = again.accept(exchange(ad, again.bytes()));
        assertThat(outcome.accepted()).as(String.valueOf(outcome.problem())).isTrue();
    }

    @Test
    void s104_aMobileNodeWithTheWrongKeyGetsTheFasCode67AndNoBinding() throws Exception {
        MobileNode impostor = new MobileNode(nai, MnAaaSecurityAssociation.of(256, "not-the-mn1-key!".getBytes(StandardCharsets.US_ASCII)),
                Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        ForeignAgent.Advertisement ad = foreignAgent().advertise();
        MobileNode.FirstRegistration registration = impostor.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);

        byte[] reply = exchange(ad, registration.bytes());

        assertThat(RegistrationCodec.decodeReply(reply).reply().code()).isEqualTo(ReplyCode.FA_MOBILE_NODE_FAILED_AUTHENTICATION);
        assertThat(fixture.events()).anyMatch(e -> e.command().equals("AMA") && Long.valueOf(4001).equals(e.resultCode()));
    }

    @Test
    void s104_aRegistrationItsHomeRefusesLeavesNoVisitorEntryAtTheAaaf() throws Exception {
        String intruder = "intruder@home.example";
        MobileNode mn = new MobileNode(intruder, MnAaaSecurityAssociation.of(256, "not-any-mn-key!!".getBytes(StandardCharsets.US_ASCII)),
                Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        ForeignAgent.Advertisement ad = foreignAgent().advertise();
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);

        assertThat(registration.accept(exchange(ad, registration.bytes())).accepted()).isFalse();
        assertThat(fixture.topology().node(Role.AAAF).installation().aaaf().visitors().entry(intruder)).isEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE) // stops the HA
    void s109_aReplyThatDoesNotComeFromTheHomeAgentIsDiscardedAndTheVisitGoesOn() throws Exception {
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn);
        List<Inet4Address> ended = new CopyOnWriteArrayList<>();
        foreignAgent().addVisitListener(new VisitListener() {
            @Override
            public void started(Visit visit) {
            }

            @Override
            public void ended(Visit visit, End why) {
                if (visit.nai().equals(nai)) { // the topology is the class's: this test's node only
                    ended.add(visit.homeAddress());
                }
            }
        });
        fixture.topology().stop(Role.HA); // the renewal waits at the FA for a reply that does not come
        ForeignAgent.Advertisement ad = foreignAgent().advertise();
        Thread.sleep(1100); // a newer timestamp Identification (RFC 5944 §5.7.1) than the first registration's
        MobileNode.Renewal renewal = mn.renewal(first, ad.careOfAddress(), 900);
        RegistrationRequest asked = RegistrationCodec.decodeRequest(renewal.bytes()).request();
        // what an attacker on the visited network sends: "accepted, lifetime 0" for that renewal
        byte[] spoofed = RegistrationBuilder.reply(new RegistrationReply(ReplyCode.ACCEPTED, 0,
                asked.homeAddress(), asked.homeAgent(), asked.identification())).toBytes();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket mobileNode = new DatagramSocket(0, loopback);
             DatagramSocket attacker = new DatagramSocket(0, loopback)) {
            mobileNode.send(new DatagramPacket(renewal.bytes(), renewal.bytes().length, ad.registrationAddress()));
            // sent over and over while the renewal waits, so one arrives after the FA relayed it
            for (int i = 0; i < 20; i++) {
                attacker.send(new DatagramPacket(spoofed, spoofed.length, ad.registrationAddress()));
                Thread.sleep(50);
            }
            mobileNode.setSoTimeout(1000);
            DatagramPacket got = new DatagramPacket(new byte[2048], 2048);
            assertThatThrownBy(() -> mobileNode.receive(got))
                    .as("no reply reaches the mobile node but its home agent's").isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(ended).as("the visit did not end").isEmpty();
    }
}
