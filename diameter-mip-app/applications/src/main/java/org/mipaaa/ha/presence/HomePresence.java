package org.mipaaa.ha.presence;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

import org.mipaaa.presence.PresenceBook;
import org.mipaaa.presence.PresenceNotifier;
import org.mipaaa.presence.PresenceSubscriptions;
import org.mipaaa.presence.PresenceTracker;
import org.mipaaa.role.RoleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home agent's presence of its mobile nodes (seed Figs. 19-20, S2001-S2011): a tracker of each
 * node's state, fed by the home agent's binding events, and the signed notifications of each change
 * to the WWW servers registered for it; optionally, the icons of each node's state served here.
 *
 * @param tracker the presence of each mobile node; the home agent adds it as listener of its bindings
 * @param icons   the icon endpoint, when {@code presence.icons.port} is set
 */
public record HomePresence(PresenceTracker tracker, Optional<HomeAgentIconEndpoint> icons) {

    private static final Logger log = LoggerFactory.getLogger(HomePresence.class);

    /**
     * Presence, when {@code presence.file} names the WWW servers; empty otherwise. Settings:
     * {@code presence.retry.first.ms}, {@code presence.retry.max.ms}, {@code presence.request.timeout.ms},
     * {@code presence.icons.port}, {@code presence.icons.address}, {@code presence.icons.allowed.origins}.
     */
    public static Optional<HomePresence> install(RoleContext ctx) {
        var s = ctx.settings();
        String file = s.get("presence.file", "").strip();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path path = s.directory().resolve(file).normalize();
        PresenceSubscriptions subscriptions = PresenceSubscriptions.load(path, s::resolve);
        PresenceBook book = PresenceBook.in(ctx.state());
        PresenceNotifier notifier = new PresenceNotifier(book, subscriptions, ctx.millis("presence.retry.first.ms", 1000),
                ctx.millis("presence.retry.max.ms", 60_000), ctx.millis("presence.request.timeout.ms", 10_000), ctx.host());
        ctx.closeWith(notifier);
        PresenceTracker tracker = new PresenceTracker(book, subscriptions, ctx.vendor().vendorId(), ctx.clock(), notifier::changed);
        notifier.resume();
        Optional<HomeAgentIconEndpoint> icons = Optional.empty();
        String iconPort = s.get("presence.icons.port", "").strip();
        if (!iconPort.isEmpty()) {
            try {
                HomeAgentIconEndpoint endpoint = HomeAgentIconEndpoint.start(book,
                        InetAddress.getByName(s.get("presence.icons.address", "127.0.0.1").strip()), s.integer("presence.icons.port", 0), ctx.host(), pageOrigins(subscriptions, s.get("presence.icons.allowed.origins", "")));
                ctx.closeWith(endpoint);
                icons = Optional.of(endpoint);
            } catch (Exception e) {
                throw new IllegalStateException(ctx.host() + ": presence icon endpoint on port " + iconPort + " did not start", e);
            }
        }
        log.info("{}: presence on, WWW servers from {}", ctx.host(), path);
        return Optional.of(new HomePresence(tracker, icons));
    }

    /**
     * The pages whose scripts may read the icons: those this home agent notifies (presence.properties),
     * and those the carrier names besides ({@code presence.icons.allowed.origins}, "scheme://host:port,...").
     */
    private static java.util.Set<String> pageOrigins(PresenceSubscriptions subscriptions, String more) {
        java.util.Set<String> origins = new java.util.TreeSet<>(subscriptions.origins());
        for (String origin : more.split(",")) {
            if (!origin.isBlank()) {
                origins.add(origin.strip());
            }
        }
        return origins;
    }
}
