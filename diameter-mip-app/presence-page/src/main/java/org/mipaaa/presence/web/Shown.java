package org.mipaaa.presence.web;

import java.time.Instant;
import java.util.Optional;

import org.mipaaa.json.JsonStrings;
import org.mipaaa.presence.PresenceState;
import org.mipaaa.presence.icons.PresenceLook;

/**
 * What the page shows of one terminal: the latest notification applied, or nothing heard yet.
 *
 * @param sequence 0 while nothing was heard
 */
public record Shown(String nai, Optional<PresenceState> state, boolean busy, Optional<String> careOfAddress, long sequence,
                    Optional<Instant> changedAt) {

    static Shown nothingYet(String nai) {
        return new Shown(nai, Optional.empty(), false, Optional.empty(), 0, Optional.empty());
    }

    static Shown of(Notification n) {
        return new Shown(n.nai(), Optional.of(n.state()), n.busy(), n.careOfAddress(), n.sequence(), Optional.of(n.timestamp()));
    }

    public PresenceLook look() {
        return state.map(s -> PresenceLook.of(s, busy)).orElse(PresenceLook.UNKNOWN);
    }

    /** The value of {@code data-state}: the state's name, or {@code UNKNOWN}. */
    public String stateName() {
        return state.map(Enum::name).orElse(PresenceLook.UNKNOWN.name());
    }

    /** The label with the care-of address while visiting, as the page writes it. */
    public String text() {
        return look().label() + careOfAddress.map(a -> " (" + a + ")").orElse("");
    }

    /** The event the page's script applies (one JSON object). */
    String json() {
        PresenceLook look = look();
        return "{\"nai\":" + JsonStrings.quote(nai)
                + ",\"state\":" + JsonStrings.quote(stateName())
                + ",\"look\":" + JsonStrings.quote(look.slug())
                + ",\"label\":" + JsonStrings.quote(look.label())
                + ",\"text\":" + JsonStrings.quote(text())
                + ",\"busy\":" + busy
                + ",\"sequence\":" + sequence + "}";
    }
}
