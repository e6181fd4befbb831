package org.mipaaa.install;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.Request;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.controller.IPeer;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.diameter.Route;
import org.mipaaa.diameter.Router;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.policy.PeerKind;
import org.mipaaa.policy.PeerPolicy;
import org.mipaaa.policy.Sender;
import org.mipaaa.role.Role;

/**
 * The node's trust boundary and its roles: where a request from the network goes, decided before any
 * handler runs (docs/PROTOCOL.md §2.1).
 * <ol>
 * <li>The node must serve the command at all (a role with a handler), else 3001.</li>
 * <li>The sender is the peer of the connection (authenticated by our transport: TLS certificate + CER),
 *     or, behind a configured relay, the peer its last Route-Record names ({@link Sender}); its kinds
 *     come from the node's configuration ({@code peer.role.<host>}) or a mobile node's certificate,
 *     never from the request.</li>
 * <li>A request's Origin-Host must be that sender and its Origin-Realm a realm of that sender (its
 *     DiameterIdentity's domain, or one jdiameter.xml lists it under), unless the sender forwards others'
 *     requests (the AAAF, a proxy for its mobile nodes and FAs); even then, never the Origin-Host of
 *     another configured peer of this node, which sends its own (the home agent's STR, say).</li>
 * <li>The request goes to the first of the node's roles, in the seed's chain MN -> AAAF -> AAAH -> HA,
 *     AAAY -> terminal, that serves it and that {@code config/policy.properties} lets such a sender
 *     reach; a request for another realm goes to the AAAF first (RFC 6733 §6.1.4). None: 5003.</li>
 * </ol>
 * So one server may play several roles (seed: "the AAAY server may be the same server as the AAAH
 * server"): each keeps its handlers, the AAAH takes a mobile node's PIR and the AAAY an AAAH's, and a
 * mobile node never reaches the AAAY behind its own AAAH. A request a role sends to another role of
 * the same node is served in process ({@link #inProcessReceiver}) and never meets this boundary.
 */
final class RoleRouter implements Router {

    private final List<Role> roles;
    private final Map<Role, HandlerRegistry> handlers;
    private final String host;
    private final String realm;
    private final Function<String, Set<PeerKind>> peerKinds;
    private final Function<String, Set<String>> realmsOf;
    private final PeerPolicy policy;

    /**
     * @param peerKinds what a peer (lower-case DiameterIdentity) is to this node
     * @param realmsOf  the realms (lower case) a peer may write as its Origin-Realm: the domain its
     *                  DiameterIdentity is in and those jdiameter.xml lists it under
     * @param policy    which requests each kind of sender may send to each role
     */
    RoleRouter(List<Role> roles, Map<Role, HandlerRegistry> handlers, String host, String realm,
               Function<String, Set<PeerKind>> peerKinds, Function<String, Set<String>> realmsOf, PeerPolicy policy) {
        this.roles = List.copyOf(roles);
        this.handlers = Map.copyOf(handlers);
        this.host = host;
        this.realm = realm;
        this.peerKinds = peerKinds;
        this.realmsOf = realmsOf;
        this.policy = policy;
    }

    @Override
    public Route route(Request request) {
        List<Role> serving = serving(request);
        if (serving.isEmpty()) {
            return refused(ResultCodes.COMMAND_UNSUPPORTED, "command " + request.getCommandCode() + " is not served by this node");
        }
        String peer = peerOf(request);
        if (peer == null) {
            return refused(ResultCodes.AUTHORIZATION_REJECTED, "the peer of the request is unknown");
        }
        StringBuilder whyNot = new StringBuilder();
        Optional<Sender> found = Sender.find(peer, routeRecords(request), peerKinds, whyNot);
        if (found.isEmpty()) {
            return refused(ResultCodes.AUTHORIZATION_REJECTED, whyNot.toString());
        }
        Sender sender = found.get();
        String origin = avp(request, AvpCodes.ORIGIN_HOST);
        if (origin != null && !sender.forwardsOthers() && !origin.equalsIgnoreCase(sender.identity())) {
            return refused(ResultCodes.AUTHORIZATION_REJECTED, "Origin-Host " + origin + " is not " + sender.identity()
                    + ", the peer the request came from");
        }
        if (origin != null && sender.forwardsOthers() && !origin.equalsIgnoreCase(sender.identity())
                && peerKinds.apply(origin.toLowerCase(Locale.ROOT)).stream().anyMatch(k -> k != PeerKind.MOBILE_NODE)) {
            // a peer of this node sends its own requests to it: one forwarded in its name is forged
            return refused(ResultCodes.AUTHORIZATION_REJECTED, "Origin-Host " + origin + " is a peer of this node, forwarded by "
                    + sender.identity());
        }
        String originRealm = avp(request, AvpCodes.ORIGIN_REALM);
        if (originRealm != null && !sender.forwardsOthers() && !realmsOf.apply(sender.identity()).contains(originRealm.toLowerCase(Locale.ROOT))) {
            return refused(ResultCodes.AUTHORIZATION_REJECTED, "Origin-Realm " + originRealm + " is not a realm of " + sender.identity()
                    + " " + realmsOf.apply(sender.identity()));
        }
        for (Role role : candidates(request, serving)) {
            for (PeerKind kind : sender.kinds()) {
                if (policy.allows(kind, role, request.getApplicationId(), request.getCommandCode())) {
                    return new Route.To(handlerOf(role, request).orElseThrow(), sender.peer());
                }
            }
        }
        return refused(ResultCodes.AUTHORIZATION_REJECTED, sender.identity() + " (" + kinds(sender) + ") may not send "
                + policy.name(request.getApplicationId(), request.getCommandCode()) + " to " + serving + " (config/policy.properties)");
    }

    /**
     * The serving roles in the order they are tried: the AAAF first for a request to another realm, last
     * for one to this node's realm (RFC 6733 §6.1.4: served here, not relayed), so a server that is the
     * AAAH of its own subscribers and the AAAF of visitors serves each as its Destination-Realm says.
     */
    private List<Role> candidates(Request request, List<Role> serving) {
        if (!serving.contains(Role.AAAF)) {
            return serving;
        }
        List<Role> order = new ArrayList<>(serving);
        order.remove(Role.AAAF);
        if (realm.equals(avp(request, AvpCodes.DESTINATION_REALM))) {
            order.add(Role.AAAF);
        } else {
            order.add(0, Role.AAAF);
        }
        return order;
    }

    private static String kinds(Sender sender) {
        return sender.kinds().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static Route refused(int resultCode, String message) {
        return new Route.Refused(Outcome.refusal(resultCode, message));
    }

    /**
     * The role that serves in process a request {@code sender} sends: the node's role serving requests
     * of {@code sender}, when the request is for this node (Destination-Host this node, or no
     * Destination-Host and Destination-Realm this node's realm); else empty (it goes to the network).
     */
    Optional<Role> inProcessReceiver(Role sender, Request request) {
        String destinationHost = avp(request, AvpCodes.DESTINATION_HOST);
        boolean forThisNode = destinationHost == null ? realm.equals(avp(request, AvpCodes.DESTINATION_REALM))
                : host.equals(destinationHost);
        if (!forThisNode) {
            return Optional.empty();
        }
        return serving(request).stream().filter(r -> r != sender && r.servesRequestsOf() == sender).findFirst();
    }

    Optional<RequestHandler> handlerOf(Role role, Request request) {
        return handlers.get(role).find(request);
    }

    /** The node's roles with a handler for the request's command, in the order of the seed's chains. */
    private List<Role> serving(Request request) {
        return roles.stream().filter(r -> handlers.get(r).find(request).isPresent()).sorted().toList();
    }

    /** The DiameterIdentity of the peer the request came from (jDiameter's peer of its connection). */
    private static String peerOf(Request request) {
        if (request instanceof IMessage message) {
            IPeer peer = message.getPeer();
            if (peer != null && peer.getUri() != null) {
                return peer.getUri().getFQDN().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static List<String> routeRecords(Request request) {
        List<String> records = new ArrayList<>();
        for (Avp rr : request.getAvps().getAvps(AvpCodes.ROUTE_RECORD)) {
            try {
                records.add(rr.getDiameterIdentity());
            } catch (AvpDataException e) {
                records.add("<undecodable>");
            }
        }
        return records;
    }

    private static String avp(Request request, int code) {
        Avp avp = request.getAvps().getAvp(code);
        try {
            return avp == null ? null : avp.getDiameterIdentity();
        } catch (AvpDataException e) {
            return null;
        }
    }
}
