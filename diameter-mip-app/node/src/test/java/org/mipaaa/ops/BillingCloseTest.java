package org.mipaaa.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.aaah.accounting.HomeAccounts;
import org.mipaaa.billing.BillingPeriod;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.state.StateStore;

/**
 * Closing a billing period on a running AAAH (issue 19, item 5): {@code POST /billing/close} of the
 * operations endpoint over real HTTP, on the account database of the shipped config/aaah in a real
 * embedded Infinispan. Only when the node allows it ({@code ops.billing.close}); only a period that
 * has ended; the first closing is kept.
 */
class BillingCloseTest {

    private static final Path AAAH = Path.of("../../config/aaah");

    @TempDir
    Path state;

    private final HttpClient http = HttpClient.newHttpClient();
    private StateStore store;
    private HomeAccounts accounts;
    private NodeMeters meters;
    private OpsEndpoint allowing;
    private OpsEndpoint refusing;

    @BeforeEach
    void start() throws Exception {
        store = StateStore.open(AAAH.resolve("../infinispan.xml"), state, "billing-close-" + System.nanoTime());
        accounts = HomeAccounts.open(ConfigSource.of(AAAH, Map.of()).settings(), store);
        meters = new NodeMeters("aaah.home.example", false);
        BillingResource closes = new BillingResource(true);
        closes.installed(accounts);
        BillingResource readOnly = new BillingResource(false);
        readOnly.installed(accounts);
        allowing = OpsEndpoint.start("127.0.0.1", 0, "aaah.home.example", meters.prometheus(), new Readiness(Set.of(), Set::of), closes);
        refusing = OpsEndpoint.start("127.0.0.1", 0, "aaah.home.example", meters.prometheus(), new Readiness(Set.of(), Set::of), readOnly);
    }

    @AfterEach
    void stop() {
        allowing.close();
        refusing.close();
        meters.close();
        store.close();
    }

    private HttpResponse<String> send(OpsEndpoint endpoint, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint.url().resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A day of the period before the current one, as the query names it. */
    private LocalDate dayOfLastPeriod() {
        BillingPeriod current = accounts.calendar().periodOf(Instant.now());
        return LocalDate.ofInstant(accounts.calendar().previous(current).start(), accounts.calendar().zone());
    }

    @Test
    void anEndedPeriodIsClosedOnceAndTheFirstClosingIsKept() throws Exception {
        LocalDate day = dayOfLastPeriod();
        BillingPeriod last = accounts.calendar().periodOf(day.atStartOfDay(accounts.calendar().zone()).toInstant());

        HttpResponse<String> closed = send(allowing, "POST", "billing/close?date=" + day + "&by=billing-team");
        HttpResponse<String> again = send(allowing, "POST", "billing/close?date=" + day + "&by=" + URLEncoder.encode("someone else",
                StandardCharsets.UTF_8));

        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(closed.body()).contains("billing-team");
        assertThat(accounts.closings().closing(last).orElseThrow().by()).isEqualTo("billing-team");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).as("the first closing, answered again").contains("billing-team").doesNotContain("someone else");
    }

    @Test
    void thePeriodUnderWayIsNotClosed_409() throws Exception {
        HttpResponse<String> refused = send(allowing, "POST", "billing/close?by=billing-team");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("has not ended yet");
        assertThat(accounts.closings().isClosed(accounts.calendar().periodOf(Instant.now()))).isFalse();
    }

    @Test
    void closingIsRefusedWhereTheNodeDoesNotAllowIt_orWithoutWhoOrAsAGet() throws Exception {
        LocalDate day = dayOfLastPeriod();

        assertThat(send(refusing, "POST", "billing/close?date=" + day + "&by=billing-team").statusCode()).isEqualTo(403);
        assertThat(send(allowing, "POST", "billing/close?date=" + day).statusCode()).as("who closes is required").isEqualTo(400);
        assertThat(send(allowing, "POST", "billing/close?date=" + day + "&by=" + "x".repeat(101)).statusCode()).isEqualTo(400);
        assertThat(send(allowing, "POST", "billing/close?date=last-month&by=billing-team").statusCode()).isEqualTo(400);
        HttpResponse<String> get = send(allowing, "GET", "billing/close?date=" + day + "&by=billing-team");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(send(allowing, "POST", "billing/export.csv").statusCode()).as("reading stays GET").isEqualTo(405);
        assertThat(accounts.closings().isClosed(accounts.calendar().periodOf(day.atStartOfDay(accounts.calendar().zone()).toInstant())))
                .isFalse();
    }
}
