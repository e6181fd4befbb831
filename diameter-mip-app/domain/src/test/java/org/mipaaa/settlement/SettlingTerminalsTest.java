package org.mipaaa.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class SettlingTerminalsTest {

    private static Properties properties(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    @Test
    void aPayeesTerminalWithItsRealmOrThePayeesRealm() throws Exception {
        SettlingTerminals t = SettlingTerminals.parse(properties("""
                payee.cafe@shop.example.terminal = terminal.shop.example
                payee.bar@partner.example.terminal = till7.pos.partner.example
                payee.bar@partner.example.realm = pos.partner.example
                """));
        assertThat(t.of("cafe@shop.example")).contains(new SettlingTerminals.Terminal("terminal.shop.example", "shop.example"));
        assertThat(t.of("bar@partner.example")).contains(new SettlingTerminals.Terminal("till7.pos.partner.example", "pos.partner.example"));
        assertThat(t.of("shop@shop.example")).as("not listed: its AAAY is notified").isEmpty();
    }

    @Test
    void malformedSettingsAreNamed() {
        assertThatThrownBy(() -> SettlingTerminals.parse(properties("payee.cafe@shop.example.host = t.shop.example")))
                .hasMessageContaining("unknown setting payee.cafe@shop.example.host");
        assertThatThrownBy(() -> SettlingTerminals.parse(properties("terminal = t.shop.example")))
                .hasMessageContaining("unknown setting terminal");
        assertThatThrownBy(() -> SettlingTerminals.parse(properties("payee.cafe.terminal = t.shop.example")))
                .hasMessageContaining("is not account@realm");
        assertThatThrownBy(() -> SettlingTerminals.parse(properties("payee.cafe@shop.example.terminal =")))
                .hasMessageContaining("not a DiameterIdentity");
        assertThatThrownBy(() -> SettlingTerminals.parse(properties("payee.cafe@shop.example.realm = shop.example")))
                .hasMessageContaining("without payee.cafe@shop.example.terminal");
    }

    @Test
    void theShippedAgreementsLoad() throws Exception {
        SettlingTerminals t = SettlingTerminals.load(Path.of("../../config/aaah/settling-terminals.properties"));
        assertThat(t.of("cafe@shop.example")).contains(new SettlingTerminals.Terminal("terminal.shop.example", "shop.example"));
        assertThat(t.of("shop@shop.example")).isEmpty();
    }
}
