package org.mipaaa.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.HdrHistogram.Histogram;
import org.mipaaa.bench.BenchResults;
import org.mipaaa.bench.ClusterBenchmark;
import org.mipaaa.bench.RegistrationBenchmark;
import org.mipaaa.bench.TransportBenchmark;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench transport}: requests per second and latency over each transport; {@code bench
 * registration}: Mobile IP registrations per second through FA, AAAF, AAAH and HA against a bare echo
 * (docs/PERFORMANCE.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchCommand.Transport.class, BenchCommand.Registration.class, BenchCommand.Cluster.class},
        description = "Benchmarks; each prints its figures (docs/PERFORMANCE.md records them).")
final class BenchCommand {

    @Command(name = "transport", mixinStandardHelpOptions = true,
            description = "AAAF -> AAAH requests answered by an echo handler, over our TLS, our TCP and jDiameter's TCP transport.")
    static final class Transport implements Callable<Integer> {

        @Option(names = "--config", defaultValue = "config", description = "Role configurations (default: ${DEFAULT-VALUE}).")
        private Path config;

        @Option(names = "--requests", defaultValue = "100000", description = "Measured requests per transport (default: ${DEFAULT-VALUE}).")
        private int requests;

        @Option(names = "--warmup", defaultValue = "50000", description = "Requests before measuring (default: ${DEFAULT-VALUE}).")
        private int warmup;

        @Option(names = "--in-flight", defaultValue = "100", description = "Requests sent and not yet answered, at most (default: ${DEFAULT-VALUE}).")
        private int inFlight;

        @Option(names = "--transports", split = ",", defaultValue = "TLS,TCP,JDIAMETER_TCP",
                description = "Which, of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        private List<TransportBenchmark.Variant> variants;

        @Option(names = "--json", description = "Also write the results to this file as JSON, for scripts comparing runs.")
        private Path json;

        @Option(names = "--histogram-log", description = "Also write each phase's latencies (microseconds) to this file as an HdrHistogram log.")
        private Path histogramLog;

        @Override
        public Integer call() throws Exception {
            TransportBenchmark bench = new TransportBenchmark(config, System.out);
            List<TransportBenchmark.Result> results = new ArrayList<>();
            for (TransportBenchmark.Variant v : variants) {
                results.add(bench.run(v, warmup, requests, inFlight));
            }
            TransportBenchmark.report(System.out, results);
            Instant at = Instant.now();
            if (json != null) {
                BenchResults.writeJson(json, BenchResults.of(results, inFlight, at));
            }
            if (histogramLog != null) {
                Map<String, Histogram> histograms = new LinkedHashMap<>();
                results.forEach(r -> histograms.put(r.variant().name(), r.latencyMicros()));
                BenchResults.writeHistogramLog(histogramLog, histograms, at);
            }
            return results.stream().allMatch(r -> r.errors() == 0) ? 0 : 1;
        }
    }

    @Command(name = "registration", mixinStandardHelpOptions = true,
            description = "Mobile IP first registrations through FA -> AAAF -> AAAH -> HA and back, every reply checked,"
                    + " then a bare jDiameter echo FA -> AAAF of a request of the AMR's size through the same client;"
                    + " prints both, and their ratio. Exits 1 if any registration or echo failed.")
    static final class Registration implements Callable<Integer> {

        @Option(names = "--config", defaultValue = "config", description = "Role configurations (default: ${DEFAULT-VALUE}).")
        private Path config;

        @Option(names = "--registrations", defaultValue = "20000", description = "Measured registrations, and as many echoes (default: ${DEFAULT-VALUE}).")
        private int registrations;

        @Option(names = "--warmup", defaultValue = "5000", description = "Registrations, and as many echoes, before measuring (default: ${DEFAULT-VALUE}).")
        private int warmup;

        @Option(names = "--in-flight", defaultValue = "16", description = "Registrations (echoes) sent and not yet answered, at most (default: ${DEFAULT-VALUE}).")
        private int inFlight;

        @Option(names = "--mobile-nodes", defaultValue = "5000",
                description = "Distinct NAIs the registrations cycle through, provisioned for the run (default: ${DEFAULT-VALUE}).")
        private int mobileNodes;

        @Option(names = "--transport", defaultValue = "TLS", description = "Links between the nodes, ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        private RegistrationBenchmark.Transport transport;

        @Option(names = "--json", description = "Also write the results to this file as JSON, for scripts comparing runs.")
        private Path json;

        @Option(names = "--histogram-log", description = "Also write each phase's latencies (microseconds) to this file as an HdrHistogram log.")
        private Path histogramLog;

        @Override
        public Integer call() throws Exception {
            quietRegistrationLogs();
            RegistrationBenchmark.Result result = new RegistrationBenchmark(System.out).run(
                    new RegistrationBenchmark.Options(config, warmup, registrations, inFlight, mobileNodes, transport));
            RegistrationBenchmark.report(System.out, result);
            Instant at = Instant.now();
            if (json != null) {
                BenchResults.writeJson(json, BenchResults.of(result, at));
            }
            if (histogramLog != null) {
                Map<String, Histogram> histograms = new LinkedHashMap<>();
                histograms.put("registration", result.registration().latencyMicros());
                histograms.put("echo", result.echo().latencyMicros());
                BenchResults.writeHistogramLog(histogramLog, histograms, at);
            }
            return result.ok() ? 0 : 1;
        }

        /**
         * The AAAH and the HA log one INFO line per registration (config's logback.xml keeps org.mipaaa
         * at INFO): at thousands a second that would bury the figures and cost CPU the nodes need.
         * Warnings and errors still show.
         */
        private static void quietRegistrationLogs() {
            if (LoggerFactory.getLogger("org.mipaaa.registration") instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    @Command(name = "cluster", mixinStandardHelpOptions = true,
            description = "Mobile IP first registrations per second through a cluster of 1, 2 and 3 AAAHs (config/variants/"
                    + "aaah-cluster), every node its own JVM: FA -> AAAF -> a member -> HA, every reply checked; then a bare"
                    + " jDiameter echo between two stacks with as many in flight; prints both and their ratios."
                    + " Exits 1 if any registration failed.")
    static final class Cluster implements Callable<Integer> {

        @Option(names = "--config", defaultValue = "config", description = "Role configurations (default: ${DEFAULT-VALUE}).")
        private Path config;

        @Option(names = "--members", split = ",", defaultValue = "1,2,3", description = "Cluster sizes to measure (default: ${DEFAULT-VALUE}).")
        private List<Integer> members;

        @Option(names = "--mobile-nodes", defaultValue = "16",
                description = "Mobile nodes registering at once, each waiting for its reply (default: ${DEFAULT-VALUE}).")
        private int mobileNodes;

        @Option(names = "--warmup-seconds", defaultValue = "10", description = "Registering before measuring (default: ${DEFAULT-VALUE}).")
        private int warmupSeconds;

        @Option(names = "--seconds", defaultValue = "20", description = "Measuring, per cluster size (default: ${DEFAULT-VALUE}).")
        private int seconds;

        @Option(names = "--echoes", defaultValue = "20000", description = "Measured echoes of the bare jDiameter run (default: ${DEFAULT-VALUE}).")
        private int echoes;

        @Override
        public Integer call() throws Exception {
            List<ClusterBenchmark.Run> runs = new ClusterBenchmark(System.out).run(
                    new ClusterBenchmark.Options(config, members, mobileNodes, Duration.ofSeconds(warmupSeconds),
                            Duration.ofSeconds(seconds)));
            TransportBenchmark.Result echo = new TransportBenchmark(config, System.out)
                    .run(TransportBenchmark.Variant.JDIAMETER_TCP, echoes / 4, echoes, mobileNodes);
            System.out.printf("bare jDiameter echo, %d in flight: %.0f/s%n", mobileNodes, echo.perSecond());
            for (ClusterBenchmark.Run run : runs) {
                System.out.printf("%d member(s): %.0f registrations/s = %.4f x the echo; p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                                + " %d refused or unanswered%n", run.members(), run.perSecond(), run.perSecond() / echo.perSecond(),
                        run.latencyMicros().getValueAtPercentile(50) / 1000.0, run.latencyMicros().getValueAtPercentile(99) / 1000.0,
                        run.latencyMicros().getMaxValue() / 1000.0, run.failed());
            }
            return runs.stream().allMatch(r -> r.failed() == 0 && r.accepted() > 0) && echo.errors() == 0 ? 0 : 1;
        }
    }
}
