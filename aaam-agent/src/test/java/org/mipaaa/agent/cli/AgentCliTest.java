package org.mipaaa.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's answers before anything is sent: usage errors (2) and unreadable set-up files (3). */
class AgentCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AgentCli cli = new AgentCli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownSubcommandIsAUsageErrorWithTheUsageText() {
        assertThat(cli.run(new String[] {"balance"})).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("unknown subcommand 'balance'").contains("usage: AgentCli");
        assertThat(out.size()).isZero();
    }

    @Test
    void aMissingCommonOptionIsAUsageError() {
        assertThat(cli.run(new String[] {"charges", "--period", "2026-11"})).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("charges needs --nai");
    }

    @Test
    void aBadPeriodIsAUsageErrorBeforeAnyConnection() throws Exception {
        Path key = Files.writeString(dir.resolve("mn1.key"), "demo-mn1-aaa-key");
        // the period is checked before the TLS options (absent here) and before any connection
        int code = cli.run(new String[] {"charges", "--period", "2026-13", "--nai", "mn1@home.example", "--spi", "4097",
                "--mn-aaa-key-file", key.toString(), "--server", "127.0.0.1:1", "--origin-host", "mn1.home.example"});

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--period must be YYYY-MM, not '2026-13'");
    }

    @Test
    void aReservedSpiIsAUsageError() throws Exception {
        Path key = Files.writeString(dir.resolve("mn1.key"), "demo-mn1-aaa-key");
        int code = cli.run(new String[] {"charges", "--period", "2026-11", "--nai", "mn1@home.example", "--spi", "7",
                "--mn-aaa-key-file", key.toString(), "--server", "127.0.0.1:1", "--origin-host", "mn1.home.example"});

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("AAAM-SPI must be 256");
    }

    @Test
    void aMissingKeyFileIsASetUpError() {
        int code = cli.run(new String[] {"info", "--payee", "shop@shop.example", "--nai", "mn1@home.example", "--spi", "4097",
                "--mn-aaa-key-file", dir.resolve("absent.key").toString(), "--server", "127.0.0.1:1", "--origin-host", "mn1.home.example"});

        assertThat(code).isEqualTo(ExitCodes.SETUP);
        assertThat(err()).contains("set-up error: no such file").contains("absent.key");
    }

    @Test
    void everyFailureClassHasItsOwnExitCode() {
        var codes = java.util.Arrays.stream(org.mipaaa.agent.services.ServiceException.Failure.values()).map(ExitCodes::of).toList();
        assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c >= 10 && c < 126);
    }
}
