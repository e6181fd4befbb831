package org.mipaaa.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.state.StateStore;

/** The terminal's own account on the real embedded Infinispan of config/infinispan.xml (fsynced file store). */
class TerminalAccountTest {

    private static final Path CONFIG = Path.of("../../config/infinispan.xml");
    private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path dir;

    private static TerminalSale sale(String id, int mode) {
        return new TerminalSale(id, "aaah.home.example", "cafe@shop.example", "C-501", "mn1@home.example", new BigDecimal("6.80"),
                Currency.getInstance("EUR"), mode, AT, false);
    }

    @Test
    void settledOnceReversedOnceAndTheBalanceFollowsAcrossARestart() {
        try (StateStore state = StateStore.open(CONFIG, dir, "terminal-account-" + System.nanoTime())) {
            TerminalAccount account = TerminalAccount.in(state);
            assertThat(account.settle(sale("s-1", Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT))).isEqualTo(
                    sale("s-1", Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT));
            TerminalSale again = new TerminalSale("s-1", "aaah.home.example", "cafe@shop.example", "C-501", "mn1@home.example",
                    new BigDecimal("99.00"), Currency.getInstance("EUR"), 1, AT.plusSeconds(60), false);
            assertThat(account.settle(again).amount()).as("the first one stays").isEqualByComparingTo("6.80");
            account.settle(sale("s-2", Enumerations.SETTLEMENT_MODE_HOME_ONLY));
            assertThat(account.balance("cafe@shop.example")).as("mode 2 books no entry").isEqualByComparingTo("-6.80");
            assertThat(account.entries("cafe@shop.example")).extracting(TerminalSale::settlementId).containsExactly("s-1");
        }
        try (StateStore state = StateStore.open(CONFIG, dir, "terminal-account-" + System.nanoTime())) {
            TerminalAccount account = TerminalAccount.in(state);
            assertThat(account.find("s-1")).get().extracting(TerminalSale::settledAt).isEqualTo(AT);
            assertThat(account.reverse("s-1")).get().extracting(TerminalSale::reversed).isEqualTo(true);
            assertThat(account.reverse("s-1")).get().extracting(TerminalSale::reversed).isEqualTo(true);
            assertThat(account.balance("cafe@shop.example")).isEqualByComparingTo("0");
            assertThat(account.reverse("none")).isEmpty();
        }
    }

    @Test
    void aVoidedIdNeverSettles() {
        try (StateStore state = StateStore.open(CONFIG, dir, "terminal-account-" + System.nanoTime())) {
            TerminalAccount account = TerminalAccount.in(state);
            TerminalSale voided = account.settle(TerminalSale.voided("s-9", "aaah.home.example", "mn1@home.example", AT));
            assertThat(voided.isVoided()).isTrue();
            assertThat(account.settle(sale("s-9", Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT)).isVoided()).isTrue();
            assertThat(account.balance("cafe@shop.example")).isEqualByComparingTo("0");
        }
    }
}
