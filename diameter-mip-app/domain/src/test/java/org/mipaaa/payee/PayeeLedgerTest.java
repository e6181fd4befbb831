package org.mipaaa.payee;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.state.StateStore;

/** The AAAY's side of settlements on the real embedded Infinispan: booked once, reversed once, mode 2 is no entry. */
class PayeeLedgerTest {

    private static final Path CONFIG = Path.of("../../config/infinispan.xml");
    private static final Currency EUR = Currency.getInstance("EUR");

    @TempDir
    Path dir;

    private static PayeeSettlement settlement(String id, String amount, int mode) {
        return new PayeeSettlement(id, "shop@shop.example", "A-1001", "mn1@home.example", new BigDecimal(amount), EUR, mode, false);
    }

    @Test
    void bookedOnceReversedOnceAndOnlyMode1IsAnEntry() {
        try (StateStore state = StateStore.open(CONFIG, dir, "payee-test-" + System.nanoTime())) {
            PayeeLedger ledger = PayeeLedger.in(state);
            ledger.book(settlement("s1", "23.40", Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT));
            PayeeSettlement again = ledger.book(settlement("s1", "99.00", Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT));
            assertThat(again.amount()).as("the first booking stays").isEqualByComparingTo("23.40");
            ledger.book(settlement("s2", "9.90", Enumerations.SETTLEMENT_MODE_HOME_ONLY));
            ledger.book(settlement("s3", "1.00", Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT));
            assertThat(ledger.entries("shop@shop.example")).extracting(PayeeSettlement::settlementId).containsExactly("s1", "s3");
            assertThat(ledger.balance("shop@shop.example")).isEqualByComparingTo("-24.40");

            assertThat(ledger.reverse("s1")).get().extracting(PayeeSettlement::reversed).isEqualTo(true);
            assertThat(ledger.reverse("s1")).get().extracting(PayeeSettlement::reversed).isEqualTo(true);
            assertThat(ledger.balance("shop@shop.example")).as("refunded once").isEqualByComparingTo("-1.00");
            assertThat(ledger.reverse("nope")).isEmpty();
            assertThat(ledger.find("s2")).get().extracting(PayeeSettlement::debitsPayee).isEqualTo(false);
        }
        try (StateStore state = StateStore.open(CONFIG, dir, "payee-test-" + System.nanoTime())) {
            assertThat(PayeeLedger.in(state).find("s1")).get().extracting(PayeeSettlement::reversed).as("durable").isEqualTo(true);
        }
    }
}
