package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.registration.InfinispanBindingTable;
import org.mipaaa.role.Role;

/**
 * Foreign agent - home agent authentication with a pre-shared key on the renewals the FA relays
 * (seed S108-S109; RFC 5944 §3.5.4, §3.7.3.2, §3.8.2.1). config/fa and config/ha share a demo key, so
 * every renewal of the other tests carries a valid Foreign-Home authenticator both ways; here one side
 * has another key, or none.
 */
class ForeignHomeAuthenticationTest {

    private static final String MN1 = "mn1@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    /** Not the key of config/fa and config/ha ("demo-fa-ha-key!!"). */
    private static final String OTHER_KEY = "300:" + java.util.HexFormat.of().formatHex("another-fa-ha-k!".getBytes(StandardCharsets.US_ASCII));

    private TopologyFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void start(Map<String, String> overrides) throws Exception {
        fixture = new TopologyFixture().start(EnumSet.of(Role.FA, Role.AAAF, Role.AAAH, Role.HA), RoleApplications.STANDARD, overrides);
    }

    private ForeignAgent fa() {
        return fixture.topology().node(Role.FA).installation().fa().agent();
    }

    private MobileNode mn1() {
        return new MobileNode(MN1, MnAaaSecurityAssociation.of(256, MN1_KEY), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
    }

    private MobileNode.Outcome registered(MobileNode mn) throws Exception {
        ForeignAgent.Advertisement ad = fa().advertise();
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);
        MobileNode.Outcome outcome = registration.accept(MobileIpUdp.exchange(ad.registrationAddress(), registration.bytes()));
        assertThat(outcome.accepted()).as(String.valueOf(outcome.problem())).isTrue();
        Thread.sleep(1100); // the renewal's timestamp Identification must be newer (RFC 5944 §5.7.1)
        return outcome;
    }

    @Test
    void s108_aRenewalRelayedWithAnotherKeyIsRefusedByTheHomeAgentWith132() throws Exception {
        start(Map.of("fa.home.agent.keys", "10.1.0.1=" + OTHER_KEY));
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn);
        ForeignAgent.Advertisement ad = fa().advertise();

        MobileNode.Renewal renewal = mn.renewal(first, ad.careOfAddress(), 900);
        MobileNode.Outcome refused = renewal.accept(MobileIpUdp.exchange(ad.registrationAddress(), renewal.bytes()));

        assertThat(refused.accepted()).isFalse();
        assertThat(refused.reply().code()).isEqualTo(ReplyCode.HA_FOREIGN_AGENT_FAILED_AUTHENTICATION);
        assertThat(InfinispanBindingTable.in(fixture.topology().node(Role.HA).state()).find(first.homeAddress()).orElseThrow()
                .lifetime()).as("the binding is not renewed").hasSeconds(1200);
    }

    @Test
    void s108_aRenewalRelayedWithoutAnyKeyIsRefusedByAHomeAgentThatSharesOne() throws Exception {
        start(Map.of("fa.home.agent.keys", ""));
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn);
        ForeignAgent.Advertisement ad = fa().advertise();

        MobileNode.Renewal renewal = mn.renewal(first, ad.careOfAddress(), 900);
        MobileNode.Outcome refused = renewal.accept(MobileIpUdp.exchange(ad.registrationAddress(), renewal.bytes()));

        assertThat(refused.reply().code()).isEqualTo(ReplyCode.HA_FOREIGN_AGENT_FAILED_AUTHENTICATION);
    }

    @Test
    void s109_aReplyWithoutTheHomeAgentsForeignHomeAuthenticatorIsDiscardedByTheForeignAgent() throws Exception {
        // the HA shares no key, so its reply carries none; the FA expects one and discards it
        start(Map.of("ha.foreign.agent.keys", ""));
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn);
        ForeignAgent.Advertisement ad = fa().advertise();

        MobileNode.Renewal renewal = mn.renewal(first, ad.careOfAddress(), 900);

        assertThatThrownBy(() -> MobileIpUdp.exchange(ad.registrationAddress(), renewal.bytes(), Duration.ofSeconds(3)))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void aDeregistrationNeedsNoForeignHomeAuthenticator() throws Exception {
        // RFC 5944 §3.5.4: never applied to deregistrations, and the HA must not refuse one for its absence
        start(Map.of("fa.home.agent.keys", ""));
        MobileNode mn = mn1();
        MobileNode.Outcome first = registered(mn);
        ForeignAgent.Advertisement ad = fa().advertise();

        MobileNode.Renewal deregistration = mn.renewal(first, ad.careOfAddress(), 0);
        MobileNode.Outcome done = deregistration.accept(MobileIpUdp.exchange(ad.registrationAddress(), deregistration.bytes()));

        assertThat(done.accepted()).as(String.valueOf(done.problem())).isTrue();
        assertThat(InfinispanBindingTable.in(fixture.topology().node(Role.HA).state()).find(first.homeAddress())).isEmpty();
    }
}
