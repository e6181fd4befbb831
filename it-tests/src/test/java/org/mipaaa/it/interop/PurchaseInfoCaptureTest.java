package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.role.Role;

/**
 * tshark decodes the accounting-information retrieval (seed S201-S206, docs/PROTOCOL.md §4.1) with our
 * Wireshark dictionary: the mobile node's agent asks over TLS through the AAAF; the links AAAF -> AAAH ->
 * AAAY -> terminal, plain TCP here so they can be read, carry the relayed PIR with its
 * AAAM-Authenticator, the PIRs the AAAH and the AAAY originate, and the PIAs with Purchase-Info, and for
 * an unknown order Failed-AVP, Error-Message and Error-Reporting-Host. No unknown AVP, no malformed
 * packet, no expert error.
 */
class PurchaseInfoCaptureTest {

    static final Path OUTPUT = Path.of("target", "interop", "tshark-purchase");
    static final String NAI = ServicesCapture.NAI;

    @TempDir
    Path dir;

    private ServicesCapture capture;

    @AfterEach
    void stop() throws Exception {
        if (capture != null) {
            capture.close();
        }
    }

    @Test
    void s201_s206_tsharkDecodesEveryPirAndPiaOnEveryHop() throws Exception {
        capture = ServicesCapture.start(EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY, Role.TERMINAL), OUTPUT, "purchase", dir, Map.of());
        try (AaamAgent agent = capture.agentThroughTheAaaf()) {
            assertThat(agent.accountingInfo("shop@shop.example", "A-1001").orderReference()).isEqualTo("A-1001");
            assertThatThrownBy(() -> agent.accountingInfo("shop@shop.example", "NO-SUCH-ORDER"))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNKNOWN_ORDER));
            assertThatThrownBy(() -> agent.accountingInfo("nobody@shop.example", "A-1001"))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNKNOWN_PAYEE));
        }

        ServicesCapture.Decoded decoded = capture.decode();
        assertThat(decoded.commands().get((long) CommandCodes.PURCHASE_INFORMATION)).as("tshark saw %s", decoded.commands())
                .contains("Purchase-Information Request", "Purchase-Information Answer");

        List<String> purchaseLines = decoded.info().lines().filter(l -> l.contains("Purchase-Information")).toList();
        assertThat(purchaseLines).as("PIR and PIA on the three captured hops of three exchanges").hasSizeGreaterThanOrEqualTo(14);
        assertThat(purchaseLines).as("PROTOCOL §4.1: PIR with R and P, PIA with P").allMatch(l ->
                l.contains("Request") ? l.contains("flags=RP--") : l.contains("flags=-P--"));

        List<String> expected = List.of(
                "User-Name: " + NAI,
                "Payee-Id: shop@shop.example",
                "Order-Reference: A-1001",
                "Requested-Action: PRICE_ENQUIRY",
                "AAAM-Authenticator",
                "AAAM-SPI: 4097",
                // RFC 6733 §6.1.9: the AAAF records the peer the request came from, the mobile node
                "Route-Record: mn1.home.example",
                "Terminal-Host: terminal.shop.example",
                "Purchase-Info",
                "Goods-Description: 1 x coffee beans 250 g",
                "Goods-Description: 1 x milk frother",
                "CC-Money",
                "Value-Digits: 2340",
                "Exponent: -2",
                "Currency-Code: 978",
                "Order-Reference: NO-SUCH-ORDER",
                "Experimental-Result-Code: 5806",
                "Error-Message: unknown Order-Reference NO-SUCH-ORDER",
                "Error-Reporting-Host: terminal.shop.example",
                "Experimental-Result-Code: 5802");
        assertThat(decoded.missing(expected)).as("decoded values missing from %s", decoded.verboseFile()).isEmpty();
    }
}
