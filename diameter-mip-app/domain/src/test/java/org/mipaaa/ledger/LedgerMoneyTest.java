package org.mipaaa.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

class LedgerMoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void amountsAreWholeMinorUnitsWithTheCurrencysDecimals() {
        assertThat(Money.of("12.3", EUR).minorUnits()).isEqualTo(1230);
        assertThat(Money.of("12.3", EUR).toPlainString()).isEqualTo("12.30");
        assertThat(Money.of("12.3", EUR)).hasToString("12.30 EUR");
        assertThat(Money.of("500", JPY).toPlainString()).isEqualTo("500");
        assertThatThrownBy(() -> Money.of("0.001", EUR)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of("1.5", JPY)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void roundingIsHalfEvenToTheMinorUnit() {
        assertThat(Money.rounded(new BigDecimal("0.125"), EUR).toPlainString()).isEqualTo("0.12");
        assertThat(Money.rounded(new BigDecimal("0.135"), EUR).toPlainString()).isEqualTo("0.14");
        assertThat(Money.rounded(new BigDecimal("0.1251"), EUR).toPlainString()).isEqualTo("0.13");
        assertThat(Money.rounded(new BigDecimal("-0.125"), EUR).toPlainString()).isEqualTo("-0.12");
        assertThat(Money.rounded(new BigDecimal("2.5"), JPY).toPlainString()).isEqualTo("2");
        // 1.15 x 0.5 = 0.575 -> 0.58 (7 odd, rounds to 8)
        assertThat(Money.of("1.15", EUR).times(new BigDecimal("0.5")).toPlainString()).isEqualTo("0.58");
    }

    @Test
    void additionIsExactWhereDoublesAreNot() {
        Money sum = Money.zero(EUR);
        for (int i = 0; i < 10; i++) {
            sum = sum.plus(Money.of("0.10", EUR));
        }
        assertThat(sum).isEqualTo(Money.of("1.00", EUR));
        assertThat(Money.of("1.00", EUR).minus(Money.of("0.01", EUR)).toPlainString()).isEqualTo("0.99");
        assertThat(Money.of("0.07", EUR).times(3)).isEqualTo(Money.of("0.21", EUR));
    }

    @Test
    void currenciesDoNotMixAndOverflowIsRefused() {
        assertThatThrownBy(() -> Money.of("1", EUR).plus(Money.of("1", JPY))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofMinor(Long.MAX_VALUE, EUR).plus(Money.ofMinor(1, EUR)))
                .isInstanceOf(ArithmeticException.class);
    }
}
