package org.mipaaa.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.jdiameter.api.URI;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.controller.IPeer;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.diameter.Route;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.policy.PeerKind;
import org.mipaaa.policy.PeerPolicy;
import org.mipaaa.role.Role;

/**
 * The node's trust boundary and the choice among its roles, on the shipped config/policy.properties:
 * a request reaches a handler only if the authenticated peer (or, behind a trusted relay, the peer it
 * vouches for) may send it to that role, and only if it is that peer's own request (Origin-Host).
 */
class RoleRouterTest {

    private static final long SERVICES = VendorSettings.defaults().accountingServicesApplicationId();
    private static final Map<String, Set<PeerKind>> PEERS = Map.of(
            "aaah.other.example", Set.of(PeerKind.AAAH),
            "aaah.home.example", Set.of(PeerKind.AAAH),
            "aaaf.visited.example", Set.of(PeerKind.AAAF),
            "aaa.partner.example", Set.of(PeerKind.AAAF, PeerKind.AAAH),
            "ha.home.example", Set.of(PeerKind.HA),
            "terminal.home.example", Set.of(PeerKind.TERMINAL),
            "relay.interop.example", Set.of(PeerKind.RELAY),
            "mn1.home.example", Set.of(PeerKind.MOBILE_NODE),
            "mn2.home.example", Set.of(PeerKind.MOBILE_NODE));
    private static final List<Integer> AAAH_SERVICES = List.of(CommandCodes.PURCHASE_INFORMATION, CommandCodes.SETTLEMENT,
            CommandCodes.SETTLEMENT_CANCEL);
    private static final List<Integer> AAAY_SERVICES = List.of(CommandCodes.PURCHASE_INFORMATION, CommandCodes.PAYMENT_NOTIFICATION,
            CommandCodes.SETTLEMENT_CANCEL);

    private static PeerPolicy policy;
    private final MessageParser parser = new MessageParser();
    /** The handler each role got, to tell which role a route leads to. */
    private final Map<Role, RequestHandler> handlerOf = new EnumMap<>(Role.class);

    @BeforeAll
    static void shippedPolicy() throws Exception {
        policy = PeerPolicy.load(Path.of("../../config/policy.properties"), Dictionary.bundled());
    }

    /** A node at {@code host} in {@code realm} playing {@code roles}, each serving the commands given. */
    private RoleRouter router(String host, String realm, Map<Role, List<Integer>> commands) {
        Map<Role, HandlerRegistry> registries = new EnumMap<>(Role.class);
        commands.forEach((role, served) -> {
            RequestHandler handler = new RoleHandler(role); // one instance per role: a lambda capturing nothing is one for all
            handlerOf.put(role, handler);
            HandlerRegistry registry = new HandlerRegistry();
            served.forEach(c -> registry.register(SERVICES, c, handler));
            registries.put(role, registry);
        });
        return new RoleRouter(List.copyOf(commands.keySet()), registries, host, realm,
                peer -> PEERS.getOrDefault(peer, Set.of()), peer -> Set.of(peer.substring(peer.indexOf('.') + 1)), policy);
    }

    /** The handler of one role, only told apart by identity. */
    private record RoleHandler(Role role) implements RequestHandler {
        @Override
        public CompletionStage<Outcome> handle(Request request) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private RoleRouter aaah(Map<Role, List<Integer>> commands) {
        return router("aaah.home.example", "home.example", commands);
    }

    /** A request of {@code command} for {@code realm}, written by {@code origin}, received from {@code peer} (null: in process). */
    private IMessage request(int command, String realm, String host, String origin, String peer, String... routeRecords) throws Exception {
        IMessage m = parser.createEmptyMessage(command, SERVICES);
        m.setRequest(true);
        m.getAvps().addAvp(AvpCodes.ORIGIN_HOST, origin, true, false, true);
        m.getAvps().addAvp(AvpCodes.DESTINATION_REALM, realm, true, false, true);
        if (host != null) {
            m.getAvps().addAvp(AvpCodes.DESTINATION_HOST, host, true, false, true);
        }
        for (String rr : routeRecords) {
            m.getAvps().addAvp(AvpCodes.ROUTE_RECORD, rr, true, false, true);
        }
        if (peer != null) {
            IPeer from = mock(IPeer.class);
            when(from.getUri()).thenReturn(new URI("aaa://" + peer + ":3868"));
            m.setPeer(from);
        }
        return m;
    }

    /** A request written by the peer it comes from. */
    private IMessage from(String peer, int command, String realm) throws Exception {
        return request(command, realm, null, peer, peer);
    }

    private Optional<Role> roleOf(Route route) {
        if (!(route instanceof Route.To to)) {
            return Optional.empty();
        }
        return handlerOf.entrySet().stream().filter(e -> e.getValue() == to.handler()).map(Map.Entry::getKey).findFirst();
    }

    private static long refusal(Route route) {
        assertThat(route).isInstanceOf(Route.Refused.class);
        return ((Route.Refused) route).refusal().resultCode();
    }

    @Test
    void aSingleRoleNodeTakesFromEachPeerWhatThePolicyLetsItSend() throws Exception {
        RoleRouter aaay = router("aaay.shop.example", "shop.example", Map.of(Role.AAAY, AAAY_SERVICES));
        assertThat(roleOf(aaay.route(from("aaah.other.example", CommandCodes.PAYMENT_NOTIFICATION, "shop.example")))).contains(Role.AAAY);
        // attack 4: a terminal (or anybody but an AAAH) sends the AAAY nothing
        assertThat(refusal(aaay.route(from("terminal.home.example", CommandCodes.PAYMENT_NOTIFICATION, "shop.example"))))
                .isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        assertThat(refusal(aaay.route(from("mn1.home.example", CommandCodes.PURCHASE_INFORMATION, "shop.example"))))
                .isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        // a peer this node does not know at all
        assertThat(refusal(aaay.route(from("unknown.example", CommandCodes.PAYMENT_NOTIFICATION, "shop.example"))))
                .isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        // what no role serves is 3001, whoever asks
        assertThat(refusal(aaay.route(from("aaah.other.example", CommandCodes.SETTLEMENT, "shop.example"))))
                .isEqualTo(ResultCodes.COMMAND_UNSUPPORTED);
    }

    @Test
    void aaahAndAaay_anotherCarriersAaahReachesTheAaayAMobileNodeOnlyTheAaah() throws Exception {
        RoleRouter node = aaah(Map.of(Role.AAAH, AAAH_SERVICES, Role.AAAY, AAAY_SERVICES));
        assertThat(roleOf(node.route(from("aaah.other.example", CommandCodes.PURCHASE_INFORMATION, "home.example")))).contains(Role.AAAY);
        assertThat(roleOf(node.route(from("mn1.home.example", CommandCodes.PURCHASE_INFORMATION, "home.example")))).contains(Role.AAAH);
        // the AAAF relays its mobile node's SCR: Origin-Host the mobile node's, the AAAF vouches
        assertThat(roleOf(node.route(request(CommandCodes.SETTLEMENT_CANCEL, "home.example", null, "mn1.home.example",
                "aaaf.visited.example", "mn1.home.example")))).contains(Role.AAAH);
        // a mobile node's PNR: only the AAAY serves PNR, and a mobile node may not send it there
        assertThat(refusal(node.route(from("mn1.home.example", CommandCodes.PAYMENT_NOTIFICATION, "home.example"))))
                .isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        assertThat(roleOf(node.route(from("aaah.other.example", CommandCodes.PAYMENT_NOTIFICATION, "home.example")))).contains(Role.AAAY);
    }

    @Test
    void attack5_aPeerThatWritesAnotherNodesOriginHostIsRefused() throws Exception {
        RoleRouter node = aaah(Map.of(Role.AAAH, AAAH_SERVICES));
        // mn2, over its own link, claims to be mn1 (or the HA)
        assertThat(refusal(node.route(request(CommandCodes.SETTLEMENT, "home.example", null, "mn1.home.example", "mn2.home.example"))))
                .isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        assertThat(refusal(node.route(request(CommandCodes.SETTLEMENT, "home.example", null, "ha.home.example", "mn2.home.example"))))
                .isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        // nor may a forwarding AAAF write the home agent's, which sends its STR itself
        assertThat(refusal(node.route(request(CommandCodes.SETTLEMENT, "home.example", null, "ha.home.example", "aaaf.visited.example",
                "fa.visited.example")))).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        // its own Origin-Host, in another case: the same DiameterIdentity (RFC 6733 §4.3.1: case-insensitive)
        assertThat(roleOf(node.route(request(CommandCodes.SETTLEMENT, "home.example", null, "MN2.home.example", "mn2.home.example"))))
                .contains(Role.AAAH);
    }

    @Test
    void aPeerThatWritesAnotherRealmThanItsOwnIsRefused() throws Exception {
        RoleRouter node = aaah(Map.of(Role.AAAH, AAAH_SERVICES));
        IMessage foreignRealm = request(CommandCodes.SETTLEMENT, "home.example", null, "mn2.home.example", "mn2.home.example");
        foreignRealm.getAvps().addAvp(AvpCodes.ORIGIN_REALM, "other.example", true, false, true);
        assertThat(refusal(node.route(foreignRealm))).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);

        IMessage ownRealm = request(CommandCodes.SETTLEMENT, "home.example", null, "mn2.home.example", "mn2.home.example");
        ownRealm.getAvps().addAvp(AvpCodes.ORIGIN_REALM, "HOME.example", true, false, true);
        assertThat(roleOf(node.route(ownRealm))).contains(Role.AAAH);

        // the AAAF forwards its visitors' requests: their Origin-Realm is their home's, not the AAAF's
        IMessage relayed = request(CommandCodes.SETTLEMENT, "home.example", null, "mn1.home.example", "aaaf.visited.example",
                "mn1.home.example");
        relayed.getAvps().addAvp(AvpCodes.ORIGIN_REALM, "home.example", true, false, true);
        assertThat(roleOf(node.route(relayed))).contains(Role.AAAH);
    }

    @Test
    void behindATrustedRelayTheSenderIsThePeerItsLastRouteRecordNames() throws Exception {
        RoleRouter node = aaah(Map.of(Role.AAAH, AAAH_SERVICES));
        // FA -> our AAAF -> a freeDiameter relay -> AAAH: the relay names the AAAF it got the request from
        assertThat(roleOf(node.route(request(CommandCodes.SETTLEMENT, "home.example", null, "mn1.home.example",
                "relay.interop.example", "mn1.home.example", "aaaf.visited.example")))).contains(Role.AAAH);
        // a relay that names nobody, or somebody unknown, vouches for nothing
        assertThat(refusal(node.route(request(CommandCodes.SETTLEMENT, "home.example", null, "mn1.home.example",
                "relay.interop.example")))).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        assertThat(refusal(node.route(request(CommandCodes.SETTLEMENT, "home.example", null, "x.example",
                "relay.interop.example", "x.example")))).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        // the relay forwards the HA's STR-like request: the Origin-Host must be the one it names
        assertThat(refusal(node.route(request(CommandCodes.SETTLEMENT, "home.example", null, "mn2.home.example",
                "relay.interop.example", "mn1.home.example")))).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
    }

    @Test
    void aaafAndAaay_aRequestForAnotherRealmIsRelayedOneForThisRealmGoesToTheAaay() throws Exception {
        RoleRouter node = router("aaaf.visited.example", "visited.example", Map.of(
                Role.AAAF, List.of(CommandCodes.PURCHASE_INFORMATION, CommandCodes.SETTLEMENT_CANCEL),
                Role.AAAY, AAAY_SERVICES));
        assertThat(roleOf(node.route(from("mn1.home.example", CommandCodes.PURCHASE_INFORMATION, "home.example")))).contains(Role.AAAF);
        assertThat(roleOf(node.route(from("aaah.home.example", CommandCodes.PURCHASE_INFORMATION, "visited.example")))).contains(Role.AAAY);
        assertThat(roleOf(node.route(from("aaah.home.example", CommandCodes.SETTLEMENT_CANCEL, "visited.example")))).contains(Role.AAAY);
        // a mobile node may not send this realm's AAAY anything
        assertThat(refusal(node.route(from("mn1.home.example", CommandCodes.PAYMENT_NOTIFICATION, "visited.example"))))
                .isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
    }

    /**
     * Two networks whose subscribers visit each other (config/variants/roaming-both-ways): home.example's
     * server is the AAAH of its own mobile nodes and the AAAF of visitors, and so is its partner's. A
     * request for this realm is served here, one for another realm relayed, whoever sends it.
     */
    @Test
    void aaahAndAaaf_aRequestForThisRealmIsServedByTheAaahOneForAnotherRealmRelayedByTheAaaf() throws Exception {
        RoleRouter node = aaah(Map.of(Role.AAAH, AAAH_SERVICES, Role.AAAF, AAAH_SERVICES));
        // its own mobile node, connected here, for its home realm: the AAAH (not relayed to itself)
        assertThat(roleOf(node.route(from("mn1.home.example", CommandCodes.PURCHASE_INFORMATION, "home.example")))).contains(Role.AAAH);
        // the partner's server relays one of this realm's mobile nodes' requests home: the AAAH
        assertThat(roleOf(node.route(request(CommandCodes.SETTLEMENT, "home.example", null, "mn1.home.example", "aaa.partner.example"))))
                .contains(Role.AAAH);
        // a request of a mobile node connected here for another realm: the AAAF relays it there
        assertThat(roleOf(node.route(from("mn1.home.example", CommandCodes.PURCHASE_INFORMATION, "partner.example")))).contains(Role.AAAF);
    }

    @Test
    void inProcess_aRequestForThisNodeGoesToTheRoleServingTheSendersRole() throws Exception {
        RoleRouter node = aaah(Map.of(Role.AAAH, AAAH_SERVICES, Role.AAAY, AAAY_SERVICES));
        assertThat(node.inProcessReceiver(Role.AAAH, request(CommandCodes.PURCHASE_INFORMATION, "home.example", null, "aaah.home.example", null)))
                .contains(Role.AAAY);
        assertThat(node.inProcessReceiver(Role.AAAH, request(CommandCodes.PAYMENT_NOTIFICATION, "home.example", "aaah.home.example",
                "aaah.home.example", null))).contains(Role.AAAY);
        // for another realm or another host: the network
        assertThat(node.inProcessReceiver(Role.AAAH, request(CommandCodes.PURCHASE_INFORMATION, "shop.example", null, "aaah.home.example", null)))
                .isEmpty();
        assertThat(node.inProcessReceiver(Role.AAAY, request(CommandCodes.PURCHASE_INFORMATION, "home.example", "terminal.home.example",
                "aaah.home.example", null))).isEmpty();
        // no role of this node serves the AAAY's requests (no terminal here): the network
        assertThat(node.inProcessReceiver(Role.AAAY, request(CommandCodes.PURCHASE_INFORMATION, "home.example", "aaah.home.example",
                "aaah.home.example", null))).isEmpty();
    }

    @Test
    void aaayAndTerminal_theTerminalBehindItsAaayIsNeverReachedFromTheNetwork() throws Exception {
        RoleRouter node = router("aaay.home.example", "home.example", Map.of(Role.AAAY, AAAY_SERVICES,
                Role.TERMINAL, List.of(CommandCodes.PURCHASE_INFORMATION, CommandCodes.PAYMENT_NOTIFICATION, CommandCodes.SETTLEMENT_CANCEL)));
        assertThat(node.inProcessReceiver(Role.AAAY, request(CommandCodes.PAYMENT_NOTIFICATION, "home.example", "aaay.home.example",
                "aaay.home.example", null))).contains(Role.TERMINAL);
        assertThat(roleOf(node.route(from("aaah.other.example", CommandCodes.PURCHASE_INFORMATION, "home.example")))).contains(Role.AAAY);
        assertThat(refusal(node.route(from("mn1.home.example", CommandCodes.PAYMENT_NOTIFICATION, "home.example"))))
                .isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
    }
}
