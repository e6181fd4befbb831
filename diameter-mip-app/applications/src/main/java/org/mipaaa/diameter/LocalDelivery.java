package org.mipaaa.diameter;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Request;

/**
 * Serves, without the network, a request a node sends to another role it plays itself (the AAAH's PIR
 * to the AAAY on the same server); empty when the request is for another node.
 */
@FunctionalInterface
public interface LocalDelivery {

    /** Nothing is served locally: every request goes to the network. */
    LocalDelivery NONE = request -> Optional.empty();

    Optional<CompletionStage<Answer>> deliver(Request request);
}
