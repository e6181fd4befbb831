package org.mipaaa.diameter;

import java.math.BigDecimal;
import java.util.Currency;

import org.mipaaa.dictionary.AvpCodes;

/**
 * RFC 4006 money on the wire: CC-Money ::= { Unit-Value } [ Currency-Code ] (§8.22), Unit-Value ::=
 * { Value-Digits } [ Exponent ] (§8.8). The exact decimal goes as its unscaled value and negated
 * scale, so nothing is rounded on the way.
 */
public final class MoneyAvps {

    private MoneyAvps() {
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
