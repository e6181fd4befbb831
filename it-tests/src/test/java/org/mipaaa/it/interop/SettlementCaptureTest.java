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
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.services.Settlement;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.role.Role;

/**
 * tshark decodes settlement with the user's confirmation (seed S207-S211) and cancellation
 * (docs/PROTOCOL.md §4.2-§4.5) with our Wireshark dictionary: the mobile node's agent over TLS through
 * the AAAF; the links AAAF -> AAAH -> AAAY -> terminal, plain TCP here so they can be read, carry the
 * relayed SER/SEA and SCR/SCA with their AAAM-Authenticator, the UCR/UCA relayed back through the AAAF,
 * the PNR/PNA and SCR/SCA the AAAH and the AAAY originate; a user's CANCEL (5801) and a second
 * cancellation (5804) too. No unknown AVP, no malformed packet, no expert error.
 */
class SettlementCaptureTest {

    static final Path OUTPUT = Path.of("target", "interop", "tshark-settlement");
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
    void s207_s211_tsharkDecodesEverySettlementMessageOnEveryHop() throws Exception {
        capture = ServicesCapture.start(EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY, Role.TERMINAL), OUTPUT, "settlement", dir, Map.of());
        try (AaamAgent agent = capture.agentThroughTheAaaf()) {
            PurchaseInfo order = agent.accountingInfo("shop@shop.example", "A-1001");
            Settlement settled = agent.settle(order, SettlementMode.DEBIT_PAYEE_ACCOUNT, p -> ConfirmationCallback.Decision.OK);
            assertThat(agent.cancel(settled.settlementId()).refunded()).isEqualTo(order.amount());
            assertThatThrownBy(() -> agent.settle(order, SettlementMode.HOME_ONLY, p -> ConfirmationCallback.Decision.CANCEL))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.USER_REJECTED));
            assertThatThrownBy(() -> agent.cancel(settled.settlementId()))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.ALREADY_CANCELLED));
        }

        ServicesCapture.Decoded decoded = capture.decode();
        assertThat(decoded.commands().get((long) CommandCodes.SETTLEMENT)).as("tshark saw %s", decoded.commands()).contains("Settlement Request", "Settlement Answer");
        assertThat(decoded.commands().get((long) CommandCodes.USER_CONFIRMATION)).contains("User-Confirmation Request", "User-Confirmation Answer");
        assertThat(decoded.commands().get((long) CommandCodes.PAYMENT_NOTIFICATION)).contains("Payment-Notification Request", "Payment-Notification Answer");
        assertThat(decoded.commands().get((long) CommandCodes.SETTLEMENT_CANCEL)).contains("Settlement-Cancel Request", "Settlement-Cancel Answer");

        List<String> settlementLines = decoded.info().lines().filter(l -> l.contains("Settlement") || l.contains("User-Confirmation")
                || l.contains("Payment-Notification")).toList();
        assertThat(settlementLines).as("PROTOCOL §4.2-§4.5: requests with R and P, answers with P").isNotEmpty().allMatch(l ->
                l.contains("Request") ? l.contains("flags=RP--") : l.contains("flags=-P--"));

        List<String> expected = List.of(
                "User-Name: " + NAI,
                "Payee-Id: shop@shop.example",
                "Order-Reference: A-1001",
                "Purchase-Info",
                "Value-Digits: 2340",
                "Settlement-Mode: DEBIT_PAYEE_ACCOUNT",
                "Settlement-Mode: HOME_ONLY",
                "Settlement-Id: ",
                "Confirmation-Result: CONFIRMED",
                "Confirmation-Result: CANCELLED_BY_USER",
                "Entry-State: INVALIDATED",
                "Requested-Action: DIRECT_DEBITING",
                "Requested-Action: REFUND_ACCOUNT",
                "AAAM-Authenticator",
                "AAAM-SPI: 4097",
                // RFC 6733 §6.1.9: the AAAF records the peer the request came from, the mobile node
                "Route-Record: mn1.home.example",
                "Terminal-Host: terminal.shop.example",
                "Experimental-Result-Code: 5801",
                "Experimental-Result-Code: 5804");
        assertThat(decoded.missing(expected)).as("decoded values missing from %s", decoded.verboseFile()).isEmpty();
    }

    /**
     * The variant where the terminal has the AAA function (PROTOCOL §4.2): the AAAH's own SER to the
     * terminal and the terminal's SEA, then the SCR/SCA of the cancellation on the same link, decoded
     * with our dictionary like every other hop.
     */
    @Test
    void s208_s210_tsharkDecodesTheAaahsSerToTheTerminalWithTheAaaFunction() throws Exception {
        capture = ServicesCapture.start(EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY, Role.TERMINAL), OUTPUT, "terminal-settles", dir, Map.of());
        try (AaamAgent agent = capture.agentThroughTheAaaf()) {
            PurchaseInfo order = agent.accountingInfo("cafe@shop.example", "C-501");
            Settlement settled = agent.settle(order, SettlementMode.DEBIT_PAYEE_ACCOUNT, p -> ConfirmationCallback.Decision.OK);
            assertThat(agent.cancel(settled.settlementId()).refunded()).isEqualTo(order.amount());
        }

        ServicesCapture.Decoded decoded = capture.decode();
        // the terminal's port carries the AAAY's PIR (S203) and the AAAH's SER and SCR: the SER hop is the AAAH's
        String onTheTerminalsLink = capture.fields("tshark-terminal-settles.tsv", "tcp.port == " + capture.port(Role.TERMINAL)
                + " && (diameter.cmd.code == " + CommandCodes.SETTLEMENT + " || diameter.cmd.code == " + CommandCodes.SETTLEMENT_CANCEL + ")",
                "diameter.cmd.code", "diameter.flags.request", "diameter.Origin-Host");
        assertThat(onTheTerminalsLink.lines().toList()).as("SER, SEA, SCR, SCA between the AAAH and the terminal").contains(
                // tshark 4.0 prints the R flag as 1 / 0
                CommandCodes.SETTLEMENT + "\t1\taaah.home.example", CommandCodes.SETTLEMENT + "\t0\tterminal.shop.example",
                CommandCodes.SETTLEMENT_CANCEL + "\t1\taaah.home.example",
                CommandCodes.SETTLEMENT_CANCEL + "\t0\tterminal.shop.example");
        assertThat(decoded.commands().get((long) CommandCodes.PAYMENT_NOTIFICATION)).as("no payment notice: a payment request").isNull();
        List<String> expected = List.of(
                "Payee-Id: cafe@shop.example",
                "Order-Reference: C-501",
                "Value-Digits: 680",
                "Settlement-Id: ",
                "Settlement-Mode: DEBIT_PAYEE_ACCOUNT",
                "Confirmation-Result: CONFIRMED",
                "Requested-Action: DIRECT_DEBITING",
                "Requested-Action: REFUND_ACCOUNT",
                "Entry-State: INVALIDATED",
                "Terminal-Host: terminal.shop.example");
        assertThat(decoded.missing(expected)).as("decoded values missing from %s", decoded.verboseFile()).isEmpty();
    }
}
