package org.mipaaa.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;

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

/**
 * A tiny command line to try a node by hand: one {@link AaamAgent} request per run, its result as a
 * readable summary on stdout, a failure on stderr with an exit code per failure class ({@link ExitCodes}).
 *
 * <pre>
 * java -cp aaam-agent.jar:dictionaries.jar:slf4j-api.jar org.mipaaa.agent.cli.AgentCli charges --period 2026-11 \
 *   --nai mn1@home.example --spi 4097 --mn-aaa-key-file mn1.key --server 127.0.0.1:3869 \
 *   --origin-host mn1.home.example --keystore mn1.home.example.p12 --keystore-password-file mn1.home.example.pass \
 *   --truststore trust.p12 --truststore-password-file trust.pass --counters-file mn1.counters
 * </pre>
 *
 * {@link #run} holds the logic and returns the exit code; only {@link #main} exits the JVM.
 */
public final class AgentCli {

    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;

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
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (UsageException e) {
            err.println("usage error: " + e.getMessage());
            err.println(usage());
            return ExitCodes.USAGE;
        }
        try (AaamAgent agent = agent(options)) {
            perform(options, agent);
            return ExitCodes.OK;
        } catch (UsageException e) {
            err.println("usage error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IllegalArgumentException e) {
            // the association refuses an SPI out of range or a key too short
            err.println("usage error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException | GeneralSecurityException e) {
            err.println("set-up error: " + (e instanceof NoSuchFileException ? "no such file " : "") + e.getMessage());
            return ExitCodes.SETUP;
        } catch (ServiceException e) {
            err.println(e.failure() + (e.resultCode() >= 0 ? " (Result-Code " + e.resultCode() + ")" : "") + ": " + e.getMessage());
            return ExitCodes.of(e.failure());
        }
    }

    private void perform(CliOptions options, AaamAgent agent) throws UsageException, IOException, ServiceException {
        ResultPrinter printer = new ResultPrinter(out);
        switch (options.subcommand()) {
            case "charges":
                printer.print(agent.communicationCharges(options.period()));
                break;
            case "info":
                printer.print(agent.accountingInfo(options.required("payee"), options.optional("order").orElse(null)));
                break;
            case "settle":
                SettlementMode mode = options.mode() == 1 ? SettlementMode.DEBIT_PAYEE_ACCOUNT : SettlementMode.HOME_ONLY;
                PurchaseInfo info = agent.accountingInfo(options.required("payee"), options.required("order"));
                printer.print(agent.settle(info, mode, new TerminalConfirmation(in, out, options.flag("yes"))));

                break;
            case "cancel":
                printer.print(agent.cancel(options.required("settlement")));
                break;
            case "sponsored":
                printer.print(agent.sponsoredCommunication(options.required("sponsor"), options.required("ad")));
                break;
            case "credit":
                printer.print(agent.creditCommunication(options.required("company"),
                    Files.readAllBytes(Path.of(options.required("credential-file")))));
                break;
            default:
                throw new UsageException("unknown subcommand '" + options.subcommand() + "'");
        }
    }

    /** The agent the options describe; every option is checked before anything is sent. */
    private static AaamAgent agent(CliOptions options) throws UsageException, IOException, GeneralSecurityException {
        String nai = options.required("nai");
        int at = nai.lastIndexOf('@');
        if (at <= 0 || at == nai.length() - 1) {
            throw new UsageException("--nai must be user@realm, not '" + nai + "'");
        }
        long spi = options.spi();
        byte[] mnAaaKey = Files.readAllBytes(Path.of(options.required("mn-aaa-key-file")));
        if (mnAaaKey.length == 0) {
            throw new UsageException("the MN-AAA key file " + options.required("mn-aaa-key-file") + " is empty");
        }
        AaamSecurityAssociation association = AaamSecurityAssociation.fromMnAaaKey(nai, spi, mnAaaKey);
        // the subcommand's own options are checked before a connection is made
        switch (options.subcommand()) {
            case "charges":
                options.period();
                break;
            case "info":
                options.required("payee");
                break;
            case "settle":
                options.required("payee");
                options.required("order");
                options.mode();

                break;
            case "cancel":
                options.required("settlement");
                break;
            case "sponsored":
                options.required("sponsor");
                options.required("ad");

                break;
            case "credit":
                options.required("company");
                options.required("credential-file");

                break;
            default:
                throw new UsageException("unknown subcommand '" + options.subcommand() + "'");
        }
        VendorSettings vendor = options.vendor();
        AgentEndpoint.Builder builder = AgentEndpoint.builder(options.serverHost(), options.serverPort(), tls(options))
                .originHost(options.required("origin-host"))
                .originRealm(options.optional("origin-realm").orElse(nai.substring(at + 1)))
                // required: a certificate from the CA alone is not enough, the CA certifies the mobile nodes too
                .expectedServer(options.required("server-host"))
                .application(vendor.vendorId(), vendor.accountingServicesApplicationId())
                .requestTimeout(Duration.ofSeconds(options.timeoutSeconds()));
        AgentEndpoint endpoint = builder.build();
        ReplayCounters counters = options.optional("counters-file").isPresent()
                ? new FileReplayCounters(Path.of(options.required("counters-file")))
                : new InMemoryReplayCounters();
        return new AaamAgent(association, endpoint, counters, vendor);
    }

    /** The node's key (PKCS12) and the CAs it trusts (PKCS12), each with its password in a file. */
    private static SSLContext tls(CliOptions options) throws UsageException, IOException, GeneralSecurityException {
        char[] keyPassword = password(options.required("keystore-password-file"));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store(options.required("keystore"), keyPassword), keyPassword);
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(store(options.required("truststore"), password(options.required("truststore-password-file"))));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore store(String file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream stream = Files.newInputStream(Path.of(file))) {
            store.load(stream, password);
        } catch (IOException e) {
            throw new IOException("cannot read the PKCS12 store " + file + ": " + e.getMessage(), e);
        }
        return store;
    }

    private static char[] password(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip().toCharArray();
    }

    /** The usage text printed after a usage error. */
    static String usage() {
        return String.join("\n",
                "usage: AgentCli <subcommand> [options]",
                "  charges   --period YYYY-MM",
                "  info      --payee account@realm [--order REF]",
                "  settle    --payee account@realm --order REF --mode 1|2 [--yes]",
                "  cancel    --settlement ID",
                "  sponsored --sponsor sponsor@realm --ad ID",
                "  credit    --company company@realm --credential-file F",
                "common: --nai user@realm --spi N --mn-aaa-key-file F --server host:port --origin-host ID",
                "        [--origin-realm REALM] --keystore F.p12 --keystore-password-file F",
                "        --server-host ID (the server's DiameterIdentity: any other server is refused)",
                "        --truststore F.p12 --truststore-password-file F [--counters-file F] [--timeout SECONDS]",
                "        [--vendor-id N --application-id N: the carrier's, if not the documentation defaults]");
    }
}
