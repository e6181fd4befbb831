package org.mipaaa.payee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PayeeDirectoryTest {

    private static Properties properties(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    @Test
    void eachPayeeHasItsTerminalOrIsHeldHereAndTheRealmsThatMayAsk() throws Exception {
        PayeeDirectory d = PayeeDirectory.parse(properties("""
                realms = home.example, other.example
                payee.shop@shop.example.terminal = terminal.shop.example
                payee.kiosk@shop.example.held = true
                payee.club@shop.example.terminal = terminal.shop.example
                payee.club@shop.example.realms = partner.example
                """));

        assertThat(d.find("shop@shop.example")).contains(new PayeeDirectory.Payee("shop@shop.example",
                Optional.of("terminal.shop.example"), Set.of("home.example", "other.example")));
        PayeeDirectory.Payee kiosk = d.find("kiosk@shop.example").orElseThrow();
        assertThat(kiosk.heldHere()).isTrue();
        assertThat(kiosk.accepts("home.example")).isTrue();
        PayeeDirectory.Payee club = d.find("club@shop.example").orElseThrow();
        assertThat(club.accepts("partner.example")).isTrue();
        assertThat(club.accepts("home.example")).as("its own realms replace the default").isFalse();
        assertThat(d.find("nobody@shop.example")).isEmpty();
    }

    @Test
    void contradictoryOrIncompleteEntriesAreRefused() {
        assertThatThrownBy(() -> PayeeDirectory.parse(properties("""
                realms = home.example
                payee.a@shop.example.terminal = t.shop.example
                payee.a@shop.example.held = true
                """))).hasMessageContaining("payee a@shop.example: give either a terminal or held = true");
        assertThatThrownBy(() -> PayeeDirectory.parse(properties("payee.a@shop.example.terminal = t.shop.example\n")))
                .hasMessageContaining("no AAAH realm");
        assertThatThrownBy(() -> PayeeDirectory.parse(properties("realms = h\npayee.a@shop.example.realms = h\n")))
                .hasMessageContaining("realms without a terminal");
        assertThatThrownBy(() -> PayeeDirectory.parse(properties("realms = h\npayee.nobody.terminal = t\n")))
                .hasMessageContaining("not account@realm");
        assertThatThrownBy(() -> PayeeDirectory.parse(properties("realms = h\npayee.a@shop.example.colour = red\n")))
                .hasMessageContaining("unknown setting");
        assertThatThrownBy(() -> PayeeDirectory.parse(properties("realm = h\n"))).hasMessageContaining("unknown setting realm");
    }

    @Test
    void theShippedDirectoryLoads() throws Exception {
        PayeeDirectory d = PayeeDirectory.load(Path.of("../../config/aaay/payees.properties"));
        assertThat(d.find("shop@shop.example").orElseThrow().terminalHost()).contains("terminal.shop.example");
        assertThat(d.find("kiosk@shop.example").orElseThrow().heldHere()).isTrue();
    }
}
