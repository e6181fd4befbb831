package org.mipaaa.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jdiameter.api.ApplicationId;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.lab.Topology;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.role.Role;
import org.mipaaa.trace.FlowTrace;

/**
 * Requests per second and latency between two real nodes in one JVM (the AAAF sending, the AAAH
 * answering through {@link EchoHandler}) over one peer connection, on each transport: ours over TLS,
 * ours over plain TCP, and jDiameter's own TCP transport. A bounded number of requests is in flight;
 * a warm-up runs first (the JIT changes the figures several-fold).
 */
public final class TransportBenchmark {

    /** A transport to measure: the configuration overrides that select it. */
    public enum Variant {
        TLS("ours, TLS", Map.of()),
        TCP("ours, TCP", Map.of("link.security", "none")),
        JDIAMETER_TCP("jDiameter's TCP", Map.of("link.security", "none",
                "transport.connection", "org.jdiameter.client.impl.transport.tcp.TCPClientConnection",
                "transport.guard", "org.jdiameter.server.impl.io.tcp.NetworkGuard"));

        final String label;
        final Map<String, String> overrides;

        Variant(String label, Map<String, String> overrides) {
            this.label = label;
            this.overrides = overrides;
        }
    }

    /** The outcome of one variant: measured requests, wall time, latencies in microseconds. */
    public record Result(Variant variant, long requests, long errors, Duration elapsed, Histogram latencyMicros) {

        public double perSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }
    }

    private final Path configRoot;
    private final PrintStream out;

    public TransportBenchmark(Path configRoot, PrintStream out) {
        this.configRoot = configRoot;
        this.out = out;
    }

    public Result run(Variant variant, int warmup, int requests, int inFlight) throws Exception {
        VendorSettings vendor = VendorSettings.defaults();
        Map<String, String> overrides = new HashMap<>(variant.overrides);
        overrides.put("handler.queue", Integer.toString(Math.max(1000, inFlight * 2)));
        try (LoopbackSetup setup = LoopbackSetup.create(configRoot, true, overrides);
             Topology topology = Topology.start(configRoot, EnumSet.of(Role.AAAH, Role.AAAF), setup.overrides(),
                     ctx -> {
                         if (ctx.role() == Role.AAAH) {
                             ctx.handlers().register(vendor.accountingServicesApplicationId(), CommandCodes.CHARGE_QUERY, new EchoHandler());
                         }
                         return null;
                     },
                     new FlowTrace())) {
            if (!topology.awaitLinks(Duration.ofSeconds(20))) {
                throw new IllegalStateException("the AAAF-AAAH link did not come up");
            }
            DiameterNode aaaf = topology.node(Role.AAAF);
            DiameterNode aaah = topology.node(Role.AAAH);
            out.printf("%-16s warm-up: %d requests%n", variant.label, warmup);
            drive(aaaf, aaah, vendor, warmup, inFlight, null);
            out.printf("%-16s measuring: %d requests, %d in flight%n", variant.label, requests, inFlight);
            Recorder recorder = new Recorder(3);
            long start = System.nanoTime();
            long errors = drive(aaaf, aaah, vendor, requests, inFlight, recorder);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Result(variant, requests, errors, elapsed, recorder.getIntervalHistogram());
        }
    }

    /** Sends {@code count} requests, at most {@code inFlight} unanswered; returns how many failed. */
    private long drive(DiameterNode from, DiameterNode to, VendorSettings vendor, int count, int inFlight,
                       Recorder recorder) throws Exception {
        Semaphore window = new Semaphore(inFlight);
        AtomicLong errors = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long lastReport = System.nanoTime();
        ApplicationId app = ApplicationId.createByAuthAppId(vendor.vendorId(), vendor.accountingServicesApplicationId());
        for (int i = 0; i < count; i++) {
            window.acquire();
            DiameterClient.OutgoingRequest request = from.client().newRequest(CommandCodes.CHARGE_QUERY, app, to.realm(), to.host());
            request.avps().add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED)
                    .add(AvpCodes.USER_NAME, "mn" + (i % 1000) + "@home.example")
                    .add(VendorAvpCodes.BILLING_PERIOD, vendor.vendorId(), "2026-11");
            long sent = System.nanoTime();
            CompletableFuture<org.jdiameter.api.Answer> answer = request.send();
            answer.whenComplete((a, failure) -> {
                try {
                    if (failure != null || !AnswerResult.isSuccess(a)) {
                        errors.incrementAndGet();
                    } else if (recorder != null) {
                        recorder.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    done.incrementAndGet();
                    window.release();
                }
            });
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(2)) {
                lastReport = System.nanoTime();
                out.printf("  ... %d / %d%n", done.get(), count);
            }
        }
        if (!window.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("answers missing after 60 s");
        }
        return errors.get();
    }

    /** One line per result, then the TLS/TCP throughput ratio when both ran. */
    public static void report(PrintStream out, Iterable<Result> results) {
        out.printf("%n%-16s %9s %7s %9s %8s %8s %9s %8s%n", "transport", "requests", "errors", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
        Result tls = null;
        Result tcp = null;
        for (Result r : results) {
            Histogram h = r.latencyMicros();
            out.printf("%-16s %9d %7d %9.0f %8.2f %8.2f %9.2f %8.2f%n", r.variant().label, r.requests(), r.errors(), r.perSecond(),
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                    h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
            if (r.variant() == Variant.TLS) {
                tls = r;
            } else if (r.variant() == Variant.TCP) {
                tcp = r;
            }
        }
        if (tls != null && tcp != null) {
            out.printf("TLS / TCP throughput: %.2f%n", tls.perSecond() / tcp.perSecond());
        }
    }
}
