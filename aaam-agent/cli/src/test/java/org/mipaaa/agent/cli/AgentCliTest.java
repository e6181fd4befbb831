package org.mipaaa.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.testing.LabPki;

/** The CLI's answers before anything is sent: help, version, usage errors (2) and unreadable set-up files (3). */
class AgentCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AgentCli cli = new AgentCli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @TempDir
    Path dir;
    private LabPki pki;
    private Path key;

    @BeforeEach
    void files() throws Exception {
        pki = LabPki.create(dir).issue("mn1.home.example", LabPki.CLIENT);
        key = Files.writeString(dir.resolve("mn1.key"), "demo-mn1-aaa-key");
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A complete command line for {@code subcommand} against a port nobody listens on, with {@code changes} last. */
    private String[] args(String... subcommandAndChanges) {
        List<String> a = new ArrayList<>(Arrays.asList(subcommandAndChanges));
        a.addAll(List.of("--nai", "mn1@home.example", "--spi", "4097", "--mn-aaa-key-file", key.toString(),
                "--origin-host", "mn1.home.example", "--keystore", pki.keyStore("mn1.home.example").toString(),
                "--keystore-password-file", pki.passwordFile("mn1.home.example").toString(), "--truststore", pki.trustStore().toString(),
                "--truststore-password-file", pki.trustPasswordFile().toString(), "--timeout", "2"));
        if (!a.contains("--server")) {
            a.addAll(List.of("--server", "127.0.0.1:1", "--server-host", "aaah.home.example"));
        }
        return a.toArray(new String[0]);
    }

    @Test
    void helpListsTheSubcommandsAndTheExitCodesAndVersionIsTheBuilds() throws Exception {
        assertThat(cli.run(new String[] {"--help"})).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("charges", "info", "settle", "cancel", "sponsored", "credit", "Exit codes");
        out.reset();
        assertThat(cli.run(new String[] {"charges", "--help"})).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("--period", "--server-host", "--counters-file");
        out.reset();
        assertThat(cli.run(new String[] {"--version"})).isEqualTo(ExitCodes.OK);
        String version = new String(AgentCli.class.getResourceAsStream("version.properties").readAllBytes(), StandardCharsets.UTF_8)
                .strip().replace("version=", "");
        assertThat(version).as("filtered by the build").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(out().strip()).isEqualTo("aaam-agent " + version);
    }

    @Test
    void anUnknownSubcommandOrNoneIsAUsageErrorWithTheUsageText() {
        assertThat(cli.run(new String[] {"balance"})).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("balance").contains("Usage: aaam-agent");
        err.reset();
        assertThat(cli.run(new String[0])).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("a subcommand is needed");
        assertThat(out.size()).isZero();
    }

    @Test
    void aMissingCommonOptionAnUnknownOneOrOneGivenTwiceIsAUsageError() {
        assertThat(cli.run(new String[] {"charges", "--period", "2026-11"})).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Missing required options").contains("--nai");
        err.reset();
        assertThat(cli.run(args("charges", "--period", "2026-11", "--payee", "x"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--payee");
        err.reset();
        assertThat(cli.run(args("charges", "--period", "2026-11", "--period", "2026-10"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--period").contains("only once");
    }

    @Test
    void badValuesAreUsageErrorsBeforeAnyConnection() {
        String[][] bad = {
            {"charges", "--period", "2026-13"}, {"settle", "--payee", "p@x", "--order", "1", "--mode", "3"},
            {"charges", "--period", "2026-11", "--server", "127.0.0.1:70000"}, {"charges", "--period", "2026-11", "--spi", "0x1001"},
            {"charges", "--period", "2026-11", "--vendor-id", "carrier"}, {"charges", "--period", "2026-11", "--timeout", "0"}};
        String[] said = {"--period must be YYYY-MM, not '2026-13'", "--mode must be 1", "port 1..65535",
            "must be a decimal number", "--vendor-id must be a decimal number", "positive number of seconds"};
        for (int i = 0; i < bad.length; i++) {
            err.reset();
            assertThat(cli.run(args(bad[i]))).as(String.join(" ", bad[i])).isEqualTo(ExitCodes.USAGE);
            assertThat(err()).contains(said[i]);
        }
    }

    @Test
    void aReservedSpiIsAUsageError() {
        String[] a = args("charges", "--period", "2026-11");
        a[Arrays.asList(a).indexOf("--spi") + 1] = "7";
        assertThat(cli.run(a)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("AAAM-SPI must be 256");
    }

    @Test
    void theServerMustBeNamedAnIpAddressIsNoName() {
        List<String> a = new ArrayList<>(Arrays.asList(args("charges", "--period", "2026-11")));
        int at = a.indexOf("--server-host");
        a.remove(at + 1);
        a.remove(at);
        assertThat(cli.run(a.toArray(new String[0]))).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("is an IP address: name the server with --server-host");
    }

    @Test
    void aMissingKeyFileIsASetUpError() {
        String[] a = args("info", "--payee", "shop@shop.example");
        a[Arrays.asList(a).indexOf("--mn-aaa-key-file") + 1] = dir.resolve("absent.key").toString();
        assertThat(cli.run(a)).isEqualTo(ExitCodes.SETUP);
        assertThat(err()).contains("set-up error: no such file").contains("absent.key");
    }

    @Test
    void nobodyAtTheServerAddressEndsWithTheNoAnswerExitCode() {
        // with the server named after a DNS name: --server-host defaults to it
        int code = cli.run(args("charges", "--period", "2026-11", "--server", "localhost:1"));
        assertThat(code).as(err()).isEqualTo(ExitCodes.of(ServiceException.Failure.NO_ANSWER)).isEqualTo(17);
        assertThat(err()).startsWith("NO_ANSWER").contains("cannot connect to localhost:1");
        assertThat(out.size()).isZero();
    }

    @Test
    void withAnAlternateServerTheAgentTriesItWhenTheFirstCannotBeReached() {
        assertThat(cli.run(args("charges", "--period", "2026-11", "--alternate", "127.0.0.1:2"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--alternate must be ID=host:port");
        err.reset();

        int code = cli.run(args("charges", "--period", "2026-11", "--server", "localhost:1", "--alternate", "localhost=localhost:2"));

        assertThat(code).as(err()).isEqualTo(ExitCodes.of(ServiceException.Failure.NO_ANSWER));
        assertThat(err()).contains("cannot connect to localhost:1, localhost:2");
    }

    @Test
    void everyFailureClassHasItsOwnExitCode() {
        List<Integer> codes = Arrays.stream(ServiceException.Failure.values()).map(ExitCodes::of).collect(Collectors.toList());
        assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c >= 10 && c < 126);
    }
}
