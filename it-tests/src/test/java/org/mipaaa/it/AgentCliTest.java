package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.cli.AgentCli;
import org.mipaaa.agent.cli.ExitCodes;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.ledger.AccountDatabase;
import org.mipaaa.ledger.Money;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;

/**
 * The aaam-agent command line (issue 6) against the real AAAF/AAAH/AAAY topology over TLS: what a vendor
 * types to try a node by hand. mn1's own charges (seed Fig. 8 S25) and the accounting information of an
 * order the AAAY holds itself (S201-S206 without the terminal), both through the AAAF of the visited
 * network, and a wrong MN-AAA key, which the AAAH refuses with 5805: the CLI's authentication-failed exit code.
 */
class AgentCliTest {

    private static final Set<Role> ROLES = EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY);

    @TempDir
    static Path dir;

    private static TopologyFixture fixture;
    private static Path tls;

    @BeforeAll
    static void start() throws Exception {
        tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), ROLES, Map.of()));
        PkiIssuer.issueAll(tls, "agent cli lab CA", hosts, List.of("mn1.home.example"));
        fixture = new TopologyFixture().start(ROLES, RoleApplications.STANDARD, Map.of("tls.dir", tls.toString()));
        AccountDatabase ledger = fixture.topology().node(Role.AAAH).installation().aaah().database();
        ledger.recordTransferredCharge("mn1@home.example", Money.of("4.20", Currency.getInstance("EUR")), "shop@shop.example",
                "a cli manual", Instant.parse("2026-11-03T09:00:00Z"), "test-cli-manual");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** What one run of the CLI printed, and its exit code. */
    private record Run(int code, String out, String err) {
    }

    private static Run cli(String mnAaaKey, String... subcommand) throws Exception {
        Path key = Files.writeString(Files.createTempFile(dir, "mn1", ".key"), mnAaaKey);
        List<String> args = new ArrayList<>(List.of(subcommand));
        args.addAll(List.of("--nai", "mn1@home.example", "--spi", "4097", "--mn-aaa-key-file", key.toString(),
                "--server", "127.0.0.1:" + fixture.tlsPort(Role.AAAF), "--origin-host", "mn1.home.example",
                "--keystore", tls.resolve("mn1.home.example.p12").toString(),
                "--keystore-password-file", tls.resolve("mn1.home.example.pass").toString(),
                "--truststore", tls.resolve("trust.p12").toString(), "--truststore-password-file", tls.resolve("trust.pass").toString(),
                "--counters-file", dir.resolve("mn1.counters").toString()));
        if (!args.contains("--server-host")) {
            // the server the agent must find at that address (required with an IP address)
            args.addAll(List.of("--server-host", "aaaf.visited.example"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new AgentCli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void s25_theCliPrintsTheNodesOwnChargesThroughTheAaafAndKeepsItsCountersInTheFile() throws Exception {
        Run run = cli("demo-mn1-aaa-key", "charges", "--period", "2026-11");

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Charges for 2026-11: 1 entries, total 4.20 EUR")
                .contains("2026-11-03T09:00:00Z  TRANSFERRED_CHARGE  VALID  4.20 EUR  to shop@shop.example")
                .contains("a cli manual");
        long firstCounter = outgoingCounter();

        Run again = cli("demo-mn1-aaa-key", "charges", "--period", "2026-10");
        assertThat(again.code()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("Charges for 2026-10: 0 entries, total 0");
        assertThat(outgoingCounter()).as("the next run went on from the stored counter").isGreaterThan(firstCounter);
    }

    private static long outgoingCounter() throws Exception {
        return Long.parseLong(Stream.of(Files.readString(dir.resolve("mn1.counters")).strip().split("\\s+")).findFirst().orElseThrow());
    }

    @Test
    void s201_s206_theCliPrintsTheAccountingInformationOfAnOrderThroughTheAaaf() throws Exception {
        Run run = cli("demo-mn1-aaa-key", "info", "--payee", "kiosk@shop.example", "--order", "K-77");

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Order K-77 of kiosk@shop.example: 7.50 EUR")
                .contains("goods: 1 x newspaper").contains("goods: 1 x city map").contains("ordered: 2026-11-22T08:05:00Z")
                .doesNotContain("answered by terminal");
    }

    @Test
    void s25_aWrongMnAaaKeyEndsWithTheAuthenticationFailedExitCode() throws Exception {
        Run run = cli("demo-mn2-aaa-key", "charges", "--period", "2026-11");

        assertThat(run.code()).isEqualTo(ExitCodes.of(ServiceException.Failure.AUTHENTICATION_FAILED)).isEqualTo(10);
        assertThat(run.err()).startsWith("AUTHENTICATION_FAILED (Result-Code 5805)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theCliTalksOnlyToTheServerNamedByServerHost() throws Exception {
        Run right = cli("demo-mn1-aaa-key", "charges", "--period", "2026-10", "--server-host", "aaaf.visited.example");
        assertThat(right.code()).as(right.err()).isEqualTo(ExitCodes.OK);

        Run wrong = cli("demo-mn1-aaa-key", "charges", "--period", "2026-10", "--server-host", "aaah.home.example");
        assertThat(wrong.code()).isNotEqualTo(ExitCodes.OK);
        assertThat(wrong.err()).contains("reached aaaf.visited.example, not the expected server aaah.home.example");
        assertThat(wrong.out()).isEmpty();
    }

    @Test
    void aVendorIdThatIsNotANumberIsAUsageErrorBeforeAnythingIsSent() throws Exception {
        Run run = cli("demo-mn1-aaa-key", "charges", "--period", "2026-10", "--vendor-id", "carrier");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--vendor-id must be a decimal number");
    }
}
