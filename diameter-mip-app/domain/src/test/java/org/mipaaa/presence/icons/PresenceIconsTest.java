package org.mipaaa.presence.icons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mipaaa.presence.PresenceState;

/** Each look is told apart without colour: its own shapes, its own label, both in the SVG. */
class PresenceIconsTest {

    private static final Pattern COLOUR = Pattern.compile("(fill|stroke)=\"#[0-9a-f]{6}\"");

    @Test
    void everyLookHasItsOwnShapesAndLabelEvenWithTheColoursTakenOut() {
        Set<String> shapes = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (PresenceLook look : PresenceLook.values()) {
            String svg = PresenceIcons.svgText(look);
            assertThat(svg).contains("<title>" + look.label() + "</title>").contains("aria-label=\"" + look.label() + "\"")
                    .contains("data-look=\"" + look.slug() + "\"");
            Matcher m = COLOUR.matcher(svg.replace(look.label(), "").replace(look.slug(), ""));
            shapes.add(m.replaceAll("$1=\"c\""));
            labels.add(look.label());
        }
        assertThat(shapes).as("distinct in grey").hasSize(PresenceLook.values().length);
        assertThat(labels).hasSize(PresenceLook.values().length);
    }

    @Test
    void busyShowsOnlyWhileTheNodeIsReachable() {
        assertThat(PresenceLook.of(PresenceState.VISITING, true)).isEqualTo(PresenceLook.BUSY);
        assertThat(PresenceLook.of(PresenceState.AT_HOME, true)).isEqualTo(PresenceLook.BUSY);
        assertThat(PresenceLook.of(PresenceState.OUT_OF_ZONE, true)).isEqualTo(PresenceLook.OUT_OF_ZONE);
        assertThat(PresenceLook.of(PresenceState.DEREGISTERED, true)).isEqualTo(PresenceLook.DEREGISTERED);
        assertThat(PresenceLook.of(PresenceState.VISITING, false)).isEqualTo(PresenceLook.VISITING);
        assertThat(Arrays.stream(PresenceLook.values()).map(PresenceLook::slug)).allMatch(s -> PresenceLook.ofSlug(s).isPresent());
        assertThat(PresenceLook.ofSlug("../etc")).isEmpty();
    }
}
