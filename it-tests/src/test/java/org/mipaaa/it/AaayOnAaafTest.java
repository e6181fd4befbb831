package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mipaaa.role.Role;

/**
 * Variant aaay-on-aaaf (config/variants/aaay-on-aaaf): the mobile node visits the shop's own network,
 * whose AAA server is both the AAAF that relays the mobile node's requests to its home and the shop's
 * AAAY (seed: "there are cases where the AAAF server and the AAAY server are the same server"). The
 * mobile node's requests, for its home realm, are relayed; the AAAH's, for this realm, reach the AAAY.
 */
class AaayOnAaafTest extends TopologyVariantScenarios {

    @Override
    String variant() {
        return "aaay-on-aaaf";
    }

    @Override
    String payee() {
        return "shop@visited.example";
    }

    @Test
    void theAaafAndTheAaayAreOneNode() {
        assertThat(node(Role.AAAY)).isSameAs(node(Role.AAAF));
        assertThat(node(Role.AAAF).roles()).containsExactly(Role.AAAF, Role.AAAY);
        assertThat(node(Role.AAAH)).isNotSameAs(node(Role.AAAF));
    }
}
