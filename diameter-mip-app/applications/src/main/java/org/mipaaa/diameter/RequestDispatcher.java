package org.mipaaa.diameter;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one entry point for requests from jDiameter. On jDiameter's network thread it only hands
 * the request to the handler pool (or answers 3004 DIAMETER_TOO_BUSY at once when the pool is full),
 * so a slow handler never stalls a peer connection. On the pool: duplicate check -> dictionary checks
 * -> handler lookup -> handler -> answer.
 */
public final class RequestDispatcher implements NetworkReqListener {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final MessageValidator validator;
    private final HandlerLookup handlers;
    private final AnswerFactory answers;
    private final AnswerSender sender;
    private final DuplicateAnswers duplicates;
    private final ExecutorService pool;

    public RequestDispatcher(MessageValidator validator, HandlerLookup handlers, AnswerFactory answers,
                             AnswerSender sender, DuplicateAnswers duplicates, ExecutorService pool) {
        this.validator = validator;
        this.handlers = handlers;
        this.answers = answers;
        this.sender = sender;
        this.duplicates = duplicates;
        this.pool = pool;
    }

    @Override
    public Answer processRequest(Request request) {
        try {
            pool.execute(() -> serve(request));
            return null; // answered later, from the pool
        } catch (RejectedExecutionException e) {
            log.warn("handler pool full, answering TOO_BUSY: session={} cmd={}", sessionId(request), request.getCommandCode());
            return answers.failure(request, new ValidationFailure(ResultCodes.TOO_BUSY, "node overloaded", null));
        }
    }

    private void serve(Request request) {
        String sid = sessionId(request);
        try {
            Optional<CompletionStage<Answer>> earlier = duplicates.claim(request);
            if (earlier.isPresent()) {
                log.debug("duplicate request, answered as the first: session={} e2e={}", sid, request.getEndToEndIdentifier());
                earlier.get().whenComplete((answer, failure) -> {
                    if (failure != null) {
                        log.error("duplicate request: the first one failed: session={}", sid, failure);
                    } else {
                        send(answer, sid, request.getCommandCode());
                    }
                });
                return;
            }
            answer(request).whenComplete((answer, failure) -> {
                Answer toSend = answer;
                if (failure != null || answer == null) {
                    log.error("handler failed: session={} cmd={}", sid, request.getCommandCode(), failure);
                    toSend = answers.failure(request, new ValidationFailure(ResultCodes.UNABLE_TO_COMPLY,
                            "the request could not be processed", null));
                }
                deliver(request, toSend, sid);
            });
        } catch (Exception e) {
            log.error("cannot serve request: session={} cmd={}", sid, request.getCommandCode(), e);
            deliver(request, answers.failure(request, new ValidationFailure(ResultCodes.UNABLE_TO_COMPLY,
                    "the request could not be processed", null)), sid);
        }
    }

    private CompletionStage<Answer> answer(Request request) {
        Optional<ValidationFailure> invalid = validator.validate(request);
        if (invalid.isPresent()) {
            log.debug("refused: session={} cmd={} result={} ({})", sessionId(request), request.getCommandCode(),
                    invalid.get().resultCode(), invalid.get().errorMessage());
            return CompletableFuture.completedFuture(answers.failure(request, invalid.get()));
        }
        return handlers.find(request)
                .map(handler -> handler.handle(request, answers))
                .orElseGet(() -> CompletableFuture.completedFuture(answers.failure(request,
                        new ValidationFailure(ResultCodes.COMMAND_UNSUPPORTED,
                                "command " + request.getCommandCode() + " is not served by this node", null))));
    }

    /**
     * Serves a request this node sent to another of its own roles ({@link LocalDelivery}): the same
     * dictionary checks and handler as from the network, the answer returned instead of sent. No
     * duplicate detection: nothing retransmits in process.
     */
    public CompletionStage<Answer> serveInProcess(Request request, RequestHandler handler) {
        Optional<ValidationFailure> invalid = validator.validate(request);
        if (invalid.isPresent()) {
            return CompletableFuture.completedFuture(answers.failure(request, invalid.get()));
        }
        try {
            return handler.handle(request, answers);
        } catch (RuntimeException e) {
            log.error("handler failed: session={} cmd={}", sessionId(request), request.getCommandCode(), e);
            return CompletableFuture.completedFuture(answers.failure(request, new ValidationFailure(ResultCodes.UNABLE_TO_COMPLY,
                    "the request could not be processed", null)));
        }
    }

    private void deliver(Request request, Answer answer, String sid) {
        duplicates.complete(request, answer);
        send(answer, sid, request.getCommandCode());
    }

    private void send(Answer answer, String sid, int command) {
        try {
            sender.send(answer);
            log.debug("answered: session={} cmd={} result={}", sid, command, resultCode(answer));
        } catch (org.jdiameter.api.IllegalDiameterStateException | org.jdiameter.api.RouteException e) {
            // the node is stopping, or the link the request came on is gone: the peer sends the request
            // again (elsewhere, or once the link is back) and the duplicate cache answers it the same
            log.warn("cannot send answer: session={} cmd={}: {}", sid, command, e.getMessage());
        } catch (Exception e) {
            log.error("cannot send answer: session={} cmd={}", sid, command, e);
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

    private static String resultCode(Answer answer) {
        Avp rc = answer.getAvps().getAvp(AvpCodes.RESULT_CODE, 0);
        try {
            return rc == null ? "-" : Long.toString(rc.getUnsigned32());
        } catch (AvpDataException e) {
            return "?";
        }
    }
}
