package org.mipaaa.aaah.charges;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mipaaa.billing.statement.Statement;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.diameter.MoneyAvps;
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

    void fill(AvpWriter avps, String nai, String period, Statement statement) {
        avps.add(AvpCodes.USER_NAME, nai);
        avps.add(VendorAvpCodes.BILLING_PERIOD, vendorId, period);
        List<AccountEntry> entries = new ArrayList<>(statement.communicationFees());
        entries.addAll(statement.transferredCharges());
        entries.sort(Comparator.comparing(AccountEntry::date).thenComparing(AccountEntry::id));
        for (AccountEntry entry : entries) {
            chargeEntry(avps.group(VendorAvpCodes.CHARGE_ENTRY, vendorId), entry);
        }
        MoneyAvps.addCcMoney(avps, statement.total().amount(), statement.currency());
        for (Map.Entry<String, BigDecimal> price : prices(entries).entrySet()) {
            AvpWriter cost = avps.group(AvpCodes.COST_INFORMATION);
            MoneyAvps.addUnitValue(cost, price.getValue());
            cost.add(AvpCodes.CURRENCY_CODE, statement.currency().getNumericCode());
            cost.add(AvpCodes.COST_UNIT, price.getKey());
        }
    }

    private void chargeEntry(AvpWriter group, AccountEntry entry) {
        group.add(AvpCodes.EVENT_TIMESTAMP, entry.date());
        group.add(VendorAvpCodes.ENTRY_KIND, vendorId, entry.kind() == EntryKind.COMMUNICATION_FEE
                ? Enumerations.ENTRY_KIND_COMMUNICATION_FEE : Enumerations.ENTRY_KIND_TRANSFERRED_CHARGE);
        group.add(VendorAvpCodes.ENTRY_STATE, vendorId, entry.isValid()
                ? Enumerations.ENTRY_STATE_VALID : Enumerations.ENTRY_STATE_INVALIDATED);
        MoneyAvps.addCcMoney(group, entry.amount().amount(), entry.amount().currency());
        if (entry.content() instanceof EntryContent.CommunicationFee fee) {
            UsageCounters usage = fee.usage();
            group.add(AvpCodes.ACCT_SESSION_TIME, usage.seconds());
            group.add(AvpCodes.ACCOUNTING_INPUT_OCTETS, usage.inputOctets());
            group.add(AvpCodes.ACCOUNTING_OUTPUT_OCTETS, usage.outputOctets());
            group.add(AvpCodes.ACCOUNTING_INPUT_PACKETS, usage.inputPackets());
            group.add(AvpCodes.ACCOUNTING_OUTPUT_PACKETS, usage.outputPackets());
        } else if (entry.content() instanceof EntryContent.TransferredCharge charge) {
            group.add(VendorAvpCodes.PAYEE_ID, vendorId, charge.payee());
            group.add(VendorAvpCodes.GOODS_DESCRIPTION, vendorId, charge.goods());
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
}
