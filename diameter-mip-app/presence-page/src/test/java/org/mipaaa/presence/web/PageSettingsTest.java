package org.mipaaa.presence.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.presence.PresenceSubscriptions;

/** The page's settings: the shipped example, and what a wrong one is refused with. */
class PageSettingsTest {

    @TempDir
    Path dir;

    private static Properties properties(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    private static final String KEY = "ha.h.key=000102030405060708090a0b0c0d0e0f\n";

    @Test
    void theShippedPageListsTheDemoTerminalsWithTheKeyOfTheShippedHomeAgentConfig() throws Exception {
        PageSettings settings = PageSettings.load(Path.of("../../config/www/presence-page.properties"));

        assertThat(settings.listenAddress().isLoopbackAddress()).isTrue();
        assertThat(settings.port()).isEqualTo(8088);
        assertThat(settings.terminals()).extracting(Terminal::nai).containsExactly("mn1@home.example", "mn2@home.example");
        Terminal alice = settings.terminals().get(0);
        assertThat(alice.name()).isEqualTo("Alice Martin");
        assertThat(alice.callUrl().toString()).isEqualTo("sip:mn1@home.example");
        assertThat(settings.terminals().get(1).callUrl().getScheme()).isEqualTo("h323");
        assertThat(settings.terminals().get(1).text()).as("initials by default").isEqualTo("BK");
        // the HA's presence.properties shares the same key under the same id, for the same nodes
        PresenceSubscriptions ha = PresenceSubscriptions.load(Path.of("../../config/ha/presence.properties"), v -> v.replace(
                "${presence.page.url:http://127.0.0.1:8088/presence}", "http://127.0.0.1:8088/presence"));
        for (Terminal t : settings.terminals()) {
            var server = ha.serverOf(t.nai()).orElseThrow();
            assertThat(server.id()).isEqualTo(t.haKeyId());
            assertThat(server.key()).isEqualTo(settings.haKeys().get(t.haKeyId()));
        }
    }

    @Test
    void aPictureIsReadOnceAndOnlyOfAnImageType() throws Exception {
        Files.write(dir.resolve("alice.png"), HexFormat.of().parseHex("89504e470d0a1a0a"));
        PageSettings settings = PageSettings.parse(properties(KEY + "terminals=a@x\nterminal.a@x.picture=alice.png\n"), dir);
        assertThat(settings.terminals().get(0).picture()).hasValueSatisfying(p -> assertThat(p.contentType()).isEqualTo("image/png"));

        Files.writeString(dir.resolve("evil.html"), "<script>");
        assertThatThrownBy(() -> PageSettings.parse(properties(KEY + "terminals=a@x\nterminal.a@x.picture=evil.html\n"), dir))
                .hasMessageContaining("png, jpeg, gif or webp");
    }

    @Test
    void whatThePageCannotServeSafelyIsRefusedAtStart() {
        assertThatThrownBy(() -> PageSettings.parse(properties(KEY + "terminals=a@x\nterminal.a@x.call=javascript:alert(1)\n"), dir))
                .hasMessageContaining("sip:, sips: or h323:");
        assertThatThrownBy(() -> PageSettings.parse(properties("ha.h.key=0011\nterminals=a@x\n"), dir))
                .hasMessageContaining("shorter than 16 bytes");
        assertThatThrownBy(() -> PageSettings.parse(properties(KEY + "terminals=a@x\nterminal.a@x.ha=other\n"), dir))
                .hasMessageContaining("names home agent 'other'");
        assertThatThrownBy(() -> PageSettings.parse(properties(KEY), dir)).hasMessageContaining("no terminals");
        assertThatThrownBy(() -> PageSettings.parse(properties("terminals=a@x\n"), dir)).hasMessageContaining("no home agent key");
    }
}
