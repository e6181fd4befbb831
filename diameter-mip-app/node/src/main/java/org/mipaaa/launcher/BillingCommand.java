package org.mipaaa.launcher;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mipaaa.aaah.accounting.HomeAccounts;
import org.mipaaa.billing.BillingPeriod;
import org.mipaaa.billing.statement.Statement;
import org.mipaaa.billing.statement.StatementHtml;
import org.mipaaa.billing.statement.StatementJson;
import org.mipaaa.billing.statement.StatementText;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.NodeSettings;
import org.mipaaa.role.Role;
import org.mipaaa.state.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code billing statement | export | close}: the AAAH's account database as a billing system reads it
 * (seed Fig. 4): a user's statement for a period, all entries of a period as CSV, closing a period.
 * It opens the AAAH's state store itself, so the AAAH node must be stopped (its file stores are the
 * node's alone while it runs); or, with {@code --from URL}, statements and the export come from the
 * running AAAH's operations endpoint ({@code ops.billing=true}), the CSV streamed, and a period is
 * closed there ({@code ops.billing.close=true}).
 */
@Command(name = "billing", mixinStandardHelpOptions = true,
        subcommands = {BillingCommand.StatementCommand.class, BillingCommand.Export.class, BillingCommand.Close.class},
        description = "Statements, CSV export and period closing from a stopped AAAH's account database, or from a running"
                + " AAAH (--from its operations endpoint).")
final class BillingCommand {

    /** The AAAH configuration and the period (the one containing --date). */
    static final class Target {
        @Option(names = "--config", defaultValue = "config/aaah", description = "The AAAH's configuration directory (default: ${DEFAULT-VALUE}).")
        Path config;

        @Option(names = "--date", description = "A day of the billing period (yyyy-MM-dd; default: today).")
        LocalDate date;

        @Option(names = "--state-directory", description = "The AAAH's state directory, when not the configured one (a copy, for example).")
        Path stateDirectory;

        /** {@code --date} as a query parameter after {@code separator}, or nothing. */
        String dateQuery(String separator) {
            return date == null ? "" : separator + "date=" + date;
        }

        /** Opens the store, runs {@code work}, closes the store. */
        int run(AccountsWork work) throws Exception {
            ConfigSource source = ConfigSource.of(config, Map.of());
            NodeSettings settings = NodeSettings.from(source);
            if (settings.role() != Role.AAAH) {
                throw new IllegalArgumentException(config + " configures role " + settings.role() + ", not AAAH");
            }
            Path data = stateDirectory != null ? stateDirectory : settings.install().stateDirectory();
            try (StateStore store = StateStore.open(settings.install().stateConfig(), data, "billing")) {
                HomeAccounts accounts = HomeAccounts.open(source.settings(), store);
                Instant at = date == null ? Instant.now() : date.atStartOfDay(accounts.calendar().zone()).toInstant();
                return work.run(accounts, accounts.calendar().periodOf(at), System.out);
            }
        }
    }

    @FunctionalInterface
    interface AccountsWork {
        int run(HomeAccounts accounts, BillingPeriod period, PrintStream out) throws Exception;
    }

    @Command(name = "statement", mixinStandardHelpOptions = true, description = "A user's statement for a billing period.")
    static final class StatementCommand implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--nai", required = true, description = "The user (NAI).")
        String nai;

        @Option(names = "--format", defaultValue = "TEXT", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Format format;

        enum Format { TEXT, JSON, HTML }

        @Option(names = "--from", description = "The running AAAH's operations endpoint (e.g. http://127.0.0.1:9658/) instead of its stopped store.")
        URI from;

        @Override
        public Integer call() throws Exception {
            if (from != null) {
                return Remote.get(from, "billing/statement?nai=" + java.net.URLEncoder.encode(nai, StandardCharsets.UTF_8)
                        + "&format=" + format.name().toLowerCase(java.util.Locale.ROOT) + target.dateQuery("&"), System.out);
            }
            return target.run((accounts, period, out) -> {
                Statement s = accounts.queries().statement(nai, period);
                out.print(switch (format) {
                    case TEXT -> StatementText.render(s);
                    case JSON -> StatementJson.render(s);
                    case HTML -> StatementHtml.render(s);
                });
                return 0;
            });
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Every entry of a billing period as CSV (RFC 4180).")
    static final class Export implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--from", description = "The running AAAH's operations endpoint (e.g. http://127.0.0.1:9658/) instead of its"
                + " stopped store: the CSV is streamed, in the store's order.")
        URI from;

        @Override
        public Integer call() throws Exception {
            if (from != null) {
                return Remote.get(from, "billing/export.csv" + target.dateQuery("?"), System.out);
            }
            return target.run((accounts, period, out) -> {
                out.print(accounts.queries().periodCsv(period));
                return 0;
            });
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true,
            description = "Close a billing period that has ended: its entries are frozen, later records go to the next open period.")
    static final class Close implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--by", required = true, description = "Who closes it (recorded with the closing).")
        String by;

        @Option(names = "--from", description = "The running AAAH's operations endpoint (e.g. http://127.0.0.1:9658/) instead of its"
                + " stopped store; the node must allow it (ops.billing.close=true).")
        URI from;

        @Override
        public Integer call() throws Exception {
            if (from != null) {
                return Remote.post(from, "billing/close?by=" + java.net.URLEncoder.encode(by, StandardCharsets.UTF_8)
                        + target.dateQuery("&"), System.out);
            }
            return target.run((accounts, period, out) -> {
                out.println(accounts.closings().close(period, by, Instant.now()));
                return 0;
            });
        }
    }

    /** Reads a billing resource of a running AAAH's operations endpoint into {@code out}, as it arrives. */
    static final class Remote {

        private Remote() {
        }

        static int get(URI base, String resource, PrintStream out) throws Exception {
            return exchange(base, resource, "GET", out);
        }

        /** As {@link #get}, with a POST (closing a period: the one billing resource that writes). */
        static int post(URI base, String resource, PrintStream out) throws Exception {
            return exchange(base, resource, "POST", out);
        }

        private static int exchange(URI base, String resource, String method, PrintStream out) throws Exception {
            URI uri = (base.toString().endsWith("/") ? base : URI.create(base + "/")).resolve(resource);
            HttpResponse<InputStream> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(uri + ": HTTP " + response.statusCode() + ": "
                            + new String(body.readNBytes(1000), StandardCharsets.UTF_8).strip());
                }
                body.transferTo(out);
            }
            out.flush();
            return 0;
        }
    }
}
