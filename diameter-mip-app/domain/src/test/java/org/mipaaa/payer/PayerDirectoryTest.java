package org.mipaaa.payer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The AAAY's sponsors and credit companies from payers.properties. */
class PayerDirectoryTest {

    private static PayerDirectory parse(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return PayerDirectory.parse(p);
    }

    @Test
    void theShippedFileLoads() throws Exception {
        PayerDirectory d = PayerDirectory.load(Path.of("../../config/aaay/payers.properties"));
        assertThat(d.sponsor("ads@shop.example").orElseThrow().sharePercent()).isEqualTo(50);
        assertThat(d.creditCompany("card@shop.example").orElseThrow().limit().orElseThrow().amount()).isEqualByComparingTo("30.00");
    }

    @Test
    void sponsorsAndCreditCompaniesWithTheirRealmsAdvertsAndCustomers() throws Exception {
        PayerDirectory d = parse("""
                realms = home.example
                sponsor.ads@ads.example.share = 40
                sponsor.ads@ads.example.adverts = a1, a2
                sponsor.ads@ads.example.realms = other.example
                credit.card@bank.example.customer.mn1@home.example = s3cret
                """);
        PayerDirectory.Sponsor s = d.sponsor("ads@ads.example").orElseThrow();
        assertThat(s.ceiling()).isEmpty();
        assertThat(s.sponsors("a2")).isTrue();
        assertThat(s.sponsors("a3")).isFalse();
        assertThat(s.accepts("other.example")).isTrue();
        assertThat(s.accepts("home.example")).as("its own realms replace the default").isFalse();
        PayerDirectory.CreditCompany c = d.creditCompany("card@bank.example").orElseThrow();
        assertThat(c.accepts("home.example")).isTrue();
        assertThat(c.authenticates("mn1@home.example", "s3cret".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(c.authenticates("mn1@home.example", "s3cre".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(c.authenticates("mn2@home.example", "s3cret".getBytes(StandardCharsets.UTF_8))).as("an unknown customer").isFalse();
        assertThat(d.sponsor("nobody@ads.example")).isEmpty();
    }

    @Test
    void aMalformedSettingIsNamed() {
        assertThatThrownBy(() -> parse("realms = h\nsponsor.a@b.share = 101\n")).hasMessageContaining("a@b");
        assertThatThrownBy(() -> parse("realms = h\nsponsor.a@b.share = 10\nsponsor.a@b.ceiling = -1 EUR\n")).hasMessageContaining("a@b");
        assertThatThrownBy(() -> parse("realms = h\ncredit.a@b.colour = red\n")).hasMessageContaining("colour");
        assertThatThrownBy(() -> parse("sponsor.a@b.share = 10\n")).as("no realm may ask").hasMessageContaining("realms");
        assertThatThrownBy(() -> parse("realms = h\nsponsor.nobody.share = 10\n")).hasMessageContaining("name@realm");
    }

    @Test
    void aCeilingIsAnAmountAndACurrency() throws Exception {
        PayerDirectory d = parse("realms = h\nsponsor.a@b.share = 10\nsponsor.a@b.ceiling = 2.50 JPY\n");
        PayerDirectory.Limit l = d.sponsor("a@b").orElseThrow().ceiling().orElseThrow();
        assertThat(l.amount()).isEqualByComparingTo(new BigDecimal("2.50"));
        assertThat(l.currency().getCurrencyCode()).isEqualTo("JPY");
    }
}
