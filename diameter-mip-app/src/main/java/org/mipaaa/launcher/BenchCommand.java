package org.mipaaa.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.mipaaa.bench.TransportBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench transport}: requests per second and latency over each transport (docs/PERFORMANCE.md). */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = BenchCommand.Transport.class,
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

        @Override
        public Integer call() throws Exception {
            TransportBenchmark bench = new TransportBenchmark(config, System.out);
            List<TransportBenchmark.Result> results = new ArrayList<>();
            for (TransportBenchmark.Variant v : variants) {
                results.add(bench.run(v, warmup, requests, inFlight));
            }
            TransportBenchmark.report(System.out, results);
            return results.stream().allMatch(r -> r.errors() == 0) ? 0 : 1;
        }
    }
}
