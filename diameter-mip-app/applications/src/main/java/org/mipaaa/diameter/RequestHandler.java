package org.mipaaa.diameter;

import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;

/**
 * Serves one command of one application. Called on a handler thread after the request has passed the
 * dictionary checks, never on a jDiameter network thread. A handler decodes the request into its own
 * typed view, validates what the dictionary cannot (authorisation, values), acts through domain code
 * that sees no jDiameter type, and completes with its {@link Outcome}, which {@link AnswerFactory}
 * turns into the answer. A handler that throws, or whose stage fails, is answered 5012.
 */
@FunctionalInterface
public interface RequestHandler {
    CompletionStage<Outcome> handle(Request request);
}
