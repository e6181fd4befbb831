package org.mipaaa.diameter;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.NetworkReqListener;
import org.jdiameter.api.Request;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The node's one entry point for requests from jDiameter. On jDiameter's network thread it only hands
 * the request to the handler pool (or answers 3004 DIAMETER_TOO_BUSY at once when the pool is full),
 * so a slow handler never stalls a peer connection. On the pool: duplicate check -> dictionary checks
 * -> handler lookup -> handler -> answer.
 */
public final class RequestDispatcher implements NetworkReqListener {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);
    /** The keys of the logging context (SLF4J MDC) while a request is served. */
    public static final String LOG_SESSION = "session";
    public static final String LOG_APPLICATION = "application";
    public static final String LOG_COMMAND = "command";
    public static final String LOG_PEER = "peer";
    public static final String LOG_RESULT = "result";
    private static final Outcome UNABLE_TO_COMPLY = Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY, "the request could not be processed");
    /** This member of a cluster of AAAHs is cut off from the majority: another member may serve (RFC 6733 §7.1.3). */
    private static final Outcome MINORITY = Outcome.refusal(ResultCodes.TOO_BUSY,
            "this node's state is unavailable (a minority of its cluster); try another");
    private static final Outcome REUSED = Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY,
            "End-to-End Identifier already used for another request (RFC 6733 §3)");

    private final MessageValidator validator;
    private final Router router;
    private final AnswerFactory answers;
    private final AnswerSender sender;
    private final DuplicateAnswers duplicates;
    private final ExecutorService pool;
    private final DispatchObserver observer;

    public RequestDispatcher(MessageValidator validator, Router router, AnswerFactory answers,
                             AnswerSender sender, DuplicateAnswers duplicates, ExecutorService pool) {
        this(validator, router, answers, sender, duplicates, pool, DispatchObserver.NONE);
    }

    public RequestDispatcher(MessageValidator validator, Router router, AnswerFactory answers,
                             AnswerSender sender, DuplicateAnswers duplicates, ExecutorService pool, DispatchObserver observer) {
        this.validator = validator;
        this.router = router;
        this.answers = answers;
        this.sender = sender;
        this.duplicates = duplicates;
        this.pool = pool;
        this.observer = observer;
    }

    @Override
    public Answer processRequest(Request request) {
        long received = System.nanoTime();
        observer.received(request);
        try {
            pool.execute(() -> serve(request, received));
            return null; // answered later, from the pool
        } catch (RejectedExecutionException e) {
            log.warn("handler pool full, answering TOO_BUSY: session={} cmd={}", sessionId(request), request.getCommandCode());
            Answer busy = answers.answer(request, Outcome.refusal(ResultCodes.TOO_BUSY, "node overloaded"));
            observer.tooBusy(request);
            observer.answered(request, Long.toString(ResultCodes.TOO_BUSY), System.nanoTime() - received);
            return busy;
        }
    }

    /**
     * The trust boundary first, then the dictionary, then duplicate detection, then the handler: a
     * request its sender may not send is refused before anything else happens (and writes nothing, not
     * even a duplicate-detection entry); a copy is recognised only as the same request from the same peer.
     */
    private void serve(Request request, long received) {
        String sid = sessionId(request);
        logContext(request, sid);
        try {
            Route route = router.route(request);
            if (route instanceof Route.Refused refused) {
                log.warn("refused: session={} cmd={} result={} ({})", sid, request.getCommandCode(),
                        refused.refusal().resultCode(), refused.refusal().errorMessage());
                send(request, answers.answer(request, refused.refusal()), sid, received);
                return;
            }
            Route.To to = (Route.To) route;
            MDC.put(LOG_PEER, to.peer());
            Optional<Outcome.Refusal> invalid = validator.validate(request);
            if (invalid.isPresent()) {
                log.debug("refused: session={} cmd={} result={} ({})", sid, request.getCommandCode(),
                        invalid.get().resultCode(), invalid.get().errorMessage());
                send(request, answers.answer(request, invalid.get()), sid, received);
                return;
            }
            long claiming = System.nanoTime();
            DuplicateAnswers.Claim claim = duplicates.claim(request, to.peer());
            observer.stateStore("claim", System.nanoTime() - claiming);
            if (claim instanceof DuplicateAnswers.Copy copy) {
                log.debug("duplicate request, answered as the first: session={} e2e={}", sid, request.getEndToEndIdentifier());
                observer.duplicate(request);
                copy.answer().whenComplete((answer, failure) -> {
                    if (failure != null) {
                        log.error("duplicate request: the first one failed: session={}", sid, failure);
                    } else {
                        send(request, answer, sid, received);
                    }
                });
                return;
            }
            if (claim instanceof DuplicateAnswers.Reused) {
                log.warn("refused: session={} cmd={}: End-to-End Identifier {} of {} already used for another request",
                        sid, request.getCommandCode(), request.getEndToEndIdentifier(), to.peer());
                send(request, answers.answer(request, REUSED), sid, received);
                return;
            }
            served(request, to.handler()).whenComplete((answer, failure) -> {
                if (failure != null) {
                    // served() answers every failure; this is an answer that could not even be made
                    log.error("no answer could be made: session={} cmd={}", sid, request.getCommandCode(), failure);
                    answer = answers.answer(request, UNABLE_TO_COMPLY);
                }
                long completing = System.nanoTime();
                try {
                    duplicates.complete(request, to.peer(), answer);
                } catch (RuntimeException e) {
                    // the answer still goes out: a retransmission then runs the (idempotent) handler again
                    log.warn("answer not kept for duplicate detection: session={} cmd={}", sid, request.getCommandCode(), e);
                }
                observer.stateStore("complete", System.nanoTime() - completing);
                send(request, answer, sid, received);
            });
        } catch (Exception | StackOverflowError e) {
            if (StateStore.isUnavailable(e)) {
                log.warn("state unavailable (a minority of the cluster), answering TOO_BUSY: session={} cmd={}", sid,
                        request.getCommandCode());
                send(request, answers.answer(request, MINORITY), sid, received);
                return;
            }
            // a StackOverflowError has unwound: the request is answered, the thread lives on
            log.error("cannot serve request: session={} cmd={}", sid, request.getCommandCode(), e);
            send(request, answers.answer(request, UNABLE_TO_COMPLY), sid, received);
        } finally {
            clearLogContext();
        }
    }

    /**
     * Serves a request this node sent to another of its own roles ({@link LocalDelivery}): the same
     * dictionary checks and handler as from the network, the answer returned instead of sent. No
     * duplicate detection: nothing retransmits in process.
     */
    public CompletionStage<Answer> serveInProcess(Request request, RequestHandler handler) {
        Optional<Outcome.Refusal> invalid = validator.validate(request);
        if (invalid.isPresent()) {
            return CompletableFuture.completedFuture(answers.answer(request, invalid.get()));
        }
        return served(request, handler);
    }

    /**
     * The answer to {@code request} from {@code handler}'s outcome. The one place a failure becomes an
     * answer: a handler that throws, completes exceptionally or with nothing, or whose outcome cannot be
     * made into an answer, is answered 5012 DIAMETER_UNABLE_TO_COMPLY, and logged with the Session-Id.
     */
    private CompletionStage<Answer> served(Request request, RequestHandler handler) {
        CompletionStage<Outcome> outcome;
        try {
            outcome = handler.handle(request);
        } catch (RuntimeException | StackOverflowError e) {
            // input beyond what a handler can take is answered 5012 like any failure of it (issue 14, attack 3)
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.handle((o, failure) -> {
            Throwable cause = failure;
            if (cause == null && o != null) {
                try {
                    return answers.answer(request, o);
                } catch (RuntimeException | StackOverflowError e) {
                    cause = e;
                }
            }
            if (StateStore.isUnavailable(cause)) {
                log.warn("state unavailable (a minority of the cluster), answering TOO_BUSY: session={} cmd={}", sessionId(request),
                        request.getCommandCode());
                return answers.answer(request, MINORITY);
            }
            log.error("handler failed: session={} cmd={}", sessionId(request), request.getCommandCode(), cause);
            return answers.answer(request, UNABLE_TO_COMPLY);
        });
    }

    private void send(Request request, Answer answer, String sid, long received) {
        int command = request.getCommandCode();
        // an answer completed on another thread logs with its request's context too; that thread's own
        // context is given back afterwards
        Map<String, String> previous = MDC.getCopyOfContextMap();
        logContext(request, sid);
        Optional<AnswerResult> outcome = AnswerResult.of(answer); // read once: the log, its context and the meters
        String result = outcome.map(AnswerResult::label).orElse("-");
        MDC.put(LOG_RESULT, result);
        try {
            sender.send(answer);
            observer.answered(request, result, System.nanoTime() - received);
            log.debug("answered: session={} cmd={} result={}", sid, command, outcome.map(AnswerResult::toString).orElse("-"));
        } catch (org.jdiameter.api.IllegalDiameterStateException | org.jdiameter.api.RouteException e) {
            // the node is stopping, or the link the request came on is gone: the peer sends the request
            // again (elsewhere, or once the link is back) and the duplicate cache answers it the same
            log.warn("cannot send answer: session={} cmd={}: {}", sid, command, e.getMessage());
        } catch (Exception e) {
            log.error("cannot send answer: session={} cmd={}", sid, command, e);
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    /**
     * The request's Session-Id, application and command (and later its peer and the answer's result) in
     * the logging context, so a structured log (logback's JSON encoder) carries them as fields on every
     * line logged while it is served.
     */
    private static void logContext(Request request, String sid) {
        MDC.put(LOG_SESSION, sid);
        MDC.put(LOG_APPLICATION, Long.toString(request.getApplicationId()));
        MDC.put(LOG_COMMAND, Integer.toString(request.getCommandCode()));
    }

    private static void clearLogContext() {
        for (String key : new String[] {LOG_SESSION, LOG_APPLICATION, LOG_COMMAND, LOG_PEER, LOG_RESULT}) {
            MDC.remove(key);
        }
    }

    private static String sessionId(Request request) {
        Avp avp = request.getAvps().getAvp(AvpCodes.SESSION_ID, 0);
        try {
            return avp == null ? "-" : avp.getUTF8String();
        } catch (AvpDataException e) {
            return "<undecodable>";
        }
    }

}
