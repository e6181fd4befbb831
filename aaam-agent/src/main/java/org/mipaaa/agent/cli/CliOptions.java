package org.mipaaa.agent.cli;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.mipaaa.dictionary.VendorSettings;

/**
 * A parsed {@link AgentCli} command line: the subcommand and its {@code --name value} options, checked
 * against what that subcommand accepts, so a typo is a usage error and never a silently ignored option.
 */
public final class CliOptions {

    /** Options every subcommand takes (the node, its association, the server, TLS). */
    static final Set<String> COMMON = Set.of("nai", "spi", "mn-aaa-key-file", "server", "server-host", "origin-host", "origin-realm",
            "keystore", "keystore-password-file", "truststore", "truststore-password-file", "counters-file", "timeout",
            "vendor-id", "application-id");
    /** Options without a value. */
    static final Set<String> FLAGS = Set.of("yes");

    private static final Map<String, Set<String>> SUBCOMMANDS = Map.of(
            "charges", Set.of("period"),
            "info", Set.of("payee", "order"),
            "settle", Set.of("payee", "order", "mode", "yes"),
            "cancel", Set.of("settlement"),
            "sponsored", Set.of("sponsor", "ad"),
            "credit", Set.of("company", "credential-file"));
    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("uuuu-MM");

    private final String subcommand;
    private final Map<String, String> values;

    private CliOptions(String subcommand, Map<String, String> values) {
        this.subcommand = subcommand;
        this.values = Map.copyOf(values);
    }

    /** The subcommands, for the usage text. */
    static List<String> subcommands() {
        return List.of("charges", "info", "settle", "cancel", "sponsored", "credit");
    }

    /** Parses {@code args}: the subcommand first, then options in any order, each at most once. */
    public static CliOptions parse(String[] args) throws UsageException {
        Objects.requireNonNull(args, "args");
        if (args.length == 0) {
            throw new UsageException("no subcommand; one of " + subcommands());
        }
        String subcommand = args[0];
        Set<String> own = SUBCOMMANDS.get(subcommand);
        if (own == null) {
            throw new UsageException("unknown subcommand '" + subcommand + "'; one of " + subcommands());
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            if (!COMMON.contains(name) && !own.contains(name)) {
                throw new UsageException("unknown option --" + name + " for " + subcommand);
            }
            String value;
            if (FLAGS.contains(name)) {
                value = "true";
            } else if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new UsageException("option --" + name + " needs a value");
            } else {
                value = args[++i];
            }
            if (values.put(name, value) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        return new CliOptions(subcommand, values);
    }

    public String subcommand() {
        return subcommand;
    }

    /** The value of {@code --name}, which must be given. */
    public String required(String name) throws UsageException {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new UsageException(subcommand + " needs --" + name);
        }
        return value;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    /** {@code --period} as "YYYY-MM" (checked here, so a typo never costs a round trip). */
    public YearMonth period() throws UsageException {
        String text = required("period");
        try {
            return YearMonth.parse(text, PERIOD);
        } catch (DateTimeParseException e) {
            throw new UsageException("--period must be YYYY-MM, not '" + text + "'");
        }
    }

    /** {@code --spi}: a decimal AAAM-SPI. Its range is checked by the association. */
    public long spi() throws UsageException {
        String text = required("spi");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--spi must be a decimal number, not '" + text + "'");
        }
    }

    /** {@code --server host:port}; an IPv6 literal in brackets. */
    public String serverHost() throws UsageException {
        String server = required("server");
        int colon = server.lastIndexOf(':');
        if (colon <= 0) {
            throw new UsageException("--server must be host:port, not '" + server + "'");
        }
        String host = server.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The port of {@code --server host:port}. */
    public int serverPort() throws UsageException {
        String server = required("server");
        int colon = server.lastIndexOf(':');
        try {
            int port = colon <= 0 ? -1 : Integer.parseInt(server.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--server must be host:port with a port 1..65535, not '" + server + "'");
        }
    }

    /**
     * The carrier's Vendor-Id and accounting-services Application-Id ({@code --vendor-id}, {@code
     * --application-id}, decimal), each the documentation default when not given.
     */
    public VendorSettings vendor() throws UsageException {
        VendorSettings defaults = VendorSettings.defaults();
        return new VendorSettings(unsigned32("vendor-id", defaults.vendorId()), unsigned32("application-id",
                defaults.accountingServicesApplicationId()));
    }

    private long unsigned32(String name, long fallback) throws UsageException {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value < 1 || value > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a decimal number 1..4294967295, not '" + text.get() + "'");
        }
    }

    /** {@code --mode 1|2}: the seed's settlement modes (1) and (2). */
    public int mode() throws UsageException {
        String text = required("mode");
        switch (text) {
            case "1":
                return 1;
            case "2":
                return 2;
            default:
                throw new UsageException("--mode must be 1 (debit the payee's account) or 2 (home only), not '" + text + "'");
        }
    }

    /** {@code --timeout} in seconds, 10 without. */
    public int timeoutSeconds() throws UsageException {
        String text = optional("timeout").orElse("10");
        try {
            int seconds = Integer.parseInt(text);
            if (seconds < 1) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout must be a positive number of seconds, not '" + text + "'");
        }
    }
}
