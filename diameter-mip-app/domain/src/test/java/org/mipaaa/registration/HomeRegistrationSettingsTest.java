package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.settings.Settings;

/** The home side's registration settings, from the shipped config/aaah and config/ha. */
class HomeRegistrationSettingsTest {

    @Test
    void theShippedAaahAndHaSettingsAgree() {
        HomeRegistrationSettings aaah = HomeRegistrationSettings.from(Settings.of(Path.of("../../config/aaah"), Map.of()));
        HomeRegistrationSettings ha = HomeRegistrationSettings.from(Settings.of(Path.of("../../config/ha"), Map.of()));

        assertThat(aaah.homeAgentHost()).contains("ha.home.example");
        assertThat(aaah.homeAgentAddress()).isEqualTo(ha.homeAgentAddress()).contains(Ipv4.parse("10.1.0.1"));
        assertThat(aaah.keyLifetime()).isGreaterThanOrEqualTo(aaah.maxLifetime());
        assertThat(aaah.homeAgentTimeout()).isLessThan(Duration.ofMillis(5000));
        RegistrationSettings registration = RegistrationSettings.from(Settings.of(Path.of("../../config/aaah"), Map.of()));
        assertThat(registration.subscribersFile()).isPresent();
        assertThat(registration.homeAddressPool()).isPresent();
    }

    @Test
    void theGrantedLifetimeIsTheSmallerOne() {
        HomeRegistrationSettings s = new HomeRegistrationSettings(java.util.Optional.empty(), java.util.Optional.empty(),
                Duration.ofSeconds(600), Duration.ofSeconds(600), Duration.ofSeconds(3));
        assertThat(s.grantedLifetime(1800)).isEqualTo(600);
        assertThat(s.grantedLifetime(30)).isEqualTo(30);
    }

    @Test
    void keysMayNotExpireBeforeTheAuthorization() {
        assertThatThrownBy(() -> new HomeRegistrationSettings(java.util.Optional.empty(), java.util.Optional.empty(),
                Duration.ofSeconds(600), Duration.ofSeconds(60), Duration.ofSeconds(3)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
