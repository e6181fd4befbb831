package org.mipaaa.diameter;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.EventListener;
import org.jdiameter.api.Message;
import org.jdiameter.api.Peer;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.RawSession;
import org.jdiameter.api.Request;
import org.jdiameter.api.Session;
import org.jdiameter.api.Stack;
import org.jdiameter.client.api.IMessage;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;

/**
 * Sends requests from a node through its jDiameter stack and completes with their answers.
 *
 * <p>jDiameter reports an answer on the thread of the peer connection it came from (its peer FSM
 * thread). What a caller chains on the returned future (a handler finishing its own answer: the
 * AAAH's AMR handler writes the registration's session to an fsynced store) must not hold that
 * connection up, so the futures complete on {@code completions}, the node's handler pool; only when
 * the pool refuses work (full) does the answer complete on jDiameter's thread, never lost.
 */
public final class DiameterClient {

    private final Stack stack;
    private final Duration timeout;
    private final Executor completions;
    private final Dictionary dictionary;
    private final LocalDelivery local;
    /** The forwarded requests not answered yet, by the peer they went to (shared by this client's copies). */
    private final PendingByPeer pendingByPeer;

    /** {@code dictionary} says which commands are proxiable (their requests get the P bit) and gives the AVPs written their flags. */
    public DiameterClient(Stack stack, Duration timeout, Executor completions, Dictionary dictionary) {
        this(stack, timeout, completions, dictionary, LocalDelivery.NONE, new PendingByPeer());
    }

    private DiameterClient(Stack stack, Duration timeout, Executor completions, Dictionary dictionary, LocalDelivery local,
                           PendingByPeer pendingByPeer) {
        this.stack = stack;
        this.timeout = timeout;
        this.completions = completions;
        this.dictionary = dictionary;
        this.local = local;
        this.pendingByPeer = pendingByPeer;
    }

    /** The dictionary the requests are written with ({@link OutgoingRequest#avps()}). */
    public Dictionary dictionary() {
        return dictionary;
    }

    /** This client, serving in process what {@code local} takes (requests to another role of the same node). */
    public DiameterClient withLocalDelivery(LocalDelivery local) {
        return new DiameterClient(stack, timeout, completions, dictionary, local, pendingByPeer);
    }

    /**
     * A new request in a new session. Origin-Host and Origin-Realm are added by jDiameter when it is
     * sent; {@code destinationHost} may be null to route by realm.
     */
    public OutgoingRequest newRequest(int commandCode, ApplicationId application, String destinationRealm,
                                      String destinationHost) throws Exception {
        return request(stack.getSessionFactory().getNewSession(), commandCode, application, destinationRealm, destinationHost);
    }

    /**
     * A request in the existing session {@code sessionId} (an STR ends the session a request of
     * another node began, RFC 6733 §8.4.1); otherwise as {@link #newRequest}.
     */
    public OutgoingRequest requestInSession(String sessionId, int commandCode, ApplicationId application,
                                            String destinationRealm, String destinationHost) throws Exception {
        return request(stack.getSessionFactory().getNewSession(sessionId), commandCode, application, destinationRealm,
                destinationHost);
    }

    private OutgoingRequest request(Session session, int commandCode, ApplicationId application, String destinationRealm,
                                    String destinationHost) {
        Request request = destinationHost == null
                ? session.createRequest(commandCode, application, destinationRealm)
                : session.createRequest(commandCode, application, destinationRealm, destinationHost);
        // jDiameter's createRequest leaves the P bit clear; the CCF of the command says (RFC 6733 §3.2)
        request.setProxiable(isProxiable(commandCode, application));
        return new OutgoingRequest(session, request);
    }

    private boolean isProxiable(int commandCode, ApplicationId application) {
        long id = application.getAuthAppId() != ApplicationId.UNDEFINED_VALUE ? application.getAuthAppId() : application.getAcctAppId();
        return dictionary.command(id, commandCode, true)
                .or(() -> dictionary.command(ApplicationIds.COMMON_MESSAGES, commandCode, true))
                .map(CommandDefinition::proxiable)
                .orElse(false);
    }

    /** A request with the session it belongs to; add AVPs with {@link #avps()}, then {@link #send()}. */
    public final class OutgoingRequest {

        private final Session session;
        private final Request request;

        private OutgoingRequest(Session session, Request request) {
            this.session = session;
            this.request = request;
        }

        public Request request() {
            return request;
        }

        /** Writes the request's AVPs, after the Session-Id and routing AVPs jDiameter put in. */
        public AvpWriter avps() {
            return new AvpWriter(dictionary, request.getAvps());
        }

        /**
         * As {@link #send()}, but waits {@code within} instead of the client's timeout: shorter (a caller's
         * own bound below what the previous hop waits), or longer (a request a person answers, such as
         * the AAAH's UCR). Completes on the node's pool.
         */
        public CompletableFuture<Answer> send(Duration within) {
            // the caller's bound holds even if the stack's timer does not fire (a stack without one)
            return onPool(sendWithin(within).orTimeout(within.toMillis(), TimeUnit.MILLISECONDS));
        }

        /** Sends it; completes with the answer, or exceptionally with a TimeoutException. */
        public CompletableFuture<Answer> send() {
            return sendWithin(timeout);
        }

        private CompletableFuture<Answer> sendWithin(Duration within) {
            CompletableFuture<Answer> result = new CompletableFuture<>();
            try {
                java.util.Optional<java.util.concurrent.CompletionStage<Answer>> served = local.deliver(request);
                if (served.isPresent()) {
                    return onPool(served.get().toCompletableFuture().orTimeout(within.toMillis(), TimeUnit.MILLISECONDS))
                            .whenComplete((a, f) -> session.release());
                }
                session.send(request, new EventListener<Request, Answer>() {
                    @Override
                    public void receivedSuccessMessage(Request req, Answer answer) {
                        off(() -> result.complete(answer));
                    }

                    @Override
                    public void timeoutExpired(Request req) {
                        off(() -> result.completeExceptionally(new TimeoutException(
                                "no answer to command " + req.getCommandCode() + " within " + within)));
                    }
                }, within.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
            return result.whenComplete((a, f) -> session.release());
        }
    }

    /**
     * Sends {@code message}, a request this node forwards as a proxy (its End-to-End Identifier and AVPs
     * kept, RFC 6733 §6.1.9), on a raw session; completes with the answer as received, on the node's
     * pool, or exceptionally with a TimeoutException after {@code timeout}.
     */
    public CompletableFuture<Message> forward(Message message, Duration timeout) {
        CompletableFuture<Message> result = new CompletableFuture<>();
        try {
            RawSession session = stack.getSessionFactory().getNewRawSession();
            session.send(message, new EventListener<Message, Message>() {
                @Override
                public void receivedSuccessMessage(Message sent, Message answer) {
                    session.release();
                    off(() -> result.complete(answer));
                }

                @Override
                public void timeoutExpired(Message sent) {
                    session.release();
                    off(() -> result.completeExceptionally(new TimeoutException("no answer upstream within " + timeout)));
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            failWhenItsPeerGoes(message, result);
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Completes {@code pending} exceptionally when the connection to the peer its request went to (set
     * by jDiameter's router as it sent it) goes down before the answer: jDiameter drops such a request
     * and would only report it at its timeout, whereas its sender can send it to another peer at once
     * (RFC 6733 §5.5.4).
     */
    private void failWhenItsPeerGoes(Message request, CompletableFuture<Message> pending) {
        if (request instanceof IMessage sent && sent.getPeer() != null) {
            pendingByPeer.watch(sent.getPeer(), pending, this::off);
        }
    }

    private static boolean isUp(PeerState state) {
        return state == PeerState.OKAY || state == PeerState.SUSPECT;
    }

    /**
     * The requests forwarded to each peer and not answered yet. One state listener per peer, added with
     * its first request and kept (jDiameter's removal of a peer state listener does not find the
     * listener it added, so one per request would pile up); a request leaves its peer's set when it
     * completes, however.
     */
    private static final class PendingByPeer {

        private final Map<Peer, Set<CompletableFuture<Message>>> pending = new ConcurrentHashMap<>();

        void watch(Peer peer, CompletableFuture<Message> request, java.util.function.Consumer<Runnable> off) {
            Set<CompletableFuture<Message>> requests = pending.computeIfAbsent(peer, p -> {
                Set<CompletableFuture<Message>> set = ConcurrentHashMap.newKeySet();
                p.addPeerStateListener((from, to) -> {
                    if (!isUp(to)) {
                        for (CompletableFuture<Message> lost : set) {
                            off.accept(() -> lost.completeExceptionally(new PeerDownException(p.getUri() + " went " + to
                                    + " before answering")));
                        }
                    }
                });
                return set;
            });
            requests.add(request);
            request.whenComplete((answer, failure) -> requests.remove(request));
            if (!isUp(peer.getState(PeerState.class))) {
                // it went down before the request was in the set
                off.accept(() -> request.completeExceptionally(new PeerDownException(peer.getUri() + " is down")));
            }
        }
    }

    /** The connection to the peer a request went to went down before its answer came. */
    public static final class PeerDownException extends Exception {

        private static final long serialVersionUID = 1L;

        PeerDownException(String message) {
            super(message);
        }
    }

    /**
     * {@code future}'s value, or {@code fallback} when it has none after {@code after}; completes on the
     * node's pool (never on the JDK's delay thread), and leaves {@code future} itself alone.
     */
    public <T> CompletableFuture<T> within(CompletableFuture<T> future, Duration after, T fallback) {
        return onPool(future.thenApply(value -> value).completeOnTimeout(fallback, after.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * {@code future}, completing on the completions executor: for a caller's own timeout
     * ({@code orTimeout} fires on the JDK's one shared delay thread, which must not do the stores'
     * fsynced writes that follow).
     */
    private <T> CompletableFuture<T> onPool(CompletableFuture<T> future) {
        CompletableFuture<T> moved = new CompletableFuture<>();
        future.whenComplete((value, failure) -> off(() -> {
            if (failure != null) {
                moved.completeExceptionally(failure);
            } else {
                moved.complete(value);
            }
        }));
        return moved;
    }

    /** Runs {@code completion} on the completions executor, or here if it refuses. */
    private void off(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }
}
