package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.services.PurchaseInfoCodec;
import org.mipaaa.agent.transport.AgentConnection;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.role.Role;

/**
 * Variant aaay-on-aaah (config/variants/aaay-on-aaah): the shop is in the mobile node's home network
 * and one server is its AAAH and the shop's AAAY (seed: "there are cases where the AAAH server and the
 * AAAY server are the same server"). The AAAH's PIR, PNR and SCR to the AAAY never leave the node.
 */
class AaayOnAaahTest extends TopologyVariantScenarios {

    @Override
    String variant() {
        return "aaay-on-aaah";
    }

    @Override
    String payee() {
        return "shop@home.example";
    }

    @Test
    void theAaahAndTheAaayAreOneNodeAndTheirHopStaysInItsProcess() throws Exception {
        assertThat(node(Role.AAAY)).isSameAs(node(Role.AAAH));
        assertThat(node(Role.AAAH).roles()).containsExactly(Role.AAAH, Role.AAAY);
        assertPurchaseInfoHopStaysIn(Role.AAAH, Role.AAAH, "S202", "S205");
    }

    @Test
    void aMobileNodeCannotReachTheAaayBehindItsAaah_anUnsignedPirIsTheAaahs5805() throws Exception {
        // the AAAY would answer this PIR (its realm home.example is accepted for the shop); sent by a
        // mobile node, it must reach the AAAH, which refuses what its AAAM did not sign
        DiameterMessage pir = PurchaseInfoCodec.request(VENDOR, MN1_HOST + ";unsigned;1", MN1_HOST, "home.example", MN1,
                payee(), "A-1001");
        DiameterMessage answer;
        try (AgentConnection link = AgentConnection.open(endpoint(Role.AAAH))) {
            answer = link.exchange(pir).get(10, TimeUnit.SECONDS).message();
        }
        Avp experimental = answer.find(AvpCodes.EXPERIMENTAL_RESULT).orElseThrow();
        assertThat(experimental.asGrouped()).filteredOn(a -> a.code() == AvpCodes.EXPERIMENTAL_RESULT_CODE)
                .singleElement().satisfies(a -> assertThat(a.asUnsigned32()).isEqualTo(VendorResultCodes.AAAM_AUTHENTICATION_FAILED));
        assertThat(answer.find(VendorAvpCodes.PURCHASE_INFO, VENDOR.vendorId())).isEmpty();
    }
}
