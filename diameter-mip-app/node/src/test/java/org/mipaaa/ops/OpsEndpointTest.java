package org.mipaaa.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operations endpoint over real HTTP, before the node's applications are installed: alive, not
 * ready (and saying which checks fail), its meters readable, nothing else served.
 */
class OpsEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Set<String>> connected = new AtomicReference<>(Set.of());
    private NodeMeters meters;
    private OpsEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        meters = new NodeMeters("aaah.home.example", false);
        Readiness readiness = new Readiness(Set.of("ha.home.example"), connected::get);
        endpoint = OpsEndpoint.start("127.0.0.1", 0, "aaah.home.example", meters.prometheus(), readiness);
    }

    @AfterEach
    void stop() {
        endpoint.close();
        meters.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint.url().resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNodeWhoseApplicationsAreNotInstalledIsAliveButNotReady() throws Exception {
        connected.set(Set.of("ha.home.example")); // its peer even connected: the handlers still decide

        assertThat(send("GET", "health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = send("GET", "health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(ready.body()).contains("\"status\":\"DOWN\"", "\"handlers\":\"not installed yet\"", "\"state\":\"not open yet\"");
    }

    @Test
    void theMetersAreServedInPrometheusTextFormat() throws Exception {
        Counter.builder("diameter.too.busy").register(meters.registry()).increment(3);

        HttpResponse<String> metrics = send("GET", "metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body()).contains("diameter_too_busy_total 3.0", "jvm_memory_used_bytes");
    }

    @Test
    void nothingElseIsServed() throws Exception {
        assertThat(send("GET", "admin").statusCode()).isEqualTo(404);
        assertThat(send("POST", "health/ready").statusCode()).isEqualTo(405);
        assertThat(send("DELETE", "metrics").statusCode()).isEqualTo(405);
    }

    @Test
    void aTakenPortIsOneClearError() throws Exception {
        URI taken = endpoint.url();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OpsEndpoint.start("127.0.0.1", taken.getPort(), "aaaf.visited.example",
                        meters.prometheus(), new Readiness(Set.of(), Set::of)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("aaaf.visited.example: cannot serve the operations endpoint on 127.0.0.1:" + taken.getPort())
                .hasMessageContaining("ops.port");
    }
}
