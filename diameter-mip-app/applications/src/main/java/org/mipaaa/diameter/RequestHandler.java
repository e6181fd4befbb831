package org.mipaaa.diameter;

import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Request;

/**
 * Serves one command of one application. Called on a handler thread after the request has passed the
 * dictionary checks, never on a jDiameter network thread. A handler decodes the request into its own
 * typed view, validates what the dictionary cannot (authorisation, values), acts through domain code
 * that sees no jDiameter type, and completes with the answer built by {@link AnswerFactory}.
 */
@FunctionalInterface
public interface RequestHandler {
    CompletionStage<Answer> handle(Request request, AnswerFactory answers);
}
