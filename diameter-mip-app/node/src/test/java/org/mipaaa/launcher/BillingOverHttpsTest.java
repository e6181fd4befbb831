package org.mipaaa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.aaah.accounting.HomeAccounts;
import org.mipaaa.ledger.RecordType;
import org.mipaaa.ledger.UsageReport;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.ops.BillingResource;
import org.mipaaa.ops.NodeMeters;
import org.mipaaa.ops.OpsEndpoint;
import org.mipaaa.ops.Readiness;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.state.StateStore;
import org.mipaaa.transport.TlsContext;
import org.mipaaa.transport.TransportSettings;
import picocli.CommandLine;

/**
 * {@code mip-aaa billing ... --from https://...} against a running AAAH whose operations endpoint is
 * HTTPS with client certificates ({@code ops.tls=true}): the billing host shows a certificate of the
 * node's PKI and checks that the node's certificate names the AAAH (reached by address, not by name).
 * Real HTTPS on loopback, the account database of the shipped config/aaah on a real store.
 */
class BillingOverHttpsTest {

    private static final Path AAAH = Path.of("../../config/aaah");
    private static final String NAI = "mn1@home.example";

    @TempDir
    Path pki;
    @TempDir
    Path state;

    private StateStore store;
    private HomeAccounts accounts;
    private NodeMeters meters;
    private OpsEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        PkiIssuer.issueAll(pki, "billing CA", List.of("aaah.home.example", "billing.home.example"));
        store = StateStore.open(AAAH.resolve("../infinispan.xml"), state, "billing-https-" + System.nanoTime());
        accounts = HomeAccounts.open(ConfigSource.of(AAAH, Map.of()).settings(), store);
        Instant at = Instant.now().minusSeconds(120);
        accounts.database().recordUsage(new UsageReport(NAI, "s1", 0, RecordType.START, "visited.example", at, 0, 0, 0, 0, 0));
        accounts.database().recordUsage(new UsageReport(NAI, "s1", 1, RecordType.STOP, "visited.example", at.plusSeconds(100),
                100, 600_000, 400_000, 0, 0));
        BillingResource billing = new BillingResource(true);
        billing.installed(accounts);
        meters = new NodeMeters("aaah.home.example", false);
        endpoint = OpsEndpoint.start("127.0.0.1", 0, "aaah.home.example", meters.prometheus(), new Readiness(Set.of(), Set::of), billing,
                TlsContext.of(new TransportSettings.TlsSettings(pki.resolve("aaah.home.example.p12"), pki.resolve("aaah.home.example.pass"),
                        pki.resolve("trust.p12"), pki.resolve("trust.pass"), List.of("TLSv1.3", "TLSv1.2"), List.of())).sslContext());
    }

    @AfterEach
    void stop() {
        endpoint.close();
        meters.close();
        store.close();
    }

    /** The billing host's options: its certificate, the CA, and the node its certificate must name. */
    private List<String> billingHost(String serverHost) {
        return List.of("--from", endpoint.url().toString(), "--keystore", pki.resolve("billing.home.example.p12").toString(),
                "--keystore-password-file", pki.resolve("billing.home.example.pass").toString(),
                "--truststore", pki.resolve("trust.p12").toString(), "--truststore-password-file", pki.resolve("trust.pass").toString(),
                "--server-host", serverHost);
    }

    private record Run(int exit, String out) {
    }

    private static Run run(List<String> first, List<String> options) {
        List<String> args = new ArrayList<>(first);
        args.addAll(options);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        PrintStream previousErr = System.err;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return new Run(new CommandLine(new Main()).execute(args.toArray(String[]::new)), bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previous);
            System.setErr(previousErr);
        }
    }

    @Test
    void theStatementTheExportAndAClosingComeOverHttpsToAHostWithACertificateOfTheNodesPki() throws Exception {
        assertThat(endpoint.url().getScheme()).isEqualTo("https");

        Run statement = run(List.of("billing", "statement", "--nai", NAI, "--format", "JSON"), billingHost("aaah.home.example"));
        Run export = run(List.of("billing", "export"), billingHost("aaah.home.example"));
        LocalDate lastPeriod = LocalDate.ofInstant(accounts.calendar().previous(accounts.calendar().periodOf(Instant.now())).start(),
                accounts.calendar().zone());
        Run close = run(List.of("billing", "close", "--by", "billing-team", "--date", lastPeriod.toString()), billingHost("aaah.home.example"));

        assertThat(statement.exit()).isZero();
        assertThat(statement.out()).contains(NAI);
        assertThat(export.exit()).isZero();
        assertThat(export.out().lines().filter(l -> l.contains(NAI))).hasSize(1);
        assertThat(close.exit()).isZero();
        assertThat(accounts.closings().closing(accounts.calendar().periodOf(lastPeriod.atStartOfDay(accounts.calendar().zone())
                .toInstant())).orElseThrow().by()).isEqualTo("billing-team");
    }

    @Test
    void aNodeWhoseCertificateNamesAnotherHostOrAClientWithoutACertificateGetsNothing() {
        Run otherNode = run(List.of("billing", "export"), billingHost("aaaf.visited.example"));
        Run noCertificate = run(List.of("billing", "export", "--from", endpoint.url().toString()), List.of());

        assertThat(otherNode.exit()).as("the certificate names aaah.home.example, not the node asked for").isNotZero();
        assertThat(otherNode.out()).isEmpty();
        assertThat(noCertificate.exit()).isNotZero();
        assertThat(noCertificate.out()).isEmpty();
    }
}
