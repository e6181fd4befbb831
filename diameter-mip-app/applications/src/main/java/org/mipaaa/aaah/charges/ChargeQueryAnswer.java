package org.mipaaa.aaah.charges;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdiameter.api.AvpSet;
import org.mipaaa.billing.statement.Statement;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryContent;
import org.mipaaa.ledger.EntryKind;
import org.mipaaa.ledger.UsageCounters;
import org.mipaaa.tariff.Tariff;

/**
 * The AVPs of a successful Charge-Query-Answer (docs/PROTOCOL.md §4.6) from a statement: the entries as
 * Charge-Entry, by date; the total of the valid ones in CC-Money; each price the entries were charged
 * with as Cost-Information. Amounts go as RFC 4006 Unit-Value: the exact decimal's unscaled value and
 * the negated scale, so nothing is rounded on the way.
 */
final class ChargeQueryAnswer {

    private final long vendorId;

    ChargeQueryAnswer(long vendorId) {
        this.vendorId = vendorId;
    }

    void fill(AvpSet avps, String nai, String period, Statement statement) {
        avps.addAvp(AvpCodes.USER_NAME, nai, true, false, false);
        avps.addAvp(VendorAvpCodes.BILLING_PERIOD, period, vendorId, true, false, false);
        List<AccountEntry> entries = new ArrayList<>(statement.communicationFees());
        entries.addAll(statement.transferredCharges());
        entries.sort(Comparator.comparing(AccountEntry::date).thenComparing(AccountEntry::id));
        for (AccountEntry entry : entries) {
            chargeEntry(avps.addGroupedAvp(VendorAvpCodes.CHARGE_ENTRY, vendorId, true, false), entry);
        }
        money(avps.addGroupedAvp(AvpCodes.CC_MONEY, true, false), statement.total().amount(), statement.currency());
        for (Map.Entry<String, BigDecimal> price : prices(entries).entrySet()) {
            AvpSet cost = avps.addGroupedAvp(AvpCodes.COST_INFORMATION, true, false);
            unitValue(cost.addGroupedAvp(AvpCodes.UNIT_VALUE, true, false), price.getValue());
            cost.addAvp(AvpCodes.CURRENCY_CODE, statement.currency().getNumericCode(), true, false, true);
            cost.addAvp(AvpCodes.COST_UNIT, price.getKey(), true, false, false);
        }
    }

    private void chargeEntry(AvpSet group, AccountEntry entry) {
        group.addAvp(AvpCodes.EVENT_TIMESTAMP, java.util.Date.from(entry.date()), true, false);
        group.addAvp(VendorAvpCodes.ENTRY_KIND, entry.kind() == EntryKind.COMMUNICATION_FEE
                ? Enumerations.ENTRY_KIND_COMMUNICATION_FEE : Enumerations.ENTRY_KIND_TRANSFERRED_CHARGE, vendorId, true, false);
        group.addAvp(VendorAvpCodes.ENTRY_STATE, entry.isValid()
                ? Enumerations.ENTRY_STATE_VALID : Enumerations.ENTRY_STATE_INVALIDATED, vendorId, true, false);
        money(group.addGroupedAvp(AvpCodes.CC_MONEY, true, false), entry.amount().amount(), entry.amount().currency());
        if (entry.content() instanceof EntryContent.CommunicationFee fee) {
            UsageCounters usage = fee.usage();
            group.addAvp(AvpCodes.ACCT_SESSION_TIME, usage.seconds(), true, false, true);
            group.addAvp(AvpCodes.ACCOUNTING_INPUT_OCTETS, usage.inputOctets(), true, false);
            group.addAvp(AvpCodes.ACCOUNTING_OUTPUT_OCTETS, usage.outputOctets(), true, false);
            group.addAvp(AvpCodes.ACCOUNTING_INPUT_PACKETS, usage.inputPackets(), true, false);
            group.addAvp(AvpCodes.ACCOUNTING_OUTPUT_PACKETS, usage.outputPackets(), true, false);
        } else if (entry.content() instanceof EntryContent.TransferredCharge charge) {
            group.addAvp(VendorAvpCodes.PAYEE_ID, charge.payee(), vendorId, true, false, false);
            group.addAvp(VendorAvpCodes.GOODS_DESCRIPTION, charge.goods(), vendorId, true, false, false);
        }
    }

    /**
     * The non-zero prices of the communication fees' tariffs, each named by its Cost-Unit:
     * "{@code <unit> in <realm> from <date>}" (unit: second, byte, kilobyte, megabyte, packet).
     */
    static Map<String, BigDecimal> prices(List<AccountEntry> entries) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (AccountEntry entry : entries) {
            if (entry.content() instanceof EntryContent.CommunicationFee fee) {
                Tariff t = fee.tariff();
                String where = " in " + t.realm() + " from " + t.effectiveFrom().atZone(java.time.ZoneOffset.UTC).toLocalDate();
                put(prices, "second" + where, t.perSecond());
                put(prices, t.byteUnit().name().toLowerCase(java.util.Locale.ROOT) + where, t.perByteUnit());
                put(prices, "packet" + where, t.perPacket());
            }
        }
        return prices;
    }

    private static void put(Map<String, BigDecimal> prices, String unit, BigDecimal price) {
        if (price.signum() != 0) {
            prices.putIfAbsent(unit, price);
        }
    }

    /** CC-Money ::= { Unit-Value } [ Currency-Code ] (RFC 4006 §8.22). */
    private static void money(AvpSet ccMoney, BigDecimal amount, Currency currency) {
        unitValue(ccMoney.addGroupedAvp(AvpCodes.UNIT_VALUE, true, false), amount);
        ccMoney.addAvp(AvpCodes.CURRENCY_CODE, currency.getNumericCode(), true, false, true);
    }

    /** Unit-Value ::= { Value-Digits } [ Exponent ] (RFC 4006 §8.8): amount = Value-Digits x 10^Exponent. */
    private static void unitValue(AvpSet unitValue, BigDecimal amount) {
        unitValue.addAvp(AvpCodes.VALUE_DIGITS, amount.unscaledValue().longValueExact(), true, false);
        unitValue.addAvp(AvpCodes.EXPONENT, -amount.scale(), true, false);
    }
}
