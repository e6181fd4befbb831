package org.mipaaa.diameter;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Request;

/**
 * Duplicate detection (RFC 6733 §6.2, "End-to-End Identifier"): a request whose Origin-Host and
 * End-to-End Identifier were seen before gets the answer the first one got, and is not acted on again,
 * so a retransmitted request is never charged twice, even when it arrives while the first is still
 * being served.
 */
public interface DuplicateAnswers {

    /**
     * Empty when {@code request} is new: it is then claimed, and the caller must serve it and call
     * {@link #complete}. Otherwise a stage that completes with the earlier answer, readied to travel on
     * this request's hop.
     */
    Optional<CompletionStage<Answer>> claim(Request request);

    /** Records the answer of a claimed request and releases duplicates waiting for it. */
    void complete(Request request, Answer answer);
}
