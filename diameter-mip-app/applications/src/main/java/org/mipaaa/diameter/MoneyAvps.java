package org.mipaaa.diameter;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

import org.mipaaa.dictionary.AvpCodes;

/**
 * RFC 4006 money on the wire: CC-Money ::= { Unit-Value } [ Currency-Code ] (§8.22), Unit-Value ::=
 * { Value-Digits } [ Exponent ] (§8.8). The exact decimal goes as its unscaled value and negated
 * scale, so nothing is rounded on the way.
 */
public final class MoneyAvps {

    /**
     * RFC 4006 §8.8 bounds neither Value-Digits nor Exponent: an amount of money needs neither more than
     * 18 decimal places nor more than 10^15 currency units. Beyond, a Unit-Value is refused before
     * anything computes with it (an Exponent of 2 000 000 000 once made one SER take 4 GB of heap).
     */
    public static final int MAX_SCALE = 18;
    public static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(15);

    private MoneyAvps() {
    }

    /**
     * The amount {@code valueDigits} x 10^{@code exponent}, or empty when it lies outside what money
     * needs ({@link #MAX_SCALE}, {@link #MAX_AMOUNT}, either sign).
     */
    public static Optional<BigDecimal> amount(long valueDigits, int exponent) {
        if (exponent < -MAX_SCALE || exponent > 15) { // 10^15 x 1 is the largest amount
            return Optional.empty();
        }
        BigDecimal amount = BigDecimal.valueOf(valueDigits, -exponent);
        return amount.abs().compareTo(MAX_AMOUNT) > 0 ? Optional.empty() : Optional.of(amount);
    }

    /** Adds CC-Money with {@code amount} and the currency's ISO 4217 numeric code to {@code avps}. */
    public static void addCcMoney(AvpWriter avps, BigDecimal amount, Currency currency) {
        AvpWriter ccMoney = avps.group(AvpCodes.CC_MONEY);
        addUnitValue(ccMoney, amount);
        ccMoney.add(AvpCodes.CURRENCY_CODE, currency.getNumericCode());
    }

    /** Adds Unit-Value: amount = Value-Digits x 10^Exponent. */
    public static void addUnitValue(AvpWriter avps, BigDecimal amount) {
        avps.group(AvpCodes.UNIT_VALUE)
                .add(AvpCodes.VALUE_DIGITS, amount.unscaledValue().longValueExact())
                .add(AvpCodes.EXPONENT, -amount.scale());
    }
}
