package org.mipaaa.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money: a whole number of the currency's minor unit (cents for EUR, yen for JPY),
 * never a {@code double}.
 *
 * <p>Arithmetic between amounts ({@link #plus}, {@link #minus}, {@link #times(long)}) is exact and
 * refuses to overflow or to mix currencies. The only rounding is where an exact decimal becomes an
 * amount ({@link #rounded}, {@link #times(BigDecimal)}): to the currency's minor unit, half-even
 * ("banker's rounding": 0.125 -> 0.12, 0.135 -> 0.14), which over many amounts rounds up as often as
 * down, so totals do not drift one way.
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

    /** How an exact decimal becomes an amount of money. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException(currency + " has no minor unit");
        }
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public static Money ofMinor(long minorUnits, Currency currency) {
        return new Money(minorUnits, currency);
    }

    /**
     * The amount written {@code decimal} ("12.30"), exactly.
     *
     * @throws ArithmeticException if it has more decimals than the currency's minor unit
     */
    public static Money of(String decimal, Currency currency) {
        return exact(new BigDecimal(decimal), currency);
    }

    /** @throws ArithmeticException if {@code amount} has more decimals than the currency's minor unit */
    public static Money exact(BigDecimal amount, Currency currency) {
        return new Money(amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY)
                .unscaledValue().longValueExact(), currency);
    }

    /** {@code amount} rounded {@link #ROUNDING half-even} to the currency's minor unit. */
    public static Money rounded(BigDecimal amount, Currency currency) {
        return new Money(amount.setScale(currency.getDefaultFractionDigits(), ROUNDING).unscaledValue().longValueExact(),
                currency);
    }

    /** The amount as a decimal with exactly the currency's number of decimals. */
    public BigDecimal amount() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(minorUnits, same(other).minorUnits), currency);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(minorUnits, same(other).minorUnits), currency);
    }

    /** Exactly {@code this x n}. */
    public Money times(long n) {
        return new Money(Math.multiplyExact(minorUnits, n), currency);
    }

    /** {@code this x factor}, rounded half-even to the minor unit. */
    public Money times(BigDecimal factor) {
        return rounded(amount().multiply(factor), currency);
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public int signum() {
        return Long.signum(minorUnits);
    }

    /** "12.30": the amount with the currency's decimals, no currency. */
    public String toPlainString() {
        return amount().toPlainString();
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(minorUnits, same(other).minorUnits);
    }

    /** "12.30 EUR". */
    @Override
    public String toString() {
        return toPlainString() + " " + currency.getCurrencyCode();
    }

    private Money same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot mix " + currency + " and " + other.currency);
        }
        return other;
    }
}
