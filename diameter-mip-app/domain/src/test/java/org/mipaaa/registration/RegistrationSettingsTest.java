package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.settings.Settings;

class RegistrationSettingsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheRegistrationSettingsOfANode() {
        RegistrationSettings s = RegistrationSettings.from(Settings.of(dir, Map.of(
                "subscribers.file", "subscribers.properties",
                "home.address.pool", "10.1.0.10-10.1.0.250",
                "identification.tolerance.ms", "4000")));

        assertThat(s.subscribersFile()).contains(dir.resolve("subscribers.properties"));
        assertThat(s.homeAddressPool()).contains(AddressRange.parse("10.1.0.10-10.1.0.250"));
        assertThat(s.identificationTolerance()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aNodeWithoutThemHasNoSubscribersNoPoolAndTheRfcTolerance() {
        RegistrationSettings s = RegistrationSettings.from(Settings.of(dir, Map.of()));

        assertThat(s.subscribersFile()).isEmpty();
        assertThat(s.homeAddressPool()).isEmpty();
        assertThat(s.identificationTolerance()).isEqualTo(Duration.ofSeconds(7));
    }
}
