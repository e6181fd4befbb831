package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.billing.BillingPeriod;
import org.mipaaa.billing.statement.AccountQueries;
import org.mipaaa.billing.statement.PeriodCsv;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.launcher.Main;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.role.Role;
import picocli.CommandLine;

/**
 * What a carrier's operations team sees of a running network (issue 19, items 1 and 2): each node's
 * {@code /metrics}, scraped over HTTP during a real registration, moves as the flow does on every node
 * of its path; {@code /health/ready} says whether a node may be given traffic, and why not.
 */
class OperationsEndpointTest {

    private static final String MN1 = "mn1@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final String MIP = "2"; // the Mobile IPv4 application (RFC 4004)

    private TopologyFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new TopologyFixture().start(EnumSet.allOf(Role.class), RoleApplications.STANDARD,
                Map.of("fa.accounting.interval.ms", "1000", "ops.billing.close", "true"));
        assertThat(fixture.topology().awaitLinks(Duration.ofSeconds(20))).as("every link up").isTrue();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private DiameterNode node(Role role) {
        return fixture.topology().node(role);
    }

    @Test
    void s101ToS14_aRegistrationAndItsAccountingMoveTheMetersOfEveryNodeOnItsPathAndAreBilledFromTheRunningAaah() throws Exception {
        Scrape aaahBefore = Scrape.of(node(Role.AAAH));
        Scrape aaafBefore = Scrape.of(node(Role.AAAF));
        Scrape haBefore = Scrape.of(node(Role.HA));

        ForeignAgent fa = node(Role.FA).installation().fa().agent();
        MobileNode mn = new MobileNode(MN1, MnAaaSecurityAssociation.of(256, MN1_KEY), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        ForeignAgent.Advertisement ad = fa.advertise();
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);
        MobileNode.Outcome outcome = registration.accept(MobileIpUdp.exchange(ad.registrationAddress(), registration.bytes()));
        assertThat(outcome.accepted()).as(String.valueOf(outcome.problem())).isTrue();

        Scrape aaah = Scrape.of(node(Role.AAAH));
        // the AAAH: one AMR in, answered 2001, timed; one registration; its duplicate check on the state store
        assertThat(delta(aaah, aaahBefore, "diameter_requests_total", "application", MIP, "command", "AMR")).isEqualTo(1);
        assertThat(delta(aaah, aaahBefore, "diameter_answers_total", "application", MIP, "command", "AMR", "result", "2001"))
                .isEqualTo(1);
        assertThat(delta(aaah, aaahBefore, "diameter_request_duration_seconds_count", "command", "AMR")).isEqualTo(1);
        assertThat(delta(aaah, aaahBefore, "mip_registrations_total", "result", "2001")).isEqualTo(1);
        assertThat(delta(aaah, aaahBefore, "mip_state_store_duration_seconds_count", "operation", "claim")).isGreaterThanOrEqualTo(1);
        // the AAAF proxied the FA's AMR and got the same answer; the home agent bound the node
        assertThat(delta(Scrape.of(node(Role.AAAF)), aaafBefore, "diameter_answers_total", "command", "AMR", "result", "2001"))
                .isEqualTo(1);
        assertThat(delta(Scrape.of(node(Role.HA)), haBefore, "diameter_answers_total", "application", MIP, "command", "HAR",
                "result", "2001")).isEqualTo(1);

        // S13-S14: the FA's accounting records reach the AAAH's ledger, each a durable write
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> delta(scrape(Role.AAAH), aaahBefore, "mip_ledger_writes_total",
                "kind", "usage", "outcome", "written") >= 2)).as("START and an INTERIM written to the ledger").isTrue();
        Scrape later = Scrape.of(node(Role.AAAH));
        assertThat(delta(later, aaahBefore, "diameter_answers_total", "command", "ACR", "result", "2001")).isGreaterThanOrEqualTo(2);
        assertThat(later.value("mip_state_store_duration_seconds_count", "operation", "ledger-usage")).isGreaterThanOrEqualTo(2);

        // its links: the peers it dials and is dialled by, over TLS
        assertThat(later.value("diameter_peer_up", "peer", "ha.home.example")).isEqualTo(1);
        assertThat(later.value("diameter_peer_connections_total", "peer", "ha.home.example")).isEqualTo(1);
        assertThat(later.value("diameter_peers_connected")).isEqualTo(4); // AAAF, HA, AAAY, terminal
        assertThat(later.value("diameter_tls_handshakes_total", "side", "dialled", "outcome", "ok")).isGreaterThanOrEqualTo(1);
        assertThat(later.value("diameter_tls_handshakes_total", "side", "accepted", "outcome", "ok")).isGreaterThanOrEqualTo(1);
        assertThat(later.value("diameter_tls_handshakes_total", "outcome", "failed")).isZero();
        // the handler pool and the JVM beside the node's own meters
        assertThat(later.has("executor_queued_tasks")).isTrue();
        assertThat(later.has("jvm_gc_pause_seconds_count") || later.has("jvm_gc_pause_seconds_max")
                || later.has("jvm_memory_used_bytes")).isTrue();
        assertThat(later.value("diameter_too_busy_total")).isZero();

        // the billing team reads the running AAAH's ledger (ops.billing=true in config/aaah): the period's CSV,
        // streamed, has exactly the node's entries, and its statement
        DiameterNode aaahNode = node(Role.AAAH);
        AccountQueries queries = aaahNode.installation().aaah().accounts().queries();
        BillingPeriod period = queries.periodOf(Instant.now());
        // the FA keeps reporting INTERIMs meanwhile: the export sees the entries written before it, perhaps more
        int before = aaahNode.installation().aaah().accounts().database().entries(MN1, period).size();
        HttpResponse<String> csv = Scrape.get(aaahNode, "billing/export.csv");
        int after = aaahNode.installation().aaah().accounts().database().entries(MN1, period).size();
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith(PeriodCsv.HEADER + "\r\n");
        long billed = csv.body().lines().filter(l -> l.contains("," + MN1 + ",")).count();
        assertThat(billed).isPositive().isBetween((long) before, (long) after);
        HttpResponse<String> statement = Scrape.get(aaahNode, "billing/statement?nai=" + MN1 + "&format=json");
        assertThat(statement.statusCode()).isEqualTo(200);
        assertThat(statement.body()).contains(MN1);
        assertThat(Scrape.get(aaahNode, "billing/statement?format=json").statusCode()).as("no NAI").isEqualTo(400);
        assertThat(Scrape.get(aaahNode, "billing/statement?nai=" + "x".repeat(300)).statusCode()).as("no NAI is that long").isEqualTo(400);
        assertThat(Scrape.get(aaahNode, "billing/export.csv?date=yesterday").statusCode()).isEqualTo(400);
        assertThat(Scrape.get(node(Role.HA), "billing/export.csv").statusCode()).as("only an AAAH bills").isEqualTo(404);

        // and the command line does the same against the running node: mip-aaa billing export --from URL
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new Main()).execute("billing", "export", "--from", aaahNode.ops().orElseThrow().url().toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(exit).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("," + MN1 + ",")).count())
                .isGreaterThanOrEqualTo(billed);

        // the billing team closes last period on the running node (ops.billing.close=true here), while the
        // FA's interim records go on being charged: mip-aaa billing close --from URL; the period under way stays open
        var calendar = aaahNode.installation().aaah().accounts().calendar();
        BillingPeriod last = calendar.previous(period);
        String lastDay = LocalDate.ofInstant(last.start(), calendar.zone()).toString();
        String url = aaahNode.ops().orElseThrow().url().toString();
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int closed;
        int underWay;
        try {
            closed = new CommandLine(new Main()).execute("billing", "close", "--from", url, "--by", "billing-team", "--date", lastDay);
            underWay = new CommandLine(new Main()).execute("billing", "close", "--from", url, "--by", "billing-team");
        } finally {
            System.setOut(stdout);
        }
        assertThat(closed).isZero();
        assertThat(aaahNode.installation().aaah().accounts().closings().closing(last).orElseThrow().by()).isEqualTo("billing-team");
        assertThat(underWay).as("a period under way is not closed").isNotZero();
        assertThat(aaahNode.installation().aaah().accounts().closings().isClosed(period)).isFalse();
        int entriesNow = aaahNode.installation().aaah().accounts().database().entries(MN1, period).size();
        assertThat(Eventually.within(Duration.ofSeconds(10),
                () -> aaahNode.installation().aaah().accounts().database().entries(MN1, period).size() > entriesNow))
                .as("the node still charges the period under way").isTrue();
    }

    @Test
    void theAaahIsReadyOnlyWhileTheHomeAgentIsConnectedAndItsStateStoreRuns() throws Exception {
        DiameterNode aaah = node(Role.AAAH);
        assertThat(Scrape.get(aaah, "health/live").statusCode()).isEqualTo(200);
        assertThat(Eventually.within(Duration.ofSeconds(10), () -> status(aaah) == 200)).as("ready with every link up").isTrue();
        HttpResponse<String> ready = Scrape.get(aaah, "health/ready");
        assertThat(ready.body()).contains("\"status\":\"UP\"", "\"handlers\":\"installed\"", "\"state\":\"running\"",
                "ha.home.example");

        // the home agent goes away (DPR): the AAAH cannot register anyone, so it is not ready, and says why
        fixture.topology().stop(Role.HA);
        assertThat(Eventually.within(Duration.ofSeconds(10), () -> status(aaah) == 503)).as("not ready without its HA").isTrue();
        assertThat(Scrape.get(aaah, "health/ready").body()).contains("\"status\":\"DOWN\"", "not connected: ha.home.example");
        assertThat(Scrape.get(aaah, "health/live").statusCode()).as("still alive").isEqualTo(200);

        // it comes back: the AAAH dials it again and is ready again
        fixture.topology().restart(Role.HA);
        assertThat(Eventually.within(Duration.ofSeconds(30), () -> status(aaah) == 200)).as("ready again").isTrue();

        // a state store that no longer runs: not ready, whatever the links
        aaah.state().close();
        HttpResponse<String> noState = Scrape.get(aaah, "health/ready");
        assertThat(noState.statusCode()).isEqualTo(503);
        assertThat(noState.body()).contains("\"state\":\"not running\"");
    }

    private Scrape scrape(Role role) {
        try {
            return Scrape.of(node(role));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int status(DiameterNode node) {
        try {
            return Scrape.get(node, "health/ready").statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static double delta(Scrape after, Scrape before, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
