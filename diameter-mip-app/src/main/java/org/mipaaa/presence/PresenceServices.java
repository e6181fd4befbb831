package org.mipaaa.presence;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.registration.AsrHandler;
import org.mipaaa.registration.BindingExpiry;
import org.mipaaa.registration.HarHandler;
import org.mipaaa.registration.HomeAgentRenewals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence on the home agent (seed Fig. 20), switched on by {@code presence.file} in node.properties:
 * without it the home agent keeps no presence and notifies nobody.
 */
public final class PresenceServices {

    private static final Logger log = LoggerFactory.getLogger(PresenceServices.class);

    private PresenceServices() {
    }

    /** Listens to the home agent's binding events and sends the changes to the registered WWW servers. */
    public static void installHomeAgent(DiameterNode node, ConfigSource config, HarHandler har, HomeAgentRenewals renewals,
                                        BindingExpiry expiry, AsrHandler abort) {
        String file = config.get("presence.file", "").strip();
        if (file.isEmpty()) {
            return;
        }
        Path path = config.directory().resolve(file).normalize();
        PresenceSubscriptions subscriptions = PresenceSubscriptions.load(path, config::resolve);
        PresenceBook book = PresenceBook.in(node.state());
        PresenceNotifier notifier = new PresenceNotifier(book, subscriptions,
                Duration.ofMillis(Long.parseLong(config.get("presence.retry.first.ms", "1000"))),
                Duration.ofMillis(Long.parseLong(config.get("presence.retry.max.ms", "60000"))),
                Duration.ofMillis(Long.parseLong(config.get("presence.request.timeout.ms", "10000"))), node.host());
        node.closeWith(notifier);
        PresenceTracker tracker = new PresenceTracker(book, subscriptions, node.settings().vendor().vendorId(),
                Clock.systemUTC(), notifier::changed);
        har.addListener(tracker);
        renewals.addListener((org.mipaaa.registration.BindingUpdateListener) tracker);
        renewals.addListener((org.mipaaa.registration.BindingEndListener) tracker);
        expiry.addListener(tracker);
        abort.addListener(tracker);
        node.attach(PresenceTracker.class, tracker);
        notifier.resume();
        String iconPort = config.get("presence.icons.port", "").strip();
        if (!iconPort.isEmpty()) {
            try {
                HomeAgentIconEndpoint icons = HomeAgentIconEndpoint.start(book,
                        java.net.InetAddress.getByName(config.get("presence.icons.address", "127.0.0.1").strip()),
                        Integer.parseInt(iconPort), node.host());
                node.closeWith(icons);
                node.attach(HomeAgentIconEndpoint.class, icons);
            } catch (Exception e) {
                throw new IllegalStateException(node.host() + ": presence icon endpoint on port " + iconPort + " did not start", e);
            }
        }
        log.info("{}: presence on, WWW servers from {}", node.host(), path);
    }
}
