package org.mipaaa.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class TariffFileTest {

    private static Tariffs parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return TariffFile.parse(p);
    }

    @Test
    void theShippedTariffFileLoads() {
        Tariffs tariffs = TariffFile.load(Path.of("../../config/aaah/tariffs.properties"));
        assertThat(tariffs.currency()).isEqualTo(Currency.getInstance("EUR"));
        Tariff before = tariffs.inForce("visited.example", Instant.parse("2026-11-14T23:59:59Z"));
        Tariff after = tariffs.inForce("VISITED.example", Instant.parse("2026-11-15T00:00:00Z"));
        assertThat(before.perByteUnit()).isEqualByComparingTo("0.015");
        assertThat(after.perByteUnit()).isEqualByComparingTo("0.01");
        assertThat(after.byteUnit()).isEqualTo(ByteUnit.MEGABYTE);
        assertThat(tariffs.inForce("elsewhere.example", Instant.parse("2026-11-20T00:00:00Z")).realm())
                .isEqualTo(Tariffs.DEFAULT_REALM);
    }

    @Test
    void aRealmWithoutItsOwnTariffInForceGetsTheDefaultOne() throws IOException {
        Tariffs tariffs = parse("""
                currency = EUR
                tariff.default.2026-01-01.per-second = 0.001
                tariff.visited.example.2026-06-01.per-second = 0.002
                """);
        assertThat(tariffs.inForce("visited.example", Instant.parse("2026-05-31T23:59:59Z")).perSecond()).isEqualByComparingTo("0.001");
        assertThat(tariffs.inForce("visited.example", Instant.parse("2026-06-01T00:00:00Z")).perSecond()).isEqualByComparingTo("0.002");
        assertThat(tariffs.inForce("other.example", Instant.parse("2026-06-01T00:00:00Z")).perSecond()).isEqualByComparingTo("0.001");
    }

    @Test
    void datesWithoutTimeStartAtMidnightInTheFilesZoneAndInstantsAreExact() throws IOException {
        Tariffs tariffs = parse("""
                currency = EUR
                zone = Europe/Paris
                tariff.default.2026-01-01.per-packet = 0.01
                tariff.default.2026-11-15T12\\:00\\:00Z.per-packet = 0.02
                """);
        assertThat(tariffs.all()).extracting(Tariff::effectiveFrom)
                .containsExactly(Instant.parse("2025-12-31T23:00:00Z"), Instant.parse("2026-11-15T12:00:00Z"));
    }

    @Test
    void beforeAnyTariffThereIsNoFee() throws IOException {
        Tariffs tariffs = parse("currency = EUR\ntariff.default.2026-01-01.per-second = 0.001\n");
        assertThatThrownBy(() -> tariffs.inForce("visited.example", Instant.parse("2025-12-31T00:00:00Z")))
                .isInstanceOf(NoTariffException.class);
    }

    @Test
    void typosAndDoubleVolumePricesAreRefused() {
        assertThatThrownBy(() -> parse("currency = EUR\ntariff.default.2026-01-01.per-secnd = 1\n"))
                .hasMessageContaining("per-secnd");
        assertThatThrownBy(() -> parse("currency = EUR\ntarif.default.2026-01-01.per-second = 1\n"))
                .hasMessageContaining("unknown key");
        assertThatThrownBy(() -> parse("""
                currency = EUR
                tariff.default.2026-01-01.per-byte = 1
                tariff.default.2026-01-01.per-megabyte = 1
                """)).hasMessageContaining("more than one volume price");
        assertThatThrownBy(() -> parse("currency = EUR\ntariff.default.2026-01-01.per-second = -1\n"))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> parse("tariff.default.2026-01-01.per-second = 1\n")).hasMessageContaining("currency");
    }

    @Test
    void aPriceIsExactEvenBelowTheMinorUnit() {
        Tariff t = new Tariff("default", Instant.EPOCH, Currency.getInstance("EUR"), new BigDecimal("0.0004"),
                new BigDecimal("0.015"), ByteUnit.MEGABYTE, new BigDecimal("0.00001"));
        // hand-computed: 61 s x 0.0004 = 0.0244; 1 500 001 octets = 1.500001 MB x 0.015 = 0.022500015;
        // 3 packets x 0.00001 = 0.00003; sum 0.046930015
        assertThat(t.price(61, 1_500_001, 3)).isEqualByComparingTo("0.046930015");
    }
}
