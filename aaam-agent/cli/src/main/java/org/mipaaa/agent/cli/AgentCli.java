package org.mipaaa.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.FileReplayCounters;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.auth.ReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.VendorSettings;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * A command line to try a node by hand (picocli): one {@link AaamAgent} request per run, its result as
 * a readable summary on stdout, a failure on stderr with an exit code per failure class ({@link ExitCodes}).
 * {@code --help} lists the subcommands and options, {@code --version} the build's version.
 *
 * <pre>
 * java -cp aaam-agent-cli.jar:aaam-agent.jar:dictionaries.jar:slf4j-api.jar:picocli.jar org.mipaaa.agent.cli.AgentCli \
 *   charges --period 2026-11 --nai mn1@home.example --spi 4097 --mn-aaa-key-file mn1.key --server 127.0.0.1:5659 \
 *   --server-host aaaf.visited.example --origin-host mn1.home.example --keystore mn1.home.example.p12 \
 *   --keystore-password-file mn1.home.example.pass --truststore trust.p12 --truststore-password-file trust.pass \
 *   --counters-file mn1.counters
 * </pre>
 *
 * {@link #run} holds the logic and returns the exit code; only {@link #main} exits the JVM. Not
 * thread-safe: one instance per run.
 */
@Command(name = "aaam-agent", mixinStandardHelpOptions = true, versionProvider = AgentCli.BuildVersion.class,
        description = "Sends one AAAM agent request to a mip-aaa node (AAAH, or the AAAF of the visited network) and prints the answer.",
        subcommands = {AgentCli.Charges.class, AgentCli.Info.class, AgentCli.Settle.class, AgentCli.Cancel.class,
                AgentCli.Sponsored.class, AgentCli.Credit.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:usage error", "3:unreadable key, TLS or counter file",
                "10-25:one per failure class (ExitCodes; README, \"Try a node by hand\")"})
public final class AgentCli implements Callable<Integer> {

    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    @Spec
    private CommandLine.Model.CommandSpec spec;

    /** A CLI reading confirmations from {@code in} and writing to {@code out} and {@code err}. */
    public AgentCli(InputStream in, PrintStream out, PrintStream err) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
    }

    /** Runs the command line and exits with its {@link ExitCodes exit code}. */
    public static void main(String[] args) {
        System.exit(new AgentCli(System.in, System.out, System.err).run(args));
    }

    /** Runs one command line; returns its exit code ({@link ExitCodes}). Never exits the JVM. */
    public int run(String[] args) {
        CommandLine cli = new CommandLine(this);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("usage error: " + e.getMessage());
            e.getCommandLine().usage(err);
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof UsageException || e instanceof IllegalArgumentException) {
                // the association refuses an SPI out of range or a key too short; the endpoint an identity with spaces
                err.println("usage error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            if (e instanceof IOException || e instanceof GeneralSecurityException) {
                err.println("set-up error: " + (e instanceof NoSuchFileException ? "no such file " : "") + e.getMessage());
                return ExitCodes.SETUP;
            }
            if (e instanceof ServiceException) {
                ServiceException s = (ServiceException) e;
                err.println(s.failure() + (s.resultCode() >= 0 ? " (Result-Code " + s.resultCode() + ")" : "") + ": " + s.getMessage());
                return ExitCodes.of(s.failure());
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** Without a subcommand: the usage text, and a usage error. */
    @Override
    public Integer call() {
        err.println("usage error: a subcommand is needed");
        spec.commandLine().usage(err);
        return ExitCodes.USAGE;
    }

    /** {@code --version}: the version the build wrote into the jar. */
    static final class BuildVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream s = AgentCli.class.getResourceAsStream("version.properties")) {
                if (s != null) {
                    p.load(s);
                }
            }
            return new String[] {"aaam-agent " + p.getProperty("version", "unknown (not built by Maven)")};
        }
    }

    /** The options every subcommand takes: the node, its association, the server, TLS, the carrier's numbers. */
    static final class Common {
        @Option(names = "--nai", required = true, paramLabel = "user@realm", description = "the mobile node's NAI")
        String nai;
        @Option(names = "--spi", required = true, paramLabel = "N", converter = DecimalLong.class,
                description = "the AAAM-SPI (decimal, 256 or more)")
        long spi;
        @Option(names = "--mn-aaa-key-file", required = true, paramLabel = "FILE", description = "the MN-AAA key, as the file's octets")
        Path mnAaaKeyFile;
        @Option(names = "--server", required = true, paramLabel = "host:port", converter = ServerAddress.class,
                description = "the server's TLS address (an IPv6 literal in brackets)")
        HostPort server;
        @Option(names = "--server-host", paramLabel = "ID",
                description = "the server's DiameterIdentity: any other server is refused. Required when --server is an IP "
                        + "address; defaults to the host of --server when that is a DNS name")
        String serverHost;
        @Option(names = "--alternate", paramLabel = "ID=host:port", converter = AlternateServer.class,
                description = "another server to use when the one before cannot be reached (repeatable, tried in turn), named by"
                        + " its DiameterIdentity like --server-host: another AAAH of the home realm's cluster")
        List<Alternate> alternates = new ArrayList<>();
        @Option(names = "--origin-host", required = true, paramLabel = "ID", description = "this node's DiameterIdentity")
        String originHost;
        @Option(names = "--origin-realm", paramLabel = "REALM", description = "this node's realm (default: the NAI's)")
        String originRealm;
        @Option(names = "--keystore", required = true, paramLabel = "F.p12", description = "this node's key and certificate (PKCS #12)")
        Path keystore;
        @Option(names = "--keystore-password-file", required = true, paramLabel = "FILE")
        Path keystorePasswordFile;
        @Option(names = "--truststore", required = true, paramLabel = "F.p12", description = "the CAs trusted (PKCS #12)")
        Path truststore;
        @Option(names = "--truststore-password-file", required = true, paramLabel = "FILE")
        Path truststorePasswordFile;
        @Option(names = "--counters-file", paramLabel = "FILE",
                description = "the replay counters, kept across runs (without: in memory, and the AAAH may refuse a reused counter)")
        Path countersFile;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", converter = PositiveInt.class,
                description = "how long to wait for an answer (default: ${DEFAULT-VALUE})")
        int timeoutSeconds;
        @Option(names = "--vendor-id", paramLabel = "N", converter = VendorIdNumber.class,
                description = "the carrier's Vendor-Id, if not the documentation default")
        Long vendorId;
        @Option(names = "--application-id", paramLabel = "N", converter = ApplicationIdNumber.class,
                description = "the carrier's accounting-services Application-Id, if not the documentation default")
        Long applicationId;

        /** The agent these options describe; everything is checked before anything is sent. */
        AaamAgent agent() throws UsageException, IOException, GeneralSecurityException {
            int at = nai.lastIndexOf('@');
            if (at <= 0 || at == nai.length() - 1) {
                throw new UsageException("--nai must be user@realm, not '" + nai + "'");
            }
            String expected = expectedServer();
            byte[] mnAaaKey = Files.readAllBytes(mnAaaKeyFile);
            if (mnAaaKey.length == 0) {
                throw new UsageException("the MN-AAA key file " + mnAaaKeyFile + " is empty");
            }
            AaamSecurityAssociation association = AaamSecurityAssociation.fromMnAaaKey(nai, spi, mnAaaKey);
            VendorSettings defaults = VendorSettings.defaults();
            VendorSettings vendor = new VendorSettings(vendorId != null ? vendorId : defaults.vendorId(),
                    applicationId != null ? applicationId : defaults.accountingServicesApplicationId());
            AgentEndpoint.Builder endpoint = AgentEndpoint.builder(server.host, server.port, tls())
                    .originHost(originHost)
                    .originRealm(originRealm != null ? originRealm : nai.substring(at + 1))
                    // a certificate from the CA alone is not enough: the CA certifies the mobile nodes too
                    .expectedServer(expected)
                    .application(vendor.vendorId(), vendor.accountingServicesApplicationId())
                    .requestTimeout(Duration.ofSeconds(timeoutSeconds));
            for (Alternate alternate : alternates) {
                endpoint.alternate(alternate.address.host, alternate.address.port, alternate.server);
            }
            ReplayCounters counters = countersFile != null ? new FileReplayCounters(countersFile) : new InMemoryReplayCounters();
            return new AaamAgent(association, endpoint.build(), counters, vendor);
        }

        /** --server-host, or the host of --server when it is a DNS name: the name dialled is the name expected. */
        String expectedServer() throws UsageException {
            if (serverHost != null) {
                return serverHost;
            }
            String host = server.host;
            if (host.contains(":") || host.matches("[0-9.]+")) {
                throw new UsageException("--server " + host + " is an IP address: name the server with --server-host");
            }
            return host;
        }

        private SSLContext tls() throws IOException, GeneralSecurityException {
            char[] keyPassword = password(keystorePasswordFile);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store(keystore, keyPassword), keyPassword);
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(store(truststore, password(truststorePasswordFile)));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        }

        private static KeyStore store(Path file, char[] password) throws IOException, GeneralSecurityException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream stream = Files.newInputStream(file)) {
                store.load(stream, password);
            } catch (NoSuchFileException e) {
                throw e;
            } catch (IOException e) {
                throw new IOException("cannot read the PKCS12 store " + file + ": " + e.getMessage(), e);
            }
            return store;
        }

        private static char[] password(Path file) throws IOException {
            return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
        }
    }

    /** What the subcommands share: the common options, and running one request with the agent they describe. */
    abstract static class Request implements Callable<Integer> {
        @ParentCommand
        AgentCli cli;
        @Mixin
        Common common;

        @Override
        public final Integer call() throws Exception {
            try (AaamAgent agent = common.agent()) {
                perform(agent, new ResultPrinter(cli.out));
            }
            return ExitCodes.OK;
        }

        abstract void perform(AaamAgent agent, ResultPrinter printer) throws Exception;
    }

    @Command(name = "charges", mixinStandardHelpOptions = true, description = "The node's own charges of a billing period (Charge-Query).")
    static final class Charges extends Request {
        @Option(names = "--period", required = true, paramLabel = "YYYY-MM", converter = Period.class)
        YearMonth period;

        @Override
        void perform(AaamAgent agent, ResultPrinter printer) throws ServiceException {
            printer.print(agent.communicationCharges(period));
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "The accounting information of an order (Purchase-Information).")
    static final class Info extends Request {
        @Option(names = "--payee", required = true, paramLabel = "account@realm")
        String payee;
        @Option(names = "--order", paramLabel = "REF", description = "the order (default: the payee's latest)")
        String order;

        @Override
        void perform(AaamAgent agent, ResultPrinter printer) throws ServiceException {
            printer.print(agent.accountingInfo(payee, order));
        }
    }

    @Command(name = "settle", mixinStandardHelpOptions = true,
            description = "Pays an order (Settlement); shows amount, payee and goods and reads y/n unless --yes.")
    static final class Settle extends Request {
        @Option(names = "--payee", required = true, paramLabel = "account@realm")
        String payee;
        @Option(names = "--order", required = true, paramLabel = "REF")
        String order;
        @Option(names = "--mode", required = true, paramLabel = "1|2", converter = Mode.class,
                description = "1: debit the payee's account; 2: home only")
        SettlementMode mode;
        @Option(names = "--yes", description = "answer the AAAH's confirmation with OK without asking")
        boolean yes;

        @Override
        void perform(AaamAgent agent, ResultPrinter printer) throws ServiceException {
            PurchaseInfo info = agent.accountingInfo(payee, order);
            printer.print(agent.settle(info, mode, new TerminalConfirmation(cli.in, cli.out, yes)));
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels a settlement (Settlement-Cancel).")
    static final class Cancel extends Request {
        @Option(names = "--settlement", required = true, paramLabel = "ID")
        String settlement;

        @Override
        void perform(AaamAgent agent, ResultPrinter printer) throws ServiceException {
            printer.print(agent.cancel(settlement));
        }
    }

    @Command(name = "sponsored", mixinStandardHelpOptions = true,
            description = "A sponsor's commitment to pay the next communication after an advertisement (Sponsored-Communication).")
    static final class Sponsored extends Request {
        @Option(names = "--sponsor", required = true, paramLabel = "sponsor@realm")
        String sponsor;
        @Option(names = "--ad", required = true, paramLabel = "ID")
        String ad;

        @Override
        void perform(AaamAgent agent, ResultPrinter printer) throws ServiceException {
            printer.print(agent.sponsoredCommunication(sponsor, ad));
        }
    }

    @Command(name = "credit", mixinStandardHelpOptions = true,
            description = "A credit company's commitment to settle the next communication (Credit-Communication).")
    static final class Credit extends Request {
        @Option(names = "--company", required = true, paramLabel = "company@realm")
        String company;
        @Option(names = "--credential-file", required = true, paramLabel = "FILE")
        Path credentialFile;

        @Override
        void perform(AaamAgent agent, ResultPrinter printer) throws ServiceException, IOException {
            printer.print(agent.creditCommunication(company, Files.readAllBytes(credentialFile)));
        }
    }

    /** {@code --period}: "YYYY-MM", checked here so a typo never costs a round trip. */
    static final class Period implements ITypeConverter<YearMonth> {
        private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM");

        @Override
        public YearMonth convert(String text) {
            try {
                return YearMonth.parse(text, FORMAT);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("--period must be YYYY-MM, not '" + text + "'");
            }
        }
    }

    /** {@code --mode 1|2}: the seed's settlement modes (1) and (2). */
    static final class Mode implements ITypeConverter<SettlementMode> {
        @Override
        public SettlementMode convert(String text) {
            if ("1".equals(text)) {
                return SettlementMode.DEBIT_PAYEE_ACCOUNT;
            }
            if ("2".equals(text)) {
                return SettlementMode.HOME_ONLY;
            }
            throw new TypeConversionException("--mode must be 1 (debit the payee's account) or 2 (home only), not '" + text + "'");
        }
    }

    /** The host and port of {@code --server}. */
    static final class HostPort {
        final String host;
        final int port;

        HostPort(String host, int port) {
            this.host = host;
            this.port = port;
        }
    }

    /** {@code --server host:port}; an IPv6 literal in brackets. */
    static final class ServerAddress implements ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String server) {
            int colon = server.lastIndexOf(':');
            int port;
            try {
                port = colon <= 0 ? -1 : Integer.parseInt(server.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new TypeConversionException("--server must be host:port with a port 1..65535, not '" + server + "'");
            }
            String host = server.substring(0, colon);
            return new HostPort(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host, port);
        }
    }

    /** An alternate server: its DiameterIdentity and its TLS address. */
    static final class Alternate {
        final String server;
        final HostPort address;

        Alternate(String server, HostPort address) {
            this.server = server;
            this.address = address;
        }
    }

    /** {@code --alternate ID=host:port}. */
    static final class AlternateServer implements ITypeConverter<Alternate> {
        @Override
        public Alternate convert(String text) {
            int equals = text.indexOf('=');
            if (equals <= 0 || equals == text.length() - 1) {
                throw new TypeConversionException("--alternate must be ID=host:port (the server's DiameterIdentity, its TLS address), not '"
                        + text + "'");
            }
            return new Alternate(text.substring(0, equals), new ServerAddress().convert(text.substring(equals + 1)));
        }
    }

    /** A decimal long ({@code --spi}); its range is checked by the association. */
    static final class DecimalLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a decimal number, not '" + text + "'");
            }
        }
    }

    /** {@code --vendor-id}, {@code --application-id}: decimal, 1..2^32-1. */
    abstract static class Unsigned32 implements ITypeConverter<Long> {
        private final String option;

        Unsigned32(String option) {
            this.option = option;
        }

        @Override
        public Long convert(String text) {
            try {
                long value = Long.parseLong(text);
                if (value >= 1 && value <= 0xFFFF_FFFFL) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new TypeConversionException(option + " must be a decimal number 1..4294967295, not '" + text + "'");
        }
    }

    static final class VendorIdNumber extends Unsigned32 {
        VendorIdNumber() {
            super("--vendor-id");
        }
    }

    static final class ApplicationIdNumber extends Unsigned32 {
        ApplicationIdNumber() {
            super("--application-id");
        }
    }

    /** {@code --timeout}: a positive number of seconds. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            try {
                int value = Integer.parseInt(text);
                if (value >= 1) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new TypeConversionException("must be a positive number of seconds, not '" + text + "'");
        }
    }
}
