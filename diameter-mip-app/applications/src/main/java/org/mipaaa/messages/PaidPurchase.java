package org.mipaaa.messages;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.MoneyAvps;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.VendorAvpCodes;

/**
 * The purchase a settlement pays, read from its Purchase-Info AVP (docs/PROTOCOL.md §6): { Payee-Id }
 * { Order-Reference } * [ Goods-Description ] { CC-Money } [ Event-Timestamp ].
 *
 * @param payee          Payee-Id, "account@realm"
 * @param orderReference the shop's order
 * @param goods          the goods lines
 * @param amount         the exact amount (Unit-Value)
 * @param currency       the ISO 4217 currency of Currency-Code
 * @param avp            the AVP as received: passed on unchanged to the next hop
 */
public record PaidPurchase(String payee, String orderReference, List<String> goods, BigDecimal amount, Currency currency, Avp avp) {

    /** Reads the Purchase-Info of {@code avps}: missing is 5005, a member that does not decode or is missing 5004/5005. */
    public static PaidPurchase in(AvpSet avps, long vendorId) throws Avps.Invalid {
        Avp info = avps.getAvp(VendorAvpCodes.PURCHASE_INFO, vendorId);
        if (info == null) {
            throw Avps.missing(VendorAvpCodes.PURCHASE_INFO, vendorId, "Purchase-Info is missing");
        }
        AvpSet members = Avps.grouped(info);
        Avp payee = members.getAvp(VendorAvpCodes.PAYEE_ID, vendorId);
        Avp order = members.getAvp(VendorAvpCodes.ORDER_REFERENCE, vendorId);
        Avp money = members.getAvp(AvpCodes.CC_MONEY, 0);
        if (payee == null || order == null || money == null) {
            throw Avps.missing(VendorAvpCodes.PURCHASE_INFO, vendorId, "Purchase-Info lacks Payee-Id, Order-Reference or CC-Money");
        }
        List<String> goods = new ArrayList<>();
        for (Avp line : members.getAvps(VendorAvpCodes.GOODS_DESCRIPTION, vendorId)) {
            goods.add(Avps.utf8(line));
        }
        try {
            AvpSet cc = money.getGrouped();
            Avp unitValue = cc.getAvp(AvpCodes.UNIT_VALUE, 0);
            Avp code = cc.getAvp(AvpCodes.CURRENCY_CODE, 0);
            if (unitValue == null || code == null) {
                throw Avps.invalid(info, "CC-Money needs Unit-Value and Currency-Code");
            }
            Avp digits = unitValue.getGrouped().getAvp(AvpCodes.VALUE_DIGITS, 0);
            Avp exponent = unitValue.getGrouped().getAvp(AvpCodes.EXPONENT, 0);
            if (digits == null) {
                throw Avps.invalid(info, "Unit-Value without Value-Digits");
            }
            Optional<BigDecimal> bounded = MoneyAvps.amount(digits.getInteger64(), exponent == null ? 0 : exponent.getInteger32());
            if (bounded.isEmpty()) {
                throw Avps.invalid(info, "Unit-Value beyond what an amount of money needs (at most 10^15 units, 18 decimals)");
            }
            BigDecimal amount = bounded.get();
            Optional<Currency> currency = currency((int) code.getUnsigned32());
            if (currency.isEmpty()) {
                throw Avps.invalid(info, "unknown Currency-Code " + code.getUnsigned32());
            }
            return new PaidPurchase(Avps.utf8(payee), Avps.utf8(order), goods, amount, currency.get(), info);
        } catch (AvpDataException e) {
            throw Avps.invalid(info, "CC-Money does not decode");
        }
    }

    /**
     * The Purchase-Info AVP's value, its members encoded as received: what a settlement keeps and sends
     * on. {@code getRawData}: once jDiameter has decoded a Grouped AVP, its {@code getOctetString} is empty.
     */
    public byte[] encoded() {
        return avp.getRawData();
    }

    /** The realm of Payee-Id (what follows its last '@'); empty when it has none. */
    public Optional<String> payeeRealm() {
        int at = payee.lastIndexOf('@');
        return at <= 0 || at == payee.length() - 1 ? Optional.empty() : Optional.of(payee.substring(at + 1));
    }

    /** The goods as one line for an account entry: the lines joined, or the order reference without any. */
    public String goodsLine() {
        return goods.isEmpty() ? orderReference : orderReference + ": " + String.join("; ", goods);
    }

    private static Optional<Currency> currency(int numeric) {
        return Currency.getAvailableCurrencies().stream().filter(c -> c.getNumericCode() == numeric).findFirst();
    }
}
