package org.mipaaa.diameter;

import java.util.Optional;

import org.jdiameter.api.Request;

/**
 * Finds the handler of a received request: by application and command ({@link HandlerRegistry}), or,
 * on a node playing several roles, first which of its roles the request is for.
 */
@FunctionalInterface
public interface HandlerLookup {
    Optional<RequestHandler> find(Request request);
}
