package org.mipaaa.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;

class CliOptionsTest {

    @Test
    void parsesASubcommandWithItsOptionsAndAFlag() throws Exception {
        CliOptions options = CliOptions.parse(new String[] {"settle", "--payee", "shop@shop.example", "--order", "A-1001",
                "--mode", "2", "--yes", "--server", "127.0.0.1:3869", "--spi", "4097"});

        assertThat(options.subcommand()).isEqualTo("settle");
        assertThat(options.required("payee")).isEqualTo("shop@shop.example");
        assertThat(options.mode()).isEqualTo(2);
        assertThat(options.flag("yes")).isTrue();
        assertThat(options.serverHost()).isEqualTo("127.0.0.1");
        assertThat(options.serverPort()).isEqualTo(3869);
        assertThat(options.spi()).isEqualTo(4097);
        assertThat(options.optional("counters-file")).isEmpty();
    }

    @Test
    void readsThePeriodAndAnIpv6Server() throws Exception {
        CliOptions options = CliOptions.parse(new String[] {"charges", "--period", "2026-11", "--server", "[::1]:3868"});

        assertThat(options.period()).isEqualTo(YearMonth.of(2026, 11));
        assertThat(options.serverHost()).isEqualTo("::1");
        assertThat(options.serverPort()).isEqualTo(3868);
    }

    @Test
    void refusesAnUnknownOrMissingSubcommand() {
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"pay", "--payee", "x"})).isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown subcommand 'pay'");
        assertThatThrownBy(() -> CliOptions.parse(new String[0])).isInstanceOf(UsageException.class)
                .hasMessageContaining("no subcommand");
    }

    @Test
    void refusesAnOptionOfAnotherSubcommandATwiceGivenOneAndAMissingValue() {
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"charges", "--payee", "shop@shop.example"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown option --payee for charges");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"charges", "--period", "2026-11", "--period", "2026-10"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"charges", "--period"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("--period needs a value");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"charges", "2026-11"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("unexpected argument '2026-11'");
    }

    @Test
    void refusesAMissingRequiredOption() throws Exception {
        CliOptions options = CliOptions.parse(new String[] {"cancel"});

        assertThatThrownBy(() -> options.required("settlement")).isInstanceOf(UsageException.class)
                .hasMessage("cancel needs --settlement");
    }

    @Test
    void refusesABadPeriodModePortAndSpi() throws Exception {
        for (String period : new String[] {"2026-13", "2026-1", "November", "26-11"}) {
            CliOptions options = CliOptions.parse(new String[] {"charges", "--period", period});
            assertThatThrownBy(options::period).as(period).isInstanceOf(UsageException.class)
                    .hasMessageContaining("--period must be YYYY-MM");
        }
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"settle", "--mode", "3"}).mode())
                .isInstanceOf(UsageException.class).hasMessageContaining("--mode must be 1");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"cancel", "--server", "127.0.0.1:70000"}).serverPort())
                .isInstanceOf(UsageException.class).hasMessageContaining("port 1..65535");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"cancel", "--server", "localhost"}).serverHost())
                .isInstanceOf(UsageException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"cancel", "--spi", "0x1001"}).spi())
                .isInstanceOf(UsageException.class).hasMessageContaining("--spi must be a decimal number");
    }
}
