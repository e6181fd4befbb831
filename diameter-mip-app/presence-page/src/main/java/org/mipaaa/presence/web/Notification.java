package org.mipaaa.presence.web;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.mipaaa.presence.PresenceState;

/**
 * One presence notification as the page received it (docs/PROTOCOL.md §10.3).
 *
 * @param careOfAddress dotted quad while visiting
 */
public record Notification(String nai, PresenceState state, Optional<String> careOfAddress, Optional<String> visitedRealm,
                           boolean busy, long sequence, Instant timestamp) {

    public Notification {
        Objects.requireNonNull(nai, "nai");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(careOfAddress, "careOfAddress");
        Objects.requireNonNull(visitedRealm, "visitedRealm");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
