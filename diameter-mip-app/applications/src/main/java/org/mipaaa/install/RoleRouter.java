package org.mipaaa.install;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.Request;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.controller.IPeer;
import org.mipaaa.diameter.HandlerLookup;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.role.Role;

/**
 * Which of a node's roles serves a request, when one server plays several (seed: "the AAAY server may
 * be the same server as the AAAH server / as the AAAF server", "the terminal may be the same server as
 * the AAAY server"). Each role keeps its own handlers; two of them may serve the same command (the
 * AAAH takes the mobile node's PIR, the AAAY the AAAH's).
 *
 * <p>From the network, a request for another realm goes to the AAAF, which relays it (RFC 6733
 * §6.1.4); else to the role that serves requests of the sending peer's role ({@code peer.role.<host>}:
 * a PIR from an AAAH peer goes to the AAAY); else only to the node's role nearest the mobile node (a
 * PIR from a mobile node or an AAAF goes to the AAAH, which checks its AAAM-Authenticator; a PNR from
 * them finds no handler, 3001). So a mobile node never reaches the AAAY behind its AAAH: the roles
 * behind the first are reached by peers of the role they serve, or in process by the role before them
 * ({@link #inProcessReceiver}).
 */
final class RoleRouter implements HandlerLookup {

    private final List<Role> roles;
    private final Map<Role, HandlerRegistry> handlers;
    private final String host;
    private final String realm;
    private final Function<String, List<Role>> peerRoles;
    /** The node's role nearest the mobile node: the only one a peer of no served role may reach. */
    private final Role front;

    RoleRouter(List<Role> roles, Map<Role, HandlerRegistry> handlers, String host, String realm,
               Function<String, List<Role>> peerRoles) {
        this.roles = List.copyOf(roles);
        this.handlers = Map.copyOf(handlers);
        this.host = host;
        this.realm = realm;
        this.peerRoles = peerRoles;
        this.front = roles.stream().sorted().findFirst().orElseThrow();
    }

    @Override
    public Optional<RequestHandler> find(Request request) {
        return networkReceiver(request).flatMap(role -> handlerOf(role, request));
    }

    /** The role that serves {@code request}, received from the network; empty when none of the node's may. */
    Optional<Role> networkReceiver(Request request) {
        List<Role> serving = serving(request);
        if (serving.contains(Role.AAAF) && !realm.equals(avp(request, AvpCodes.DESTINATION_REALM))) {
            return Optional.of(Role.AAAF);
        }
        List<Role> sender = sendingPeerRoles(request);
        Optional<Role> servesSender = serving.stream().filter(r -> sender.contains(r.servesRequestsOf())).findFirst();
        if (servesSender.isPresent()) {
            return servesSender;
        }
        // anybody else (a mobile node, an AAAF relaying one) reaches only the node's first role
        return serving.contains(front) ? Optional.of(front) : Optional.empty();
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

    /** The roles of the peer the request came from, as this node's {@code peer.role.<host>} names them. */
    private List<Role> sendingPeerRoles(Request request) {
        if (request instanceof IMessage message) {
            IPeer peer = message.getPeer();
            if (peer != null && peer.getUri() != null) {
                return peerRoles.apply(peer.getUri().getFQDN());
            }
        }
        return List.of();
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
