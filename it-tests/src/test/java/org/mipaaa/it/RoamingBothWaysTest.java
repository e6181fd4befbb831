package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.registration.InfinispanBindingTable;
import org.mipaaa.registration.MobilityBinding;
import org.mipaaa.role.Role;
import org.mipaaa.trace.TraceEvent;

/**
 * config/variants/roaming-both-ways: two networks whose subscribers visit each other, each server playing
 * its own role for its subscribers and the other one for the visitors. The mobile node mn1@home.example
 * visits visited.example; the shop's terminal, a mobile node of visited.example (seed Fig. 18), visits
 * home.example. So visited.example's AAA server is the AAAF with respect to the mobile node and the AAAH
 * with respect to the terminal, and each network's agent server is the foreign agent of its visitors and
 * the home agent of its own nodes (the seed's last two variants). Real Mobile IP registration bytes over
 * UDP, every node a real jDiameter stack over TLS on loopback; the services scenarios of the other
 * variants run here too.
 */
class RoamingBothWaysTest extends TopologyVariantScenarios {

    private static final String TERMINAL_NAI = "shop-terminal@visited.example";
    /** The terminal's demo key in config/variants/roaming-both-ways/aaaf/subscribers.properties. */
    private static final byte[] TERMINAL_KEY = "demo-shop-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);

    @Override
    String variant() {
        return "roaming-both-ways";
    }

    @Override
    String payee() {
        return "shop@shop.example";
    }

    @Override
    Set<Role> roles() {
        return EnumSet.allOf(Role.class);
    }

    @Override
    Map<String, String> overrides() {
        // each agent server takes its home agent's and its foreign agent's datagrams on one UDP port, as on
        // port 434: one free port for both roles, the two servers at 127.0.0.1 and 127.0.0.3
        String port = Integer.toString(LoopbackSetup.freePort());
        return Map.of("fa.udp.port", port, "ha.udp.port", port);
    }

    /** A registration accepted through an agent server's foreign agent: the node, its outcome, its binding at home. */
    private record Registered(MobileNode node, MobileNode.Outcome outcome, MobilityBinding binding) {
    }

    /** Registers {@code nai} through the foreign agent of {@code agents}' server (S101-S106), bound at {@code home}'s. */
    private Registered register(Role agents, String nai, int spi, byte[] key, Role home) throws Exception {
        ForeignAgent fa = node(agents).installation().fa().agent();
        MobileNode mobile = new MobileNode(nai, MnAaaSecurityAssociation.of(spi, key), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        ForeignAgent.Advertisement ad = fa.advertise();
        MobileNode.FirstRegistration registration = mobile.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);
        MobileNode.Outcome outcome = registration.accept(MobileIpUdp.exchange(ad.registrationAddress(), registration.bytes()));
        assertThat(outcome.accepted()).as(nai + ": " + outcome.problem()).isTrue();
        MobilityBinding binding = InfinispanBindingTable.in(node(home).state()).find(outcome.homeAddress()).orElseThrow();
        assertThat(binding.nai()).isEqualTo(nai);
        return new Registered(mobile, outcome, binding);
    }

    @Test
    void theTerminalVisitsTheMobileNodesHome_itsAaahIsTheMobileNodesAaafAndItsHomeAgentTheMobileNodesForeignAgent() throws Exception {
        Instant since = Instant.now();
        DiameterNode homeAgents = node(Role.HA);
        DiameterNode visitedAgents = node(Role.FA);

        // the terminal, away from visited.example, registers through home.example's agent server (its FA)
        MobilityBinding terminal = register(Role.HA, TERMINAL_NAI, 258, TERMINAL_KEY, Role.FA).binding();

        assertThat(terminal.homeAgentAddress()).isEqualTo(Ipv4.parse("10.2.0.1"));
        assertThat(homeAgents.installation().roles()).containsExactly(Role.HA, Role.FA);
        assertThat(visitedAgents.installation().roles()).containsExactly(Role.FA, Role.HA);
        // FA (home.example's agent server) -> its AAAF (home.example's AAA server) -> the terminal's AAAH
        // (visited.example's AAA server) -> its home agent (visited.example's agent server)
        assertThat(fixture.events()).filteredOn(e -> !e.time().isBefore(since) && "AMR".equals(e.command()))
                .extracting(TraceEvent::from, TraceEvent::to)
                .contains(tuple(host(Role.HA), host(Role.AAAH)), tuple(host(Role.AAAH), host(Role.AAAF)));
        assertThat(fixture.events()).filteredOn(e -> !e.time().isBefore(since) && "HAR".equals(e.command()))
                .extracting(TraceEvent::from, TraceEvent::to)
                .containsOnly(tuple(host(Role.AAAF), host(Role.FA)));
        assertThat(node(Role.AAAF).installation().aaah().registration().pool().orElseThrow().addressOf(TERMINAL_NAI))
                .contains(terminal.homeAddress());
        // home.example's AAA server, as the terminal's AAAF, keeps its visitor entry; as mn1's AAAH it has none
        assertThat(node(Role.AAAH).installation().aaaf().visitors().entry(TERMINAL_NAI)).isPresent();
        assertThat(node(Role.AAAF).installation().aaaf().visitors().entry(TERMINAL_NAI)).isEmpty();
    }

    @Test
    void theMobileNodeVisitsTheTerminalsHome_whileTheTerminalVisitsItsHome_eachServerPlaysBothRolesAtOnce() throws Exception {
        Instant since = Instant.now();
        MobilityBinding terminal = register(Role.HA, TERMINAL_NAI, 258, TERMINAL_KEY, Role.FA).binding();
        MobilityBinding mobileNode = register(Role.FA, MN1, 256, MN1_KEY, Role.HA).binding();

        assertThat(mobileNode.homeAgentAddress()).isEqualTo(Ipv4.parse("10.1.0.1"));
        assertThat(terminal.homeAgentAddress()).isEqualTo(Ipv4.parse("10.2.0.1"));
        // the mobile node: FA (visited.example's agent server) -> AAAF (visited.example's AAA server) -> its
        // AAAH (home.example's) -> its home agent (home.example's agent server): the same servers, other roles
        assertThat(fixture.events()).filteredOn(e -> !e.time().isBefore(since) && "AMR".equals(e.command()))
                .extracting(TraceEvent::from, TraceEvent::to)
                .contains(tuple(host(Role.FA), host(Role.AAAF)), tuple(host(Role.AAAF), host(Role.AAAH)),
                        tuple(host(Role.HA), host(Role.AAAH)), tuple(host(Role.AAAH), host(Role.AAAF)));
        assertThat(fixture.events()).filteredOn(e -> !e.time().isBefore(since) && "HAR".equals(e.command()))
                .extracting(TraceEvent::from, TraceEvent::to)
                .containsOnly(tuple(host(Role.AAAF), host(Role.FA)), tuple(host(Role.AAAH), host(Role.HA)));
    }

    /**
     * One UDP port per agent server, as port 434 on a real one: the foreign agent relays mn1's renewal to
     * its home agent's server, whose port is its foreign agent's too, and the home agent takes it (it
     * names that home agent); the terminal, back home, deregisters straight to its home agent on the port
     * its server's foreign agent listens on (RFC 5944 §2.4.3).
     */
    @Test
    void onePortPerServer_aRenewalReachesTheHomeAgentBesideAForeignAgent_andTheTerminalDeregistersAtHome() throws Exception {
        Registered mn1 = register(Role.FA, MN1, 256, MN1_KEY, Role.HA);
        Registered terminal = register(Role.HA, TERMINAL_NAI, 258, TERMINAL_KEY, Role.FA);
        assertThat(node(Role.HA).installation().ha().renewals().address())
                .isEqualTo(node(Role.HA).installation().fa().agent().advertise().registrationAddress());
        assertThat(node(Role.FA).installation().ha().renewals().address())
                .isEqualTo(node(Role.FA).installation().fa().agent().advertise().registrationAddress());
        long amrsBefore = fixture.events().stream().filter(e -> "AMR".equals(e.command())).count();
        Thread.sleep(1100); // a newer timestamp Identification (RFC 5944 §5.7.1) than the registrations'

        ForeignAgent.Advertisement visited = node(Role.FA).installation().fa().agent().advertise();
        MobileNode.Renewal renewal = mn1.node().renewal(mn1.outcome(), visited.careOfAddress(), 900);
        MobileNode.Outcome renewed = renewal.accept(MobileIpUdp.exchange(visited.registrationAddress(), renewal.bytes()));
        MobileNode.Renewal home = terminal.node().returnHome(terminal.outcome());
        MobileNode.Outcome back = home.accept(MobileIpUdp.exchange(node(Role.FA).installation().ha().renewals().address(), home.bytes()));

        assertThat(renewed.accepted()).as(String.valueOf(renewed.problem())).isTrue();
        assertThat(InfinispanBindingTable.in(node(Role.HA).state()).find(mn1.outcome().homeAddress()).orElseThrow().lifetime())
                .hasSeconds(900);
        assertThat(back.accepted()).as(String.valueOf(back.problem())).isTrue();
        assertThat(InfinispanBindingTable.in(node(Role.FA).state()).find(terminal.outcome().homeAddress())).isEmpty();
        assertThat(fixture.events().stream().filter(e -> "AMR".equals(e.command())).count()).as("neither involves the AAA")
                .isEqualTo(amrsBefore);
    }
}
