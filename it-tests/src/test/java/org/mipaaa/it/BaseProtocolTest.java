package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jdiameter.api.ApplicationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.role.Role;
import org.mipaaa.trace.TraceEvent;

/**
 * The base protocol between the roles of the seed's topology, on real sockets: CER/CEA with exactly
 * the applications each role serves, DWR/DWA on every link (RFC 3539), DPR/DPA when a node stops.
 */
@ExtendWith(ArquillianExtension.class)
class BaseProtocolTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final ApplicationId MIP_AUTH = ApplicationId.createByAuthAppId(ApplicationIds.MOBILE_IPV4);
    private static final ApplicationId SERVICES = ApplicationId.createByAuthAppId(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId());

    @Deployment
    static JavaArchive deployment() {
        return Deployments.topology();
    }

    @Inject
    TopologyFixture fixture;

    private DiameterNode node(Role role) {
        return fixture.topology().node(role);
    }

    @Test
    void everyLinkOfTheTopologyCompletesCapabilitiesExchange() {
        Topology t = fixture.topology();
        java.util.Set<String> nodes = new java.util.HashSet<>();
        t.roles().forEach(r -> nodes.add(t.node(r).host()));
        for (Role role : t.roles()) {
            DiameterNode n = t.node(role);
            // every configured peer that is a node of the topology; the mobile nodes the AAAH and AAAF
            // list as peers (their AAAM agents) connect only when they have a request, never at start
            java.util.Set<String> links = n.configuredPeers();
            links.retainAll(nodes);
            assertThat(links).as(role + " links").isNotEmpty();
            assertThat(n.connectedPeers()).as(role + " peers").containsAll(links);
        }
        long successfulCeas = fixture.events().stream()
                .filter(e -> e.command().equals("CEA") && Long.valueOf(2001).equals(e.resultCode()))
                .count();
        // FA-AAAF, AAAF-AAAH, AAAH-HA, AAAH-AAAY, AAAY-terminal, AAAH-terminal (the terminal with the AAA function)
        assertThat(successfulCeas).isGreaterThanOrEqualTo(6);
    }

    @Test
    void capabilitiesExchangeLeavesExactlyTheApplicationsBothSidesServe() {
        assertThat(node(Role.AAAH).commonApplications(node(Role.HA).host())).containsExactly(MIP_AUTH);
        assertThat(node(Role.AAAH).commonApplications(node(Role.AAAY).host())).containsExactly(SERVICES);
        assertThat(node(Role.AAAY).commonApplications(node(Role.TERMINAL).host())).containsExactly(SERVICES);
        assertThat(node(Role.AAAH).commonApplications(node(Role.TERMINAL).host())).containsExactly(SERVICES);
        // the FA also reports its visits' accounting to the AAAF (seed S31)
        assertThat(node(Role.FA).commonApplications(node(Role.AAAF).host()))
                .containsExactlyInAnyOrder(MIP_AUTH, ApplicationId.createByAccAppId(ApplicationIds.MOBILE_IPV4));
        assertThat(node(Role.AAAF).commonApplications(node(Role.AAAH).host()))
                .contains(MIP_AUTH, SERVICES, ApplicationId.createByAccAppId(ApplicationIds.MOBILE_IPV4));
    }

    @Test
    void everyLinkRunsTheWatchdog() throws Exception {
        Set<Set<String>> links = Set.of(
                Set.of(node(Role.FA).host(), node(Role.AAAF).host()),
                Set.of(node(Role.AAAF).host(), node(Role.AAAH).host()),
                Set.of(node(Role.AAAH).host(), node(Role.HA).host()),
                Set.of(node(Role.AAAH).host(), node(Role.AAAY).host()),
                Set.of(node(Role.AAAY).host(), node(Role.TERMINAL).host()),
                Set.of(node(Role.AAAH).host(), node(Role.TERMINAL).host()));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!watched().containsAll(links) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(watched()).containsAll(links);
        assertThat(fixture.events()).filteredOn(e -> e.command().equals("DWA"))
                .allMatch(e -> Long.valueOf(2001).equals(e.resultCode()));
    }

    private Set<Set<String>> watched() {
        Set<Set<String>> seen = new java.util.HashSet<>();
        for (TraceEvent e : fixture.events()) {
            if (e.command().equals("DWA")) {
                seen.add(Set.of(e.from(), e.to()));
            }
        }
        return seen;
    }

    @Test
    void aStoppingNodeSendsDprAndItsPeerAnswersDpa() throws Exception {
        // a topology of its own: stopping a node of the shared one would break the other tests
        try (TopologyFixture pair = new TopologyFixture()) {
            pair.start(EnumSet.of(Role.AAAH, Role.HA), RoleApplications.NONE, Map.of());
            String aaah = pair.topology().node(Role.AAAH).host();
            String ha = pair.topology().node(Role.HA).host();
            pair.close();

            assertThat(pair.events()).anyMatch(e -> e.command().equals("DPR") && e.request());
            assertThat(pair.events()).anyMatch(e -> e.command().equals("DPA") && !e.request()
                    && Set.of(aaah, ha).contains(e.from()) && Long.valueOf(2001).equals(e.resultCode()));
        }
    }
}
