package org.mipaaa.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The benchmarks' results for a script to compare: one JSON document per run ({@code --json}), and
 * each phase's latency histogram as an HdrHistogram log ({@code --histogram-log}; read with
 * HdrHistogram's {@code HistogramLogReader} or its plotting tools), each histogram tagged with its
 * phase.
 */
public final class BenchResults {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchResults() {
    }

    /** The registration benchmark's run as JSON: each phase, the ratio to the echo, the request sizes. */
    public static Map<String, Object> of(RegistrationBenchmark.Result r, Instant at) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("benchmark", "registration");
        run.put("at", at.toString());
        run.put("transport", r.transport().name());
        run.put("inFlight", r.inFlight());
        run.put("phases", List.of(phase(r.registration()), phase(r.echo())));
        run.put("registrationsPerEcho", r.registration().perSecond() / r.echo().perSecond());
        run.put("amrBytes", r.amrBytes());
        run.put("echoBytes", r.echoBytes());
        run.put("amrsAtAaah", r.amrsAtAaah());
        run.put("harsAtHa", r.harsAtHa());
        run.put("ok", r.ok());
        return run;
    }

    /** The transport benchmark's run as JSON: one entry per transport. */
    public static Map<String, Object> of(List<TransportBenchmark.Result> results, int inFlight, Instant at) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("benchmark", "transport");
        run.put("at", at.toString());
        run.put("inFlight", inFlight);
        run.put("phases", results.stream().map(r -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", r.variant().name());
            p.put("count", r.requests());
            p.put("errors", r.errors());
            p.put("seconds", r.elapsed().toNanos() / 1e9);
            p.put("perSecond", r.perSecond());
            p.put("latencyMs", latency(r.latencyMicros()));
            return p;
        }).toList());
        return run;
    }

    private static Map<String, Object> phase(RegistrationBenchmark.Phase p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("count", p.count());
        m.put("errors", p.errors());
        m.put("seconds", p.elapsed().toNanos() / 1e9);
        m.put("perSecond", p.perSecond());
        m.put("latencyMs", latency(p.latencyMicros()));
        return m;
    }

    private static Map<String, Object> latency(Histogram micros) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", micros.getTotalCount());
        m.put("p50", micros.getValueAtPercentile(50) / 1000.0);
        m.put("p99", micros.getValueAtPercentile(99) / 1000.0);
        m.put("p999", micros.getValueAtPercentile(99.9) / 1000.0);
        m.put("max", micros.getMaxValue() / 1000.0);
        m.put("mean", micros.getMean() / 1000.0);
        return m;
    }

    public static void writeJson(Path file, Map<String, Object> run) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            JSON.writeValue(out, run);
        }
    }

    /** Each histogram (latencies in microseconds) into one HdrHistogram log, tagged with its name. */
    public static void writeHistogramLog(Path file, Map<String, Histogram> histograms, Instant at) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, java.nio.charset.StandardCharsets.US_ASCII)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("mip-aaa benchmark, latencies in microseconds");
            writer.outputStartTime(at.toEpochMilli());
            writer.outputLegend();
            histograms.forEach((name, h) -> {
                Histogram tagged = h.copy();
                tagged.setTag(name);
                writer.outputIntervalHistogram(tagged);
            });
        }
    }
}
