package org.mipaaa.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jdiameter.api.URI;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.controller.IPeer;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.role.Role;

class RoleRouterTest {

    private static final long SERVICES = VendorSettings.defaults().accountingServicesApplicationId();
    private static final Map<String, List<Role>> PEER_ROLES = Map.of(
            "aaah.other.example", List.of(Role.AAAH),
            "aaaf.visited.example", List.of(Role.AAAF),
            "terminal.home.example", List.of(Role.TERMINAL));

    private final MessageParser parser = new MessageParser();

    /** A node at aaah.home.example playing {@code roles}, each serving the commands given. */
    private static RoleRouter router(Map<Role, List<Integer>> commands) {
        Map<Role, HandlerRegistry> registries = new EnumMap<>(Role.class);
        commands.forEach((role, served) -> {
            HandlerRegistry registry = new HandlerRegistry();
            served.forEach(c -> registry.register(SERVICES, c, handler()));
            registries.put(role, registry);
        });
        return new RoleRouter(List.copyOf(commands.keySet()), registries, "aaah.home.example", "home.example",
                host -> PEER_ROLES.getOrDefault(host, List.of()));
    }

    private static RequestHandler handler() {
        return request -> CompletableFuture.completedFuture(null);
    }

    /** A request of {@code command} for {@code realm} (and {@code host}, may be null), received from {@code peer} (null: built here). */
    private IMessage request(int command, String realm, String host, String peer) throws Exception {
        IMessage m = parser.createEmptyMessage(command, SERVICES);
        m.setRequest(true);
        m.getAvps().addAvp(AvpCodes.DESTINATION_REALM, realm, true, false, true);
        if (host != null) {
            m.getAvps().addAvp(AvpCodes.DESTINATION_HOST, host, true, false, true);
        }
        if (peer != null) {
            IPeer from = mock(IPeer.class);
            when(from.getUri()).thenReturn(new URI("aaa://" + peer + ":3868"));
            m.setPeer(from);
        }
        return m;
    }

    private static final List<Integer> AAAH_SERVICES = List.of(CommandCodes.PURCHASE_INFORMATION, CommandCodes.SETTLEMENT,
            CommandCodes.SETTLEMENT_CANCEL);
    private static final List<Integer> AAAY_SERVICES = List.of(CommandCodes.PURCHASE_INFORMATION, CommandCodes.PAYMENT_NOTIFICATION,
            CommandCodes.SETTLEMENT_CANCEL);

    @Test
    void aSingleRoleNodeGivesEveryRequestItServesToItsRole() throws Exception {
        RoleRouter aaay = router(Map.of(Role.AAAY, AAAY_SERVICES));
        assertThat(aaay.networkReceiver(request(CommandCodes.PAYMENT_NOTIFICATION, "home.example", null, "aaah.other.example"))).contains(Role.AAAY);
        assertThat(aaay.networkReceiver(request(CommandCodes.PAYMENT_NOTIFICATION, "home.example", null, "unknown.example"))).contains(Role.AAAY);
        assertThat(aaay.networkReceiver(request(CommandCodes.SETTLEMENT, "home.example", null, "aaah.other.example"))).isEmpty();
    }

    @Test
    void aaahAndAaay_anotherCarriersAaahReachesTheAaayAMobileNodeOnlyTheAaah() throws Exception {
        RoleRouter node = router(Map.of(Role.AAAH, AAAH_SERVICES, Role.AAAY, AAAY_SERVICES));
        assertThat(node.networkReceiver(request(CommandCodes.PURCHASE_INFORMATION, "home.example", null, "aaah.other.example"))).contains(Role.AAAY);
        assertThat(node.networkReceiver(request(CommandCodes.PURCHASE_INFORMATION, "home.example", null, "mn1.home.example"))).contains(Role.AAAH);
        assertThat(node.networkReceiver(request(CommandCodes.SETTLEMENT_CANCEL, "home.example", null, "aaaf.visited.example"))).contains(Role.AAAH);
        // only the AAAY serves PNR: a mobile node's PNR finds no role that may take it from a mobile node
        assertThat(node.networkReceiver(request(CommandCodes.PAYMENT_NOTIFICATION, "home.example", null, "mn1.home.example"))).isEmpty();
        assertThat(node.networkReceiver(request(CommandCodes.PAYMENT_NOTIFICATION, "home.example", null, "aaah.other.example"))).contains(Role.AAAY);
    }

    @Test
    void aaafAndAaay_aRequestForAnotherRealmIsRelayedOneForThisRealmGoesToTheAaay() throws Exception {
        RoleRouter node = new RoleRouter(List.of(Role.AAAF, Role.AAAY), Map.of(
                Role.AAAF, registry(List.of(CommandCodes.PURCHASE_INFORMATION, CommandCodes.SETTLEMENT_CANCEL)),
                Role.AAAY, registry(AAAY_SERVICES)), "aaaf.visited.example", "visited.example",
                host -> PEER_ROLES.getOrDefault(host, host.startsWith("aaah") ? List.of(Role.AAAH) : List.of()));
        assertThat(node.networkReceiver(request(CommandCodes.PURCHASE_INFORMATION, "home.example", null, "mn1.home.example"))).contains(Role.AAAF);
        assertThat(node.networkReceiver(request(CommandCodes.PURCHASE_INFORMATION, "visited.example", null, "aaah.home.example"))).contains(Role.AAAY);
        assertThat(node.networkReceiver(request(CommandCodes.SETTLEMENT_CANCEL, "visited.example", null, "aaah.home.example"))).contains(Role.AAAY);
        // a mobile node asking for this realm itself: only the AAAF may hear it, and it relays only elsewhere
        assertThat(node.networkReceiver(request(CommandCodes.PAYMENT_NOTIFICATION, "visited.example", null, "mn1.home.example"))).isEmpty();
    }

    private static HandlerRegistry registry(List<Integer> commands) {
        HandlerRegistry registry = new HandlerRegistry();
        commands.forEach(c -> registry.register(SERVICES, c, handler()));
        return registry;
    }

    @Test
    void inProcess_aRequestForThisNodeGoesToTheRoleServingTheSendersRole() throws Exception {
        RoleRouter node = router(Map.of(Role.AAAH, AAAH_SERVICES, Role.AAAY, AAAY_SERVICES));
        assertThat(node.inProcessReceiver(Role.AAAH, request(CommandCodes.PURCHASE_INFORMATION, "home.example", null, null))).contains(Role.AAAY);
        assertThat(node.inProcessReceiver(Role.AAAH, request(CommandCodes.PAYMENT_NOTIFICATION, "home.example", "aaah.home.example", null)))
                .contains(Role.AAAY);
        // for another realm or another host: the network
        assertThat(node.inProcessReceiver(Role.AAAH, request(CommandCodes.PURCHASE_INFORMATION, "shop.example", null, null))).isEmpty();
        assertThat(node.inProcessReceiver(Role.AAAY, request(CommandCodes.PURCHASE_INFORMATION, "home.example", "terminal.home.example", null))).isEmpty();
        // no role of this node serves the AAAY's requests (no terminal here): the network
        assertThat(node.inProcessReceiver(Role.AAAY, request(CommandCodes.PURCHASE_INFORMATION, "home.example", "aaah.home.example", null))).isEmpty();
    }

    @Test
    void aaayAndTerminal_theAaaysRequestToItsOwnHostIsTheTerminals() throws Exception {
        RoleRouter node = router(Map.of(Role.AAAY, AAAY_SERVICES, Role.TERMINAL, List.of(CommandCodes.PURCHASE_INFORMATION,
                CommandCodes.PAYMENT_NOTIFICATION, CommandCodes.SETTLEMENT_CANCEL)));
        assertThat(node.inProcessReceiver(Role.AAAY, request(CommandCodes.PAYMENT_NOTIFICATION, "home.example", "aaah.home.example", null)))
                .contains(Role.TERMINAL);
        // from the network the terminal is never reached: an AAAH's PIR is the AAAY's, anybody else's too
        assertThat(node.networkReceiver(request(CommandCodes.PURCHASE_INFORMATION, "home.example", null, "aaah.other.example"))).contains(Role.AAAY);
        assertThat(node.networkReceiver(request(CommandCodes.PAYMENT_NOTIFICATION, "home.example", null, "mn1.home.example"))).contains(Role.AAAY);
    }
}
