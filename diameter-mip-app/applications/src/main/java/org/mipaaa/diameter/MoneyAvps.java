package org.mipaaa.diameter;

import java.math.BigDecimal;
import java.util.Currency;

import org.jdiameter.api.AvpSet;
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
    public static void addCcMoney(AvpSet avps, BigDecimal amount, Currency currency) {
        AvpSet ccMoney = avps.addGroupedAvp(AvpCodes.CC_MONEY, true, false);
        addUnitValue(ccMoney, amount);
        ccMoney.addAvp(AvpCodes.CURRENCY_CODE, currency.getNumericCode(), true, false, true);
    }

    /** Adds Unit-Value: amount = Value-Digits x 10^Exponent. */
    public static void addUnitValue(AvpSet avps, BigDecimal amount) {
        AvpSet unitValue = avps.addGroupedAvp(AvpCodes.UNIT_VALUE, true, false);
        unitValue.addAvp(AvpCodes.VALUE_DIGITS, amount.unscaledValue().longValueExact(), true, false);
        unitValue.addAvp(AvpCodes.EXPONENT, -amount.scale(), true, false);
    }
}
