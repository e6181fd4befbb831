package org.mipaaa.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.mipaaa.mobileip.Ipv4;

/** The notification's JSON, its signature, and presence.properties. */
class PresenceFormatTest {

    private static final byte[] KEY = "web-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theJsonCarriesEveryFieldAndEscapesStrings() {
        Presence p = new Presence("a\"b@home.example", PresenceState.VISITING, Optional.of(Ipv4.parse("192.0.2.50")),
                Optional.of("visited.example"), true, 7, Instant.parse("2026-11-26T10:00:00.5Z"));
        assertThat(PresenceJson.of(p)).isEqualTo("{\"nai\":\"a\\\"b@home.example\",\"state\":\"VISITING\","
                + "\"careOfAddress\":\"192.0.2.50\",\"visitedRealm\":\"visited.example\",\"busy\":true,\"sequence\":7,"
                + "\"timestamp\":\"2026-11-26T10:00:00.500Z\"}");
        Presence home = new Presence("mn1@home.example", PresenceState.AT_HOME, Optional.empty(), Optional.empty(), false, 1,
                Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(PresenceJson.of(home)).contains("\"careOfAddress\":null,\"visitedRealm\":null,\"busy\":false");
    }

    @Test
    void aSignatureVerifiesWithItsKeyOnlyAndOnlyForItsBody() {
        byte[] body = "{\"nai\":\"mn1@home.example\"}".getBytes(StandardCharsets.UTF_8);
        String signature = PresenceSignature.sign(body, KEY);

        assertThat(signature).startsWith("hmac-sha256=").hasSize("hmac-sha256=".length() + 64);
        assertThat(PresenceSignature.verifies(body, Optional.of(signature), KEY)).isTrue();
        assertThat(PresenceSignature.verifies(body, Optional.of(signature), "another-key-0123456789".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(PresenceSignature.verifies("{\"nai\":\"mn2@home.example\"}".getBytes(StandardCharsets.UTF_8),
                Optional.of(signature), KEY)).isFalse();
        assertThat(PresenceSignature.verifies(body, Optional.empty(), KEY)).isFalse();
        assertThat(PresenceSignature.verifies(body, Optional.of("hmac-sha256=zz"), KEY)).isFalse();
    }

    @Test
    void theShippedPresenceFileRegistersTheDemoNodes() {
        // as the HA reads it: its placeholders resolved from the HA's settings
        org.mipaaa.settings.Settings ha = org.mipaaa.settings.Settings.of(Path.of("../../config/ha"), java.util.Map.of());
        PresenceSubscriptions subscriptions = PresenceSubscriptions.load(Path.of("../../config/ha/presence.properties"), ha::resolve);
        WwwServer server = subscriptions.serverOf("mn1@home.example").orElseThrow();
        assertThat(server.id()).isEqualTo("demo-page");
        assertThat(server.url().toString()).isEqualTo("http://127.0.0.1:8088/presence");
        assertThat(new String(server.key(), StandardCharsets.US_ASCII)).isEqualTo("demo-presence-key-0001");
        assertThat(subscriptions.serverOf("mn2@home.example").map(WwwServer::id)).contains("demo-page");
        assertThat(subscriptions.serverOf("mn3@home.example")).isEmpty();
        // the demo and the tests move the page
        org.mipaaa.settings.Settings moved = org.mipaaa.settings.Settings.of(Path.of("../../config/ha"),
                java.util.Map.of("presence.page.url", "http://127.0.0.1:18088/presence"));
        assertThat(PresenceSubscriptions.load(Path.of("../../config/ha/presence.properties"), moved::resolve)
                .serverOf("mn1@home.example").orElseThrow().url().getPort()).isEqualTo(18088);
    }

    @Test
    void aNodeNamingAnUnknownServerOrAServerWithoutKeyIsRefused() {
        Properties unknown = new Properties();
        unknown.setProperty("node.mn1@home.example", "nowhere");
        assertThatThrownBy(() -> PresenceSubscriptions.parse(unknown, Path.of(".")))
                .hasMessageContaining("nowhere");
        Properties noKey = new Properties();
        noKey.setProperty("server.web.url", "http://127.0.0.1:8088/presence");
        assertThatThrownBy(() -> PresenceSubscriptions.parse(noKey, Path.of(".")))
                .hasMessageContaining("no server.web.key");
    }
}
