package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.it.interop.ExternalProcess;
import org.mipaaa.lab.LoopbackSetup;

/**
 * The distribution archive as a carrier installs it (issue 19, item 6): unpacked with tar, its
 * launcher script runs the command line, checks a role's configuration and starts that role as a
 * process of its own, whose operations endpoint answers; SIGTERM stops it as systemd would.
 */
class DistributionTest {

    private static final Path NODE_TARGET = Path.of("../diameter-mip-app/node/target");

    @TempDir
    Path dir;

    private Path unpacked() throws Exception {
        Path archive;
        try (var files = Files.list(NODE_TARGET)) {
            archive = files.filter(f -> f.getFileName().toString().matches("mip-aaa-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no mip-aaa-<version>.tar.gz in " + NODE_TARGET + ": run mvn package"));
        }
        assertThat(ExternalProcess.run(List.of("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", dir.toString()), Map.of(),
                dir.resolve("tar.out"), dir.resolve("tar.err"), Duration.ofSeconds(60))).isZero();
        String name = archive.getFileName().toString();
        return dir.resolve(name.substring(0, name.length() - ".tar.gz".length()));
    }

    private int run(Path home, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/mip-aaa").toString()));
        command.addAll(List.of(args));
        return ExternalProcess.run(command, env, dir.resolve("out.txt"), dir.resolve("err.txt"), Duration.ofSeconds(60));
    }

    private String out() throws IOException {
        return Files.readString(dir.resolve("out.txt"));
    }

    @Test
    void theArchiveHoldsTheLauncherLibrariesConfigurationUnitAndLicence() throws Exception {
        Path home = unpacked();

        assertThat(Files.isExecutable(home.resolve("bin/mip-aaa"))).isTrue();
        assertThat(home.resolve("config/aaah/node.properties")).exists();
        assertThat(home.resolve("config/infinispan.xml")).exists();
        assertThat(home.resolve("systemd/mip-aaa@.service")).content().contains("ExecStart=/opt/mip-aaa/bin/mip-aaa node --role %i");
        assertThat(home.resolve("LICENSE")).content().contains("GNU AFFERO GENERAL PUBLIC LICENSE");
        assertThat(home.resolve("docs/OPERATIONS.md")).exists();
        try (var lib = Files.list(home.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(f -> f.startsWith("diameter-mip-app-")).anyMatch(f -> f.startsWith("jdiameter-impl-"))
                    .anyMatch(f -> f.startsWith("infinispan-core-")).anyMatch(f -> f.startsWith("micrometer-registry-prometheus-"));
        }
        assertThat(run(home, Map.of(), "--version")).isZero();
        assertThat(out()).startsWith("mip-aaa ");
    }

    @Test
    void aRoleInstalledFromTheArchiveChecksItsConfigurationStartsServesItsHealthAndStopsOnSigterm() throws Exception {
        Path home = unpacked();
        Path tls = dir.resolve("tls");
        assertThat(run(home, Map.of(), "pki", "--out", tls.toString(), "--config", home.resolve("config").toString())).isZero();
        int ops = LoopbackSetup.freePort();
        Map<String, String> env = Map.of("JAVA_OPTS", "-Dtls.dir=" + tls + " -Dstate.root=" + dir.resolve("state")
                + " -Daaah.port=" + LoopbackSetup.freePort() + " -Daaah.tls.port=" + LoopbackSetup.freePort() + " -Daaah.ops.port=" + ops);

        assertThat(run(home, env, "config", "check", home.resolve("config/aaah").toString())).as(out()).isZero();
        assertThat(out().strip()).isEqualTo(home.resolve("config/aaah") + ": OK");

        try (ExternalProcess aaah = ExternalProcess.start(List.of(home.resolve("bin/mip-aaa").toString(), "node", "--role", "aaah",
                "--config", home.resolve("config/aaah").toString(), "--quiet"), env, dir.resolve("aaah.log"))) {
            HttpClient http = HttpClient.newHttpClient();
            URI live = URI.create("http://127.0.0.1:" + ops + "/health/live");
            URI readiness = URI.create("http://127.0.0.1:" + ops + "/health/ready");
            // live from the first moment (the endpoint starts before the applications are installed) ...
            assertThat(Eventually.within(Duration.ofSeconds(60), () -> status(http, live) == 200)).as(aaah.output()).isTrue();
            // ... installed a little later
            assertThat(Eventually.within(Duration.ofSeconds(60), () -> body(http, readiness).contains("\"handlers\":\"installed\"")))
                    .as(aaah.output()).isTrue();
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.ofString());
            // alone, without its home agent, AAAY and terminal: alive, not ready, and it says why
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"handlers\":\"installed\"", "not connected: aaay.shop.example,ha.home.example,"
                    + "terminal.shop.example");

            assertThat(aaah.stop(Duration.ofSeconds(20))).as("SIGTERM: the node stops itself (143, as the unit expects)").isEqualTo(143);
            assertThat(aaah.output()).contains("node aaah.home.example stopped");
        }
    }

    private static String body(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    private static int status(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
