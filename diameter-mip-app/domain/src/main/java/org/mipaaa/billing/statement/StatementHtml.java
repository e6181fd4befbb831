package org.mipaaa.billing.statement;

import java.time.ZoneId;
import java.util.List;

import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.Money;

/**
 * A {@link Statement} as a self-contained HTML page: a table per kind of entry, invalidated entries
 * struck through with who invalidated them (class {@code invalidated}) and not counted. Every text
 * from the entries is escaped.
 */
public final class StatementHtml {

    private StatementHtml() {
    }

    public static String render(Statement s) {
        ZoneId zone = s.period().zone();
        StringBuilder b = new StringBuilder(2048);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Statement of ")
                .append(esc(s.nai())).append(' ').append(esc(s.period().label())).append("</title>\n")
                .append("<style>table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left}"
                        + "td.amount,th.amount{text-align:right}tr.invalidated{color:#888}"
                        + "tr.invalidated td.amount{text-decoration:line-through}</style></head><body>\n");
        b.append("<h1>Statement of ").append(esc(s.nai())).append("</h1>\n");
        b.append("<p>Period ").append(esc(s.period().label())).append(" (").append(esc(zone.getId())).append("), ")
                .append(esc(s.closing().map(c -> "closed " + EntryLines.time(c.at(), zone) + " by " + c.by())
                        .orElse("open: more entries may come")))
                .append(". Amounts in ").append(esc(s.currency().getCurrencyCode())).append(".</p>\n");
        section(b, "Communication fees", s.communicationFees(), s.communicationFeesTotal(), zone);
        section(b, "Transferred charges", s.transferredCharges(), s.transferredChargesTotal(), zone);
        b.append("<p class=\"total\"><strong>Total: <span class=\"amount\">").append(s.total().toPlainString())
                .append("</span></strong></p>\n</body></html>\n");
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<AccountEntry> entries, Money total, ZoneId zone) {
        b.append("<h2>").append(title).append("</h2>\n<table>\n<tr><th>date</th><th>entry</th><th>for</th>"
                + "<th class=\"amount\">amount</th></tr>\n");
        for (AccountEntry e : entries) {
            b.append(e.isValid() ? "<tr>" : "<tr class=\"invalidated\">");
            b.append("<td>").append(esc(EntryLines.time(e.date(), zone))).append("</td>");
            b.append("<td>").append(esc(e.id())).append("</td>");
            b.append("<td>").append(esc(EntryLines.what(e) + EntryLines.lateNote(e)));
            if (!e.isValid()) {
                b.append("<br><em>").append(esc(EntryLines.invalidation(e, zone))).append("</em>");
            }
            b.append("</td><td class=\"amount\">").append(e.amount().toPlainString()).append("</td></tr>\n");
        }
        b.append("<tr class=\"subtotal\"><th colspan=\"3\">").append(title).append(" total</th><th class=\"amount\">")
                .append(total.toPlainString()).append("</th></tr>\n</table>\n");
    }

    static String esc(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
