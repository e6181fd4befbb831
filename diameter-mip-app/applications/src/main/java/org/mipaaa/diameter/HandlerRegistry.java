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

    /**
     * A copy of this registry whose handler of {@code commandCode} in {@code applicationId} is the one
     * {@code decorate} makes of it (what reaches it recorded, timed, delayed); the others the same.
     */
    public HandlerRegistry decorated(long applicationId, int commandCode, java.util.function.UnaryOperator<RequestHandler> decorate) {
        HandlerRegistry copy = new HandlerRegistry();
        copy.handlers.putAll(handlers);
        CommandKey key = new CommandKey(applicationId, commandCode);
        RequestHandler handler = handlers.get(key);
        if (handler == null) {
            throw new IllegalStateException("no handler for command " + commandCode + " of application " + applicationId);
        }
        copy.handlers.put(key, decorate.apply(handler));
        return copy;
    }

    @Override
    public Optional<RequestHandler> find(Request request) {
        return find(request.getApplicationId(), request.getCommandCode());
    }

    public Optional<RequestHandler> find(long applicationId, int commandCode) {
        return Optional.ofNullable(handlers.get(new CommandKey(applicationId, commandCode)));
    }
}
