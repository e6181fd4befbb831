package org.mipaaa.aaaf;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.Message;
import org.jdiameter.api.Request;
import org.jdiameter.client.api.IMessage;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DIAMETER proxy for requests bound for another realm (RFC 6733 §2.8.2, §6.1.9), as the AAAF is
 * for the mobile node's home (seed S104: "transfers this registration request packet to the AAAH ...
 * identified from the NAI"): the request goes on unchanged but for a Route-Record naming the peer it
 * came from (RFC 6733 §6.1.9: "the identity of the peer the request was received from", its CER
 * Origin-Host) and a new Hop-by-Hop Identifier; its Session-Id, Origin-Host and End-to-End Identifier
 * stay. The answer comes back as the home server wrote it ({@link Outcome.Relayed}). A request whose
 * Route-Records already name this node (a node after it added it) is a loop (3005, identities compared
 * without regard to case, §4.3.1); one that cannot be delivered upstream is answered 3002, E bit set,
 * by this node.
 */
public final class RealmProxy implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(RealmProxy.class);
    /** Sends of one request upstream: the first and one more to another peer of the realm. */
    private static final int MAX_ATTEMPTS = 2;
    /** Builds the upstream copies. */
    private final org.jdiameter.client.impl.parser.MessageParser parser = new org.jdiameter.client.impl.parser.MessageParser();

    private final DiameterClient client;
    private final String localHost;
    private final Duration timeout;
    private final ProxyListener listener;

    /**
     * @param listener told of each request forwarded (the AAAF keeps its entry for the mobile node)
     */
    public RealmProxy(DiameterClient client, String localHost, Duration timeout, ProxyListener listener) {
        this.client = client;
        this.localHost = localHost;
        this.timeout = timeout;
        this.listener = listener;
    }

    /**
     * What a proxy tells its node about the requests it forwards: only those the realm answered with
     * success, so nothing a peer merely sends (an AMR with any User-Name) leaves state behind.
     */
    @FunctionalInterface
    public interface ProxyListener {
        ProxyListener NONE = (command, sessionId, userName) -> { };

        void succeeded(int commandCode, String sessionId, String userName);
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        if (routeRecords(request).stream().anyMatch(localHost::equalsIgnoreCase)) {
            return Outcome.refusal(ResultCodes.LOOP_DETECTED, "the request passed " + localHost + " before (Route-Record)").now();
        }
        CompletableFuture<Outcome> result;
        try {
            result = forward(request, previousHop(request), 1).thenApply(answer -> {
                if (AnswerResult.isSuccess(answer)) {
                    listener.succeeded(request.getCommandCode(), string(request.getAvps().getAvp(AvpCodes.SESSION_ID, 0)),
                            string(request.getAvps().getAvp(AvpCodes.USER_NAME, 0)));
                }
                return Outcome.relayed(answer);
            });
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.exceptionally(failure -> {
            log.warn("cannot deliver command {} upstream: session={}: {}", request.getCommandCode(),
                    string(request.getAvps().getAvp(AvpCodes.SESSION_ID, 0)), failure.toString());
            return Outcome.refusal(ResultCodes.UNABLE_TO_DELIVER, "cannot deliver the request to its realm");
        });
    }

    /**
     * Sends {@code request} upstream; when it got no answer (the peer died or went silent) or the answer
     * 3004 DIAMETER_TOO_BUSY (a member of a cluster of AAAHs cut off from the others), sends it again
     * with the T flag (RFC 6733 §5.5.4, §7.1.3), the router then choosing among the realm's peers still
     * up; the home server's duplicate detection answers a copy it already served as the first time.
     */
    private CompletableFuture<Message> forward(Request request, String previousHop, int attempt) {
        Message upstream = copyWithRouteRecord(request, previousHop, attempt > 1 || request.isReTransmitted());
        return client.forward(upstream, timeout).handle((answer, failure) -> {
            boolean again = attempt < MAX_ATTEMPTS
                    && (failure != null || AnswerResult.resultCode(answer) == ResultCodes.TOO_BUSY);
            if (again) {
                log.info("command {} session={}: {} upstream; sent again with the T flag", request.getCommandCode(),
                        string(request.getAvps().getAvp(AvpCodes.SESSION_ID, 0)), failure != null ? "no answer" : "3004");
                return forward(request, previousHop, attempt + 1);
            }
            return failure != null ? CompletableFuture.<Message>failedFuture(failure) : CompletableFuture.completedFuture(answer);
        }).thenCompose(next -> next);
    }

    /**
     * The peer {@code request} came from, as jDiameter knows it from the connection (its CER
     * Origin-Host); for a request that reached this node without a connection, its Origin-Host.
     */
    private static String previousHop(Request request) {
        if (request instanceof IMessage m && m.getPeer() != null && m.getPeer().getUri() != null) {
            return m.getPeer().getUri().getFQDN();
        }
        return string(request.getAvps().getAvp(AvpCodes.ORIGIN_HOST, 0));
    }

    /** The request as it goes upstream: every AVP in order, then the Route-Record of its previous hop (§6.7.1). */
    private Message copyWithRouteRecord(Request request, String previousHop, boolean retransmitted) {
        IMessage copy = parser.createEmptyMessage(request.getCommandCode(), request.getApplicationId());
        copy.setRequest(true);
        copy.setProxiable(request.isProxiable());
        copy.setReTransmitted(retransmitted);
        // a proxy keeps the End-to-End Identifier (§3); the Hop-by-Hop one is the next hop's
        copy.setEndToEndIdentifier(request.getEndToEndIdentifier());
        AvpWriter avps = new AvpWriter(client.dictionary(), copy.getAvps());
        for (Avp avp : request.getAvps()) {
            avps.copy(avp);
        }
        avps.add(AvpCodes.ROUTE_RECORD, previousHop);
        return copy;
    }

    private static java.util.List<String> routeRecords(Request request) {
        java.util.List<String> hosts = new java.util.ArrayList<>();
        for (Avp rr : request.getAvps().getAvps(AvpCodes.ROUTE_RECORD, 0)) {
            hosts.add(string(rr));
        }
        return hosts;
    }

    private static String string(Avp avp) {
        if (avp == null) {
            return null;
        }
        try {
            return avp.getUTF8String();
        } catch (AvpDataException e) {
            return null;
        }
    }
}
