package org.mipaaa.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.billing.BillingPeriod;
import org.mipaaa.state.StateStore;

/**
 * A node killed in the middle of recording keeps every record it acknowledged; once the AAAF sends
 * everything again after the restart (it cannot know which ACAs got lost), each record is charged
 * exactly once.
 */
class LedgerKilledNodeTest {

    @TempDir
    Path data;

    @Test
    void afterAKillAndAFullRetransmissionEveryRecordIsChargedExactlyOnce() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), LedgerKilledNode.class.getName(),
                LedgerFixture.CONFIG.toAbsolutePath().toString(), data.toString())
                .redirectErrorStream(true).start();
        List<String> acknowledged = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                }
            }
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output.toString()).isEqualTo(77);
        assertThat(acknowledged).hasSize(LedgerKilledNode.ACKNOWLEDGED);

        BillingPeriod november = LedgerFixture.MONTHLY.periodOf(Instant.parse("2026-11-10T10:00:00Z"));
        try (StateStore store = LedgerFixture.open(data)) {
            InfinispanAccountDatabase ledger = LedgerFixture.database(store);
            // what was acknowledged survived the kill
            for (String ack : acknowledged) {
                String[] f = ack.split(" ");
                assertThat(ledger.entry(EntryIds.usage("killed-" + f[0], Long.parseLong(f[1])))).as(ack).isPresent();
            }
            // the AAAF sends every record of every session again, in order
            for (int s = 0; s < LedgerKilledNode.SESSIONS; s++) {
                for (int n = 1; n <= LedgerKilledNode.RECORDS; n++) {
                    Recorded r = ledger.recordUsage(LedgerKilledNode.record(s, n));
                    if (acknowledged.contains(s + " " + n)) {
                        assertThat(r.duplicate()).as("acknowledged record %d of session %d", n, s).isTrue();
                    }
                }
            }
            List<AccountEntry> entries = ledger.entries("mn1@home.example", november);
            // by hand: each record is 60 s x 0.002 + 100 kB x 0.0001 = 0.12 + 0.01 = 0.13; 4 sessions x 6 records
            assertThat(entries).hasSize(LedgerKilledNode.SESSIONS * LedgerKilledNode.RECORDS);
            assertThat(entries).extracting(AccountEntry::amount).containsOnly(LedgerFixture.eur("0.13"));
            Money total = entries.stream().map(AccountEntry::amount).reduce(Money.zero(LedgerFixture.EUR), Money::plus);
            assertThat(total).isEqualTo(LedgerFixture.eur("3.12"));
        }
    }
}
