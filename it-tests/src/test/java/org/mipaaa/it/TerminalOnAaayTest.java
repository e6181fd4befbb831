package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mipaaa.role.Role;

/**
 * Variant terminal-on-aaay (config/variants/terminal-on-aaay): the shop's terminal is its AAAY server
 * (seed: "there can be cases where the terminal of the shop is the same server as the AAAY server").
 * The AAAY's PIR, PNR and SCR to the terminal never leave the node.
 */
class TerminalOnAaayTest extends TopologyVariantScenarios {

    @Override
    String variant() {
        return "terminal-on-aaay";
    }

    @Override
    String payee() {
        return "shop@shop.example";
    }

    @Test
    void theAaayAndTheTerminalAreOneNodeAndTheirHopStaysInItsProcess() throws Exception {
        assertThat(node(Role.TERMINAL)).isSameAs(node(Role.AAAY));
        assertThat(node(Role.AAAY).roles()).containsExactly(Role.AAAY, Role.TERMINAL);
        assertPurchaseInfoHopStaysIn(Role.AAAY, Role.AAAF, "S203", "S204");
    }
}
