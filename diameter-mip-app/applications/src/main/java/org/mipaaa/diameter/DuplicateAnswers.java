package org.mipaaa.diameter;

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

    /** What the duplicate detection found for a request. */
    sealed interface Claim {
    }

    /** A new request, now claimed: serve it and call {@link #complete}. */
    record Claimed() implements Claim {
    }

    /** A copy of a request that was (or is being) answered: a stage with that answer, readied for this hop. */
    record Copy(CompletionStage<Answer> answer) implements Claim {
    }

    /**
     * The same End-to-End Identifier from the same peer and Origin-Host, but another request: no
     * retransmission (RFC 6733 §6.1.9 names a duplicate by both, of the same request); never answered
     * with the other request's answer.
     */
    record Reused() implements Claim {
    }

    /**
     * Claims {@code request} from {@code peer}: a duplicate is the same request (by its content, the
     * Route-Record and Proxy-Info it gathered on the way aside) from the same peer and Origin-Host with
     * the same End-to-End Identifier.
     */
    Claim claim(Request request, String peer);

    /** Records the answer of a claimed request and releases duplicates waiting for it. */
    void complete(Request request, String peer, Answer answer);
}
