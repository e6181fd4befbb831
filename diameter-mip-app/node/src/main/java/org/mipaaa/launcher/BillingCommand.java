package org.mipaaa.launcher;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

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
import org.mipaaa.transport.TlsContext;
import org.mipaaa.transport.TransportSettings;
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

        @Mixin
        Remote.Endpoint remote;

        @Override
        public Integer call() throws Exception {
            if (remote.from != null) {
                return Remote.get(remote, "billing/statement?nai=" + java.net.URLEncoder.encode(nai, StandardCharsets.UTF_8)
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

        @Mixin
        Remote.Endpoint remote;

        @Override
        public Integer call() throws Exception {
            if (remote.from != null) {
                return Remote.get(remote, "billing/export.csv" + target.dateQuery("?"), System.out);
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

        @Mixin
        Remote.Endpoint remote;

        @Override
        public Integer call() throws Exception {
            if (remote.from != null) {
                return Remote.post(remote, "billing/close?by=" + java.net.URLEncoder.encode(by, StandardCharsets.UTF_8)
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

        /**
         * Where the running AAAH's operations endpoint is, and, for {@code https} ({@code ops.tls=true}), the
         * client certificate it asks for, the CA that certifies it and the node's DiameterIdentity its
         * certificate must name (the endpoint is reached by address; its certificate names the node).
         */
        static final class Endpoint {
            @Option(names = "--from", description = "The running AAAH's operations endpoint (e.g. http://127.0.0.1:9658/) instead of"
                    + " its stopped store (statements and the export stream from it; close needs ops.billing.close=true there).")
            URI from;

            @Option(names = "--keystore", description = "https: this client's key and certificate (PKCS12) from the node's PKI.")
            Path keyStore;

            @Option(names = "--keystore-password-file", description = "https: the password of --keystore.")
            Path keyStorePassword;

            @Option(names = "--truststore", description = "https: the CA that certifies the node (PKCS12).")
            Path trustStore;

            @Option(names = "--truststore-password-file", description = "https: the password of --truststore.")
            Path trustStorePassword;

            @Option(names = "--server-host", description = "https: the node's DiameterIdentity its certificate must name"
                    + " (default: the host of --from, resolved by name).")
            String serverHost;
        }

        private Remote() {
        }

        static int get(Endpoint endpoint, String resource, PrintStream out) throws Exception {
            return exchange(endpoint, resource, "GET", out);
        }

        /** As {@link #get}, with a POST (closing a period: the one billing resource that writes). */
        static int post(Endpoint endpoint, String resource, PrintStream out) throws Exception {
            return exchange(endpoint, resource, "POST", out);
        }

        private static int exchange(Endpoint endpoint, String resource, String method, PrintStream out) throws Exception {
            URI base = endpoint.from;
            URI uri = (base.toString().endsWith("/") ? base : URI.create(base + "/")).resolve(resource);
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            if (c instanceof HttpsURLConnection https) {
                secure(https, endpoint);
            }
            c.setRequestMethod(method);
            c.setConnectTimeout(10_000);
            c.setReadTimeout(60_000);
            try {
                int status = c.getResponseCode();
                if (status != 200) {
                    InputStream error = c.getErrorStream();
                    String said = error == null ? "" : new String(error.readNBytes(1000), StandardCharsets.UTF_8).strip();
                    throw new IllegalStateException(uri + ": HTTP " + status + ": " + said);
                }
                try (InputStream body = c.getInputStream()) {
                    body.transferTo(out);
                }
            } finally {
                c.disconnect();
            }
            out.flush();
            return 0;
        }

        /** The client certificate and trust of {@code endpoint}; the node's certificate must name --server-host when given. */
        private static void secure(HttpsURLConnection https, Endpoint endpoint) throws Exception {
            if (endpoint.keyStore == null || endpoint.keyStorePassword == null || endpoint.trustStore == null
                    || endpoint.trustStorePassword == null) {
                throw new IllegalArgumentException("https needs --keystore, --keystore-password-file, --truststore and"
                        + " --truststore-password-file (the node answers only clients with a certificate of its PKI)");
            }
            SSLContext tls = TlsContext.of(new TransportSettings.TlsSettings(endpoint.keyStore, endpoint.keyStorePassword,
                    endpoint.trustStore, endpoint.trustStorePassword, List.of("TLSv1.3", "TLSv1.2"), List.of())).sslContext();
            https.setSSLSocketFactory(tls.getSocketFactory());
            if (endpoint.serverHost != null) {
                String expected = endpoint.serverHost;
                https.setHostnameVerifier((host, session) -> names(session).stream().anyMatch(expected::equalsIgnoreCase));
            }
        }

        /** The DNS names of the peer's certificate (subjectAltName dNSName). */
        private static List<String> names(SSLSession session) {
            try {
                X509Certificate peer = (X509Certificate) session.getPeerCertificates()[0];
                Collection<List<?>> alternatives = peer.getSubjectAlternativeNames();
                List<String> names = new java.util.ArrayList<>();
                if (alternatives != null) {
                    for (List<?> name : alternatives) {
                        if (Integer.valueOf(2).equals(name.get(0))) {
                            names.add(String.valueOf(name.get(1)));
                        }
                    }
                }
                return names;
            } catch (SSLPeerUnverifiedException | CertificateParsingException e) {
                return List.of();
            }
        }
    }
}
