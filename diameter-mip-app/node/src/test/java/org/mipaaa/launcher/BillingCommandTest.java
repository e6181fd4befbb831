package org.mipaaa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.aaah.accounting.HomeAccounts;
import org.mipaaa.ledger.RecordType;
import org.mipaaa.ledger.UsageReport;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.state.StateStore;
import picocli.CommandLine;

/** {@code mip-aaa billing} on an AAAH state store written by the account database, as an operator runs it. */
class BillingCommandTest {

    private static final Path AAAH = Path.of("../../config/aaah");

    @TempDir
    Path state;

    @Test
    void theStatementAndTheExportShowWhatTheAccountDatabaseCharged() throws Exception {
        // 2026-11-20, visited.example, 1 000 000 octets in + out at 0.01 EUR/MB (config/aaah/tariffs.properties) = 0.01 EUR
        // and 100 s at 0.0004 EUR/s = 0.04 EUR: 0.05 EUR
        try (StateStore store = StateStore.open(AAAH.resolve("../infinispan.xml"), state, "billing-test")) {
            HomeAccounts accounts = HomeAccounts.open(ConfigSource.of(AAAH, Map.of()).settings(), store);
            Instant at = Instant.parse("2026-11-20T10:00:00Z");
            accounts.database().recordUsage(new UsageReport("mn1@home.example", "s1", 0, RecordType.START, "visited.example",
                    at, 0, 0, 0, 0, 0));
            accounts.database().recordUsage(new UsageReport("mn1@home.example", "s1", 1, RecordType.STOP, "visited.example",
                    at.plusSeconds(100), 100, 600_000, 400_000, 0, 0));
        }

        String statement = run("billing", "statement", "--config", AAAH.toString(), "--state-directory", state.toString(),
                "--date", "2026-11-20", "--nai", "mn1@home.example", "--format", "JSON");
        String csv = run("billing", "export", "--config", AAAH.toString(), "--state-directory", state.toString(), "--date", "2026-11-20");

        assertThat(statement).contains("mn1@home.example").contains("0.05");
        assertThat(csv.lines().count()).as("header and one entry").isEqualTo(2);
        assertThat(csv).contains("mn1@home.example").contains("0.05");
    }

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new Main()).execute(args)).isZero();
        } finally {
            System.setOut(previous);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
