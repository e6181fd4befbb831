package org.mipaaa.diameter;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jdiameter.api.Request;

/** The handlers a node has, by application and command. A role registers only what it really serves. */
public final class HandlerRegistry implements HandlerLookup {

    private final Map<CommandKey, RequestHandler> handlers = new ConcurrentHashMap<>();

    public HandlerRegistry register(long applicationId, int commandCode, RequestHandler handler) {
        RequestHandler previous = handlers.putIfAbsent(new CommandKey(applicationId, commandCode), handler);
        if (previous != null) {
            throw new IllegalStateException("two handlers for command " + commandCode + " of application " + applicationId);
        }
        return this;
    }

    /** Registers every handler of {@code other} here too (a node's test double, a decorated role). */
    public HandlerRegistry registerAll(HandlerRegistry other) {
        other.handlers.forEach((key, handler) -> register(key.applicationId(), key.commandCode(), handler));
        return this;
    }

    @Override
    public Optional<RequestHandler> find(Request request) {
        return find(request.getApplicationId(), request.getCommandCode());
    }

    public Optional<RequestHandler> find(long applicationId, int commandCode) {
        return Optional.ofNullable(handlers.get(new CommandKey(applicationId, commandCode)));
    }
}
