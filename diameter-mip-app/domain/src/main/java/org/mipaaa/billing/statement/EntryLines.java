package org.mipaaa.billing.statement;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryContent;
import org.mipaaa.ledger.EntryState;

/** What the text and HTML bills say of one entry, in words. */
final class EntryLines {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private EntryLines() {
    }

    static String time(Instant t, ZoneId zone) {
        return TIME.format(t.atZone(zone));
    }

    /** "visited.example, 60 s, 150000 octets (in 100000, out 50000), 180 packets (in 100, out 80), tariff ..." */
    static String usage(EntryContent.CommunicationFee fee) {
        return fee.visitedRealm() + ", " + fee.usage().seconds() + " s, " + fee.usage().octets() + " octets (in "
                + fee.usage().inputOctets() + ", out " + fee.usage().outputOctets() + "), " + fee.usage().packets()
                + " packets (in " + fee.usage().inputPackets() + ", out " + fee.usage().outputPackets() + "), tariff "
                + fee.tariff().describe();
    }

    /** "shop.example: order 42" */
    static String charge(EntryContent.TransferredCharge charge) {
        return charge.payee() + ": " + charge.goods();
    }

    static String what(AccountEntry e) {
        return e.content() instanceof EntryContent.CommunicationFee fee ? usage(fee)
                : charge((EntryContent.TransferredCharge) e.content());
    }

    /** Empty for a valid entry; else "INVALIDATED by X at T, not counted". */
    static String invalidation(AccountEntry e, ZoneId zone) {
        return e.state() instanceof EntryState.Invalidated inv
                ? "INVALIDATED by " + inv.by() + " at " + time(inv.at(), zone) + ", not counted" : "";
    }

    /** " (posted here: its own period was closed)" for an entry posted after its date. */
    static String lateNote(AccountEntry e) {
        return e.postedAt().equals(e.date()) ? "" : " (posted here: its own period was closed)";
    }
}
