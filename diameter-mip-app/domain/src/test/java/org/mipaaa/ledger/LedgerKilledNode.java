package org.mipaaa.ledger;

import java.nio.file.Path;

import org.mipaaa.state.StateStore;

/**
 * Run in a child JVM by {@link LedgerKilledNodeTest}: records the INTERIMs of {@link #SESSIONS} sessions,
 * acknowledges each record on standard output once {@code recordUsage} returned (as the ACA would go
 * out), and dies without closing anything (as {@code kill -9} would) after {@link #ACKNOWLEDGED} records,
 * in the middle of the work.
 */
public final class LedgerKilledNode {

    static final int SESSIONS = 4;
    static final int RECORDS = 6;
    static final int ACKNOWLEDGED = 15;

    private LedgerKilledNode() {
    }

    /** Record {@code n} (1..RECORDS) of session {@code s}: 60 s and 100 000 octets more each time (0.13 each by hand). */
    static UsageReport record(int s, int n) {
        return LedgerFixture.report("killed-" + s, n, n == RECORDS ? RecordType.STOP : RecordType.INTERIM,
                LedgerFixture.VISITED, "2026-11-10T10:0" + n + ":00Z", 60L * n, 100_000L * n, 0, 0, 0);
    }

    public static void main(String[] args) {
        StateStore store = StateStore.open(Path.of(args[0]), Path.of(args[1]), "ledger-killed-node");
        InfinispanAccountDatabase ledger = LedgerFixture.database(store);
        int acknowledged = 0;
        for (int n = 1; n <= RECORDS; n++) {
            for (int s = 0; s < SESSIONS; s++) {
                ledger.recordUsage(record(s, n));
                System.out.println("ACK " + s + " " + n);
                System.out.flush();
                if (++acknowledged == ACKNOWLEDGED) {
                    Runtime.getRuntime().halt(77);
                }
            }
        }
        Runtime.getRuntime().halt(78);
    }
}
