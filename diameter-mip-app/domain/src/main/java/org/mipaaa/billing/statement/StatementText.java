package org.mipaaa.billing.statement;

import java.time.ZoneId;
import java.util.List;

import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.Money;

/**
 * A {@link Statement} as a plain-text bill: one line per entry (date and time in the period's zone,
 * amount, what it was for), communication fees and transferred charges apart, invalidated entries
 * marked and left out of the totals.
 */
public final class StatementText {

    private StatementText() {
    }

    public static String render(Statement s) {
        ZoneId zone = s.period().zone();
        StringBuilder b = new StringBuilder(1024);
        b.append("Statement of ").append(s.nai()).append('\n');
        b.append("Period ").append(s.period().label()).append(" (").append(zone.getId()).append("), ")
                .append(s.closing().map(c -> "closed " + EntryLines.time(c.at(), zone) + " by " + c.by())
                        .orElse("open: more entries may come"))
                .append('\n');
        b.append("Amounts in ").append(s.currency().getCurrencyCode()).append("\n\n");
        section(b, "Communication fees", s.communicationFees(), s.communicationFeesTotal(), zone);
        section(b, "Transferred charges", s.transferredCharges(), s.transferredChargesTotal(), zone);
        b.append(String.format("%-60s %12s%n", "TOTAL", s.total().toPlainString()));
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<AccountEntry> entries, Money total, ZoneId zone) {
        b.append(title).append('\n');
        if (entries.isEmpty()) {
            b.append("  none\n");
        }
        for (AccountEntry e : entries) {
            String amount = e.isValid() ? e.amount().toPlainString() : "(" + e.amount().toPlainString() + ")";
            b.append(String.format("  %-19s %-38s %12s%n", EntryLines.time(e.date(), zone), e.id(), amount));
            b.append("      ").append(EntryLines.what(e)).append(EntryLines.lateNote(e)).append('\n');
            if (!e.isValid()) {
                b.append("      ").append(EntryLines.invalidation(e, zone)).append('\n');
            }
        }
        b.append(String.format("  %-58s %12s%n%n", title + " total", total.toPlainString()));
    }
}
