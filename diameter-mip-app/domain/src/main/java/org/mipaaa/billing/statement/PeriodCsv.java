package org.mipaaa.billing.statement;

import java.util.List;

import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryContent;
import org.mipaaa.ledger.EntryState;

/**
 * Every entry of a period as CSV for a billing system (RFC 4180): a header line, one record per entry,
 * CRLF line ends, a field quoted only when it holds a comma, a double quote, CR or LF (a double quote
 * inside doubled). Invalidated entries are exported too ({@code state} says so): the billing system
 * decides; amounts are exact decimals with the currency's digits. Columns: {@value #HEADER}.
 *
 * <p>Text that came from a mobile node or a peer (NAI, Session-Id, realm, payee, goods, ...) and would
 * start a spreadsheet formula ({@code = + - @}, a tab or CR) gets a leading apostrophe, as OWASP
 * advises against CSV injection: a billing clerk opening the file runs nothing a subscriber wrote.
 */
public final class PeriodCsv {

    public static final String HEADER = "entry_id,nai,kind,date,posted_at,amount,currency,state,invalidated_by,"
            + "invalidated_at,session_id,record_number,record_type,visited_realm,connect_seconds,input_octets,"
            + "output_octets,input_packets,output_packets,tariff,payee,goods";

    private static final String CRLF = "\r\n";

    private PeriodCsv() {
    }

    public static String render(List<AccountEntry> entries) {
        StringBuilder b = new StringBuilder(128 * (entries.size() + 1)).append(HEADER).append(CRLF);
        entries.forEach(e -> b.append(row(e)));
        return b.toString();
    }

    /** The header line, with its CRLF. */
    public static String header() {
        return HEADER + CRLF;
    }

    /** One entry's line, with its CRLF. */
    public static String row(AccountEntry e) {
        StringBuilder b = new StringBuilder(256);
        String[] f = new String[22];
        java.util.Arrays.fill(f, "");
        f[0] = text(e.id());
        f[1] = text(e.nai());
        f[2] = e.kind().name();
        f[3] = e.date().toString();
        f[4] = e.postedAt().toString();
        f[5] = e.amount().toPlainString();
        f[6] = e.amount().currency().getCurrencyCode();
        f[7] = e.isValid() ? "VALID" : "INVALIDATED";
        if (e.state() instanceof EntryState.Invalidated inv) {
            f[8] = text(inv.by());
            f[9] = inv.at().toString();
        }
        if (e.content() instanceof EntryContent.CommunicationFee fee) {
            f[10] = text(fee.sessionId());
            f[11] = Long.toString(fee.recordNumber());
            f[12] = fee.recordType().name();
            f[13] = text(fee.visitedRealm());
            f[14] = Long.toString(fee.usage().seconds());
            f[15] = Long.toString(fee.usage().inputOctets());
            f[16] = Long.toString(fee.usage().outputOctets());
            f[17] = Long.toString(fee.usage().inputPackets());
            f[18] = Long.toString(fee.usage().outputPackets());
            f[19] = fee.tariff().describe();
        } else {
            EntryContent.TransferredCharge charge = (EntryContent.TransferredCharge) e.content();
            f[20] = text(charge.payee());
            f[21] = text(charge.goods());
        }
        for (int i = 0; i < f.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(f[i]));
        }
        b.append(CRLF);
        return b.toString();
    }

    /** {@code value}, neutralised when a spreadsheet would read it as a formula. */
    static String text(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    /** RFC 4180 §2: quoted if it holds a comma, a double quote, CR or LF; inner quotes doubled. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
