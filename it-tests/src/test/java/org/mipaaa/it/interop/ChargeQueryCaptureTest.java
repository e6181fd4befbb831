package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.CommunicationCharges;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.ledger.AccountDatabase;
import org.mipaaa.ledger.Money;
import org.mipaaa.ledger.RecordType;
import org.mipaaa.ledger.UsageReport;
import org.mipaaa.role.Role;

/**
 * tshark decodes the own-charges exchange (seed S25, docs/PROTOCOL.md §4.6) with our Wireshark
 * dictionary: the mobile node's agent asks over TLS through the AAAF, and the AAAF -> AAAH link, plain
 * TCP here so it can be read, carries the relayed CQR with its AAAM-Authenticator and the AAAH's CQA
 * with Charge-Entry, CC-Money and Cost-Information. No unknown AVP, no malformed packet, no expert error.
 */
class ChargeQueryCaptureTest {

    static final Path OUTPUT = Path.of("target", "interop", "tshark-charges");
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
    void s25_tsharkDecodesTheRelayedCqrAndTheCqa() throws Exception {
        Path tariffs = dir.resolve("tariffs.properties");
        Files.writeString(tariffs, "currency = EUR\ntariff.default.2026-01-01.per-packet = 0.01\n");
        capture = ServicesCapture.start(EnumSet.of(Role.AAAF, Role.AAAH), OUTPUT, "charges", dir,
                Map.of("accounting.tariffs.file", tariffs.toString()));
        AccountDatabase ledger = capture.topology().node(Role.AAAH).installation().aaah().database();
        Instant visit = Instant.parse("2026-10-05T10:00:00Z");
        ledger.recordUsage(new UsageReport(NAI, "fa.visited.example;9;1", 0, RecordType.START, "visited.example", visit, 0, 0, 0, 0, 0));
        ledger.recordUsage(new UsageReport(NAI, "fa.visited.example;9;1", 1, RecordType.STOP, "visited.example",
                visit.plusSeconds(90), 90, 500, 600, 5, 6));
        ledger.recordTransferredCharge(NAI, Money.of("3.00", java.util.Currency.getInstance("EUR")), "shop@shop.example", "a coffee",
                visit.plusSeconds(3600), "capture-coffee");

        CommunicationCharges charges;
        try (AaamAgent agent = capture.agentThroughTheAaaf()) {
            charges = agent.communicationCharges(YearMonth.of(2026, 10));
        }
        assertThat(charges.entries()).hasSize(2);

        ServicesCapture.Decoded decoded = capture.decode();
        assertThat(decoded.commands().get((long) CommandCodes.CHARGE_QUERY)).as("tshark saw %s", decoded.commands())
                .contains("Charge-Query Request", "Charge-Query Answer");

        List<String> expected = List.of(
                "User-Name: " + NAI,
                "Billing-Period: 2026-10",
                "AAAM-Authenticator",
                "AAAM-SPI: 4097",
                "AAAM-Replay-Counter: ",
                "AAAM-Authenticator-Value: ",
                // RFC 6733 §6.1.9: the AAAF records the peer the request came from, the mobile node
                "Route-Record: mn1.home.example",
                "Charge-Entry",
                "Entry-Kind: ",
                "Entry-State: ",
                "CC-Money",
                "Value-Digits: 11",
                "Cost-Information",
                "Cost-Unit: packet in default from 2026-01-01",
                "Payee-Id: shop@shop.example",
                "Goods-Description: a coffee");
        assertThat(decoded.missing(expected)).as("decoded values missing from %s", decoded.verboseFile()).isEmpty();
    }
}
