package org.mipaaa.presence.icons;

import java.util.Locale;
import java.util.Optional;

import org.mipaaa.presence.PresenceState;

/**
 * How a terminal is shown (seed Fig. 20): its {@link PresenceState} with the busy flag folded in. Busy
 * shows only while the node is reachable (at home or visiting): an out-of-zone or signed-off node is
 * not on a call that anyone could disturb.
 */
public enum PresenceLook {
    AT_HOME("at home"),
    VISITING("visited network"),
    BUSY("busy"),
    OUT_OF_ZONE("out of zone"),
    DEREGISTERED("signed off"),
    /** No change heard of yet (the page started after the node's last change, or it never registered). */
    UNKNOWN("not seen yet");

    private final String label;

    PresenceLook(String label) {
        this.label = label;
    }

    public static PresenceLook of(PresenceState state, boolean busy) {
        return switch (state) {
            case AT_HOME -> busy ? BUSY : AT_HOME;
            case VISITING -> busy ? BUSY : VISITING;
            case OUT_OF_ZONE -> OUT_OF_ZONE;
            case DEREGISTERED -> DEREGISTERED;
        };
    }

    /** The text shown beside the icon and read by screen readers. */
    public String label() {
        return label;
    }

    /** The name in URLs and data attributes: {@code visiting}, {@code out-of-zone}, ... */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<PresenceLook> ofSlug(String slug) {
        for (PresenceLook look : values()) {
            if (look.slug().equals(slug)) {
                return Optional.of(look);
            }
        }
        return Optional.empty();
    }
}
