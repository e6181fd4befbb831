package org.mipaaa.bench;

import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;

/**
 * Answers DIAMETER_SUCCESS without acting: the far end of the transport benchmark, so what is measured
 * is the path a real request takes (transport, jDiameter, dispatcher, dictionary check, answer) and no
 * service. Only the benchmark registers it; no role does.
 */
final class EchoHandler implements RequestHandler {

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        return Outcome.success().now();
    }
}
