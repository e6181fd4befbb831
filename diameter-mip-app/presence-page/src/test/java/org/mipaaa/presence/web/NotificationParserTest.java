package org.mipaaa.presence.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mipaaa.presence.PresenceState;

/** How the page reads a notification body (docs/PROTOCOL.md §10.3). */
class NotificationParserTest {

    private static final String REST = "\"state\":\"VISITING\",\"careOfAddress\":\"192.0.2.50\",\"visitedRealm\":null,"
            + "\"busy\":false,\"sequence\":3,\"timestamp\":\"2026-11-26T10:00:00.500Z\"}";

    private static Notification parse(String body) throws MalformedNotificationException {
        return NotificationParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theHomeAgentsBodyReads() throws Exception {
        Notification n = parse("{\"nai\":\"mn1@home.example\"," + REST);

        assertThat(n.nai()).isEqualTo("mn1@home.example");
        assertThat(n.state()).isEqualTo(PresenceState.VISITING);
        assertThat(n.careOfAddress()).contains("192.0.2.50");
        assertThat(n.visitedRealm()).isEqualTo(Optional.empty());
        assertThat(n.sequence()).isEqualTo(3);
    }

    /**
     * NotificationParserFuzzTest's finding-nai-253-characters-not-octets: the parser counted characters, so
     * a NAI of 253 non-ASCII characters passed at up to three times RFC 7542's 253 octets.
     */
    @Test
    void aNaiIsAtMost253OctetsNot253Characters() throws Exception {
        String ascii = "a".repeat(240) + "@home.example";
        String telugu = "\u0c0c".repeat(85) + "@h.example";

        assertThat(parse("{\"nai\":\"" + ascii + "\"," + REST).nai()).hasSize(253);
        assertThat(telugu).hasSizeLessThan(253);
        assertThatThrownBy(() -> parse("{\"nai\":\"" + telugu + "\"," + REST))
                .isInstanceOf(MalformedNotificationException.class).hasMessageContaining("253 octets");
    }

    /**
     * NotificationParserFuzzTest's finding-duplicate-key-line-break: Jackson names a duplicate key as
     * decoded, so an escaped line break in it broke the page's log line (and its 400 answer) in two.
     */
    @Test
    void aRefusalThatQuotesTheBodyIsOneLine() {
        assertThatThrownBy(() -> parse("{\"nai\":\"mn1@home.example\",\"x\\nforged log line\":1,\"x\\nforged log line\":2," + REST))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("Duplicate field")
                .hasMessageContaining("x\\u000aforged log line")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aRefusalQuotesAtMostTwoHundredCharactersOfTheBody() {
        String key = "k".repeat(10_000);

        assertThatThrownBy(() -> parse("{\"" + key + "\":1,\"" + key + "\":2}"))
                .isInstanceOf(MalformedNotificationException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250).endsWith("..."));
    }
}
