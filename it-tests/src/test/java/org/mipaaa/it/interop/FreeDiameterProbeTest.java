package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.probe.CheckResult;
import org.mipaaa.probe.ConformanceProbe;
import org.mipaaa.probe.ProbeReport;
import org.mipaaa.probe.ProbeTarget;

/**
 * The conformance runner against software that is not ours: a freeDiameter 1.2.1 daemon, a relay of
 * no application of ours, dials the probe (it cannot be made to listen on loopback alone, see
 * {@link FreeDiameterSmokeTest}), and the probe judges its CER, its watchdog answer and its DPA.
 */
class FreeDiameterProbeTest {

    private static final String PROBE_HOST = "aaaf.visited.example";

    @TempDir
    Path work;

    @Test
    void freeDiameterPassesTheBaseProtocolChecksOfTheProbe() throws Exception {
        if (!Files.isExecutable(Path.of(FreeDiameterSmokeTest.DAEMON))) {
            fail(FreeDiameterSmokeTest.DAEMON + " is missing: install the Debian package freediameter (.mvn/install-test-tools.sh)");
        }
        int port = LoopbackSetup.freePort();
        ProbeTarget target = new ProbeTarget(false, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Optional.empty(),
                PROBE_HOST, "visited.example", Optional.of(FreeDiameterSmokeTest.FD_HOST), FreeDiameterSmokeTest.FD_REALM,
                ProbeTarget.Kind.RELAY, Optional.empty(), Duration.ofSeconds(10));
        CompletableFuture<ProbeReport> run = CompletableFuture.supplyAsync(() -> new ConformanceProbe(target, Dictionary.bundled()).run());
        Path config = work.resolve("freeDiameter.conf");
        Files.writeString(config, """
                Identity = "%s";
                Realm = "%s";
                # no listening socket (loopback only); it dials the probe, plain TCP
                Port = 0;
                SecPort = 0;
                No_SCTP;
                No_IPv6;
                TcTimer = 2;
                TwTimer = 6;
                ConnectPeer = "%s" { ConnectTo = "127.0.0.1"; Port = %d; No_TLS; No_SCTP; };
                """.formatted(FreeDiameterSmokeTest.FD_HOST, FreeDiameterSmokeTest.FD_REALM, PROBE_HOST, port), StandardCharsets.UTF_8);
        Path output = FreeDiameterSmokeTest.OUTPUT.resolve("probe");
        Files.createDirectories(output);
        ProbeReport report;
        try (ExternalProcess daemon = ExternalProcess.start(List.of(FreeDiameterSmokeTest.DAEMON, "-c", config.toString()), Map.of(),
                output.resolve("freeDiameterd.log"))) {
            report = run.get(90, TimeUnit.SECONDS);
        }
        Files.writeString(output.resolve("report.json"), report.json(), StandardCharsets.UTF_8);

        assertThat(report.checks()).as(report.text()).extracting(CheckResult::id)
                .containsExactly("capabilities-exchange", "device-watchdog", "disconnect-peer");
        assertThat(report.passed()).as(report.text()).isTrue();
        assertThat(report.checks().get(0).detail()).as("its CER names it").contains(FreeDiameterSmokeTest.FD_HOST);
    }
}
