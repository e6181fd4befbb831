package org.mipaaa.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mipaaa.settings.Settings;

/** ops.ready.peers: the peers a node needs, each possibly with alternatives (the members of a cluster). */
class OpsSettingsTest {

    private static OpsSettings of(String readyPeers) {
        return OpsSettings.from(Settings.ofValues(Path.of("."), Map.of("ops.ready.peers", readyPeers)));
    }

    @Test
    void eachCommaSeparatedPeerIsNeededAndAlternativesAreSeparatedByABar() {
        assertThat(of(" AAAH.home.example | aaah2.home.example|aaah3.home.example , fa.visited.example,").readyPeers())
                .hasValue(List.of(Set.of("aaah.home.example", "aaah2.home.example", "aaah3.home.example"), Set.of("fa.visited.example")));
    }

    @Test
    void withoutTheSettingTheNodeNeedsWhatItDials() {
        assertThat(OpsSettings.from(Settings.ofValues(Path.of("."), Map.of())).readyPeers()).isEmpty();
        assertThat(of("  ").readyPeers()).isEmpty();
    }
}
