package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.node.Role;
import org.mipaaa.node.Topology;
import org.mipaaa.registration.ForeignAgent;
import org.mipaaa.registration.InfinispanBindingTable;

/**
 * A roaming mobile node's first registration, every hop real (seed Figs. 10-12): the FA's challenge
 * (S101), the Registration Request over UDP to the FA (S102), AMR FA -> AAAF (S103) -> AAAH (S104),
 * HAR AAAH -> HA (S105), and the reply back through AAAH, AAAF and FA (S106) to the mobile node,
 * which checks the home agent's and the foreign agent's authenticators with the keys it derives
 * itself. DIAMETER links are TLS; the mobile node is the aaam-agent library's {@link MobileNode}.
 */
class FirstRegistrationTest {

    private static final String MN1 = "mn1@home.example";
    /** mn1's demo key from config/aaah/subscribers.properties. */
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);

    private TopologyFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new TopologyFixture().start(EnumSet.of(Role.FA, Role.AAAF, Role.AAAH, Role.HA), role -> new HandlerRegistry(), Map.of());
        fixture.topology().withRoleServices();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private ForeignAgent foreignAgent() {
        return fixture.topology().node(Role.FA).attached(ForeignAgent.class).orElseThrow();
    }

    /** Sends {@code request} to the FA's registration port and waits for its reply. */
    private static byte[] exchange(ForeignAgent.Advertisement ad, byte[] request) throws Exception {
        try (DatagramSocket mn = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            mn.setSoTimeout(15_000);
            mn.send(new DatagramPacket(request, request.length, ad.registrationAddress()));
            DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
            mn.receive(reply);
            return Arrays.copyOf(reply.getData(), reply.getLength());
        }
    }

    @Test
    void s101ToS106_theMobileNodeRegistersThroughFaAaafAaahAndHaAndHoldsBothKeys() throws Exception {
        MobileNode mn = new MobileNode(MN1, MnAaaSecurityAssociation.of(256, MN1_KEY), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        ForeignAgent.Advertisement ad = foreignAgent().advertise();                                 // S101
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);

        byte[] reply = exchange(ad, registration.bytes());                                          // S102 ... S106
        MobileNode.Outcome outcome = registration.accept(reply);

        assertThat(outcome.accepted()).as(String.valueOf(outcome.problem())).isTrue();
        assertThat(outcome.reply().code()).isEqualTo(ReplyCode.ACCEPTED);
        assertThat(outcome.mnHaKey()).isNotNull();
        assertThat(outcome.mnFaKey()).as("the FA authenticated the reply with the MN-FA key").isNotNull();
        // S105: the home agent holds the binding for the address the AAAH allocated, care-of the FA
        var binding = InfinispanBindingTable.in(fixture.topology().node(Role.HA).state()).find(outcome.homeAddress()).orElseThrow();
        assertThat(binding.nai()).isEqualTo(MN1);
        assertThat(binding.careOfAddress()).isEqualTo(ad.careOfAddress());
        // every hop, as the receiving nodes saw it
        Topology t = fixture.topology();
        assertThat(fixture.events()).anyMatch(e -> "S103".equals(e.step()) && e.to().equals(t.node(Role.AAAF).host()));
        assertThat(fixture.events()).anyMatch(e -> "S104".equals(e.step()) && e.to().equals(t.node(Role.AAAH).host()));
        assertThat(fixture.events()).anyMatch(e -> "S105".equals(e.step()) && e.to().equals(t.node(Role.HA).host()));
        assertThat(fixture.events()).anyMatch(e -> "S106".equals(e.step()) && e.to().equals(t.node(Role.FA).host())
                && Long.valueOf(2001).equals(e.resultCode()));
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
        MobileNode mn = new MobileNode(MN1, MnAaaSecurityAssociation.of(256, MN1_KEY), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        MobileNode.Outcome first = registered(mn);
        ForeignAgent.Advertisement ad = foreignAgent().advertise();
        long amrsBefore = fixture.events().stream().filter(e -> e.command().equals("AMR")).count();
        Thread.sleep(1100); // a newer timestamp Identification (RFC 5944 §5.7.1) than the first registration's

        MobileNode.Renewal renewal = mn.renewal(first, ad.careOfAddress(), 900);
        MobileNode.Outcome renewed = renewal.accept(exchange(ad, renewal.bytes()));

        assertThat(renewed.accepted()).as(String.valueOf(renewed.problem())).isTrue();
        assertThat(renewed.reply().lifetime()).isEqualTo(900);
        var binding = InfinispanBindingTable.in(fixture.topology().node(Role.HA).state()).find(first.homeAddress()).orElseThrow();
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
        MobileNode mn = new MobileNode(MN1, MnAaaSecurityAssociation.of(256, MN1_KEY), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        MobileNode.Outcome first = registered(mn);
        ForeignAgent.Advertisement ad = foreignAgent().advertise();
        Thread.sleep(1100);

        MobileNode.Renewal deregistration = mn.renewal(first, ad.careOfAddress(), 0);
        MobileNode.Outcome done = deregistration.accept(exchange(ad, deregistration.bytes()));

        assertThat(done.accepted()).as(String.valueOf(done.problem())).isTrue();
        assertThat(InfinispanBindingTable.in(fixture.topology().node(Role.HA).state()).find(first.homeAddress())).isEmpty();
    }

    @Test
    void aBindingNotRenewedWithinItsLifetimeIsRemovedByTheHomeAgent() throws Exception {
        MobileNode mn = new MobileNode(MN1, MnAaaSecurityAssociation.of(256, MN1_KEY), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        MobileNode.Outcome first = registered(mn, 2);
        var bindings = InfinispanBindingTable.in(fixture.topology().node(Role.HA).state());
        assertThat(first.reply().lifetime()).isEqualTo(2);
        assertThat(bindings.find(first.homeAddress())).isPresent();

        // RFC 5944 §3.8.1: gone at the end of its lifetime; config/ha sweeps every second
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (bindings.find(first.homeAddress()).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(bindings.find(first.homeAddress())).as("binding after its 2 s lifetime").isEmpty();
    }

    @Test
    void s103_aChallengeTheFaDidNotIssueIsRefusedWith104AndNothingGoesToTheAaa() throws Exception {
        MobileNode mn = new MobileNode(MN1, MnAaaSecurityAssociation.of(256, MN1_KEY), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        ForeignAgent.Advertisement ad = foreignAgent().advertise();
        byte[] forged = new byte[16];
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), forged, 1200);

        byte[] reply = exchange(ad, registration.bytes());

        assertThat(RegistrationCodec.decodeReply(reply).reply().code()).isEqualTo(ReplyCode.FA_UNKNOWN_CHALLENGE);
        assertThat(fixture.events()).noneMatch(e -> e.command().equals("AMR"));
    }

    @Test
    void s104_aMobileNodeWithTheWrongKeyGetsTheFasCode67AndNoBinding() throws Exception {
        MobileNode impostor = new MobileNode(MN1, MnAaaSecurityAssociation.of(256, "not-the-mn1-key!".getBytes(StandardCharsets.US_ASCII)),
                Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        ForeignAgent.Advertisement ad = foreignAgent().advertise();
        MobileNode.FirstRegistration registration = impostor.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);

        byte[] reply = exchange(ad, registration.bytes());

        assertThat(RegistrationCodec.decodeReply(reply).reply().code()).isEqualTo(ReplyCode.FA_MOBILE_NODE_FAILED_AUTHENTICATION);
        assertThat(fixture.events()).anyMatch(e -> e.command().equals("AMA") && Long.valueOf(4001).equals(e.resultCode()));
    }
}
