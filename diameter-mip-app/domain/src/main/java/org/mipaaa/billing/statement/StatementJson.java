package org.mipaaa.billing.statement;

import java.util.List;

import org.mipaaa.json.JsonStrings;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryContent;
import org.mipaaa.ledger.EntryState;

/**
 * A {@link Statement} as JSON, written by hand (no JSON library is on the node's classpath, and this is
 * small). Amounts are JSON strings of the exact decimal ("0.14"), never numbers, so no reader turns them
 * into binary floating point; instants are ISO-8601 UTC strings. Shape:
 * <pre>
 * {"nai":..., "period":{"start":..., "end":..., "zone":..., "firstDay":..., "lastDay":...},
 *  "closed":false, "closedBy":..., "closedAt":..., "currency":"EUR",
 *  "communicationFees":[{"id","date","postedAt","amount","state","invalidatedBy","invalidatedAt",
 *      "sessionId","recordNumber","recordType","visitedRealm","connectSeconds","inputOctets",
 *      "outputOctets","inputPackets","outputPackets","tariff"}...],
 *  "transferredCharges":[{"id","date","postedAt","amount","state",...,"payee","goods"}...],
 *  "totals":{"communicationFees":"0.46","transferredCharges":"4.50","total":"4.96"}}
 * </pre>
 * {@code state} is {@code VALID} or {@code INVALIDATED}; the totals count valid entries only.
 */
public final class StatementJson {

    private StatementJson() {
    }

    public static String render(Statement s) {
        StringBuilder b = new StringBuilder(512).append('{');
        string(b, "nai", s.nai()).append(',');
        b.append("\"period\":{");
        string(b, "start", s.period().start().toString()).append(',');
        string(b, "end", s.period().end().toString()).append(',');
        string(b, "zone", s.period().zone().getId()).append(',');
        string(b, "firstDay", s.period().firstDay().toString()).append(',');
        string(b, "lastDay", s.period().lastDay().toString()).append("},");
        b.append("\"closed\":").append(s.closed()).append(',');
        if (s.closing().isPresent()) {
            string(b, "closedBy", s.closing().get().by()).append(',');
            string(b, "closedAt", s.closing().get().at().toString()).append(',');
        }
        string(b, "currency", s.currency().getCurrencyCode()).append(',');
        entries(b, "communicationFees", s.communicationFees()).append(',');
        entries(b, "transferredCharges", s.transferredCharges()).append(',');
        b.append("\"totals\":{");
        string(b, "communicationFees", s.communicationFeesTotal().toPlainString()).append(',');
        string(b, "transferredCharges", s.transferredChargesTotal().toPlainString()).append(',');
        string(b, "total", s.total().toPlainString()).append("}}");
        return b.toString();
    }

    private static StringBuilder entries(StringBuilder b, String name, List<AccountEntry> entries) {
        b.append('"').append(name).append("\":[");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            entry(b, entries.get(i));
        }
        return b.append(']');
    }

    private static void entry(StringBuilder b, AccountEntry e) {
        b.append('{');
        string(b, "id", e.id()).append(',');
        string(b, "date", e.date().toString()).append(',');
        string(b, "postedAt", e.postedAt().toString()).append(',');
        string(b, "amount", e.amount().toPlainString()).append(',');
        if (e.state() instanceof EntryState.Invalidated inv) {
            string(b, "state", "INVALIDATED").append(',');
            string(b, "invalidatedBy", inv.by()).append(',');
            string(b, "invalidatedAt", inv.at().toString()).append(',');
        } else {
            string(b, "state", "VALID").append(',');
        }
        if (e.content() instanceof EntryContent.CommunicationFee fee) {
            string(b, "sessionId", fee.sessionId()).append(',');
            b.append("\"recordNumber\":").append(fee.recordNumber()).append(',');
            string(b, "recordType", fee.recordType().name()).append(',');
            string(b, "visitedRealm", fee.visitedRealm()).append(',');
            b.append("\"connectSeconds\":").append(fee.usage().seconds()).append(',');
            b.append("\"inputOctets\":").append(fee.usage().inputOctets()).append(',');
            b.append("\"outputOctets\":").append(fee.usage().outputOctets()).append(',');
            b.append("\"inputPackets\":").append(fee.usage().inputPackets()).append(',');
            b.append("\"outputPackets\":").append(fee.usage().outputPackets()).append(',');
            string(b, "tariff", fee.tariff().describe());
        } else {
            EntryContent.TransferredCharge charge = (EntryContent.TransferredCharge) e.content();
            string(b, "payee", charge.payee()).append(',');
            string(b, "goods", charge.goods());
        }
        b.append('}');
    }

    private static StringBuilder string(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":");
        return JsonStrings.append(b, value);
    }
}
