package org.mipaaa.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.mipaaa.lab.ClusterLab;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;

/**
 * Mobile IP registrations per second through a cluster of 1, 2 or 3 AAAHs (config/variants/aaah-cluster,
 * docs/ARCHITECTURE.md "Clustered state"), each node its own JVM as on a carrier's hosts: the AAAH
 * members, a home agent, an AAAF and a foreign agent, TLS between them, every socket on the loopback.
 * Mobile nodes send first registrations (each an AMR, an HAR, a pool allocation and the session's
 * state, written to every member) over UDP to the foreign agent without pause, each reply checked.
 * On one host the members share its cores and the replication is extra work, so expect the rate flat
 * or lower with more members: the figures measure the cost of the cluster, not a scale-out.
 */
public final class ClusterBenchmark {

    /**
     * @param configRoot  the configuration root (its variants aaah-cluster, second-aaah, third-aaah and fa)
     * @param members     the cluster sizes to measure, each 1..3
     * @param mobileNodes mobile nodes registering at once, each waiting for its reply before the next
     * @param warmup      how long to register before measuring
     * @param measure     how long to measure
     */
    public record Options(Path configRoot, List<Integer> members, int mobileNodes, Duration warmup, Duration measure) {

        public Options {
            if (members.isEmpty() || members.stream().anyMatch(m -> m < 1 || m > ClusterLab.AAAHS.size())) {
                throw new IllegalArgumentException("cluster sizes are 1.." + ClusterLab.AAAHS.size() + ", not " + members);
            }
            if (mobileNodes < 1) {
                throw new IllegalArgumentException("mobileNodes must be positive: " + mobileNodes);
            }
            members = List.copyOf(members);
        }
    }

    /** One cluster size measured: registrations accepted and refused (or unanswered) in {@code elapsed}. */
    public record Run(int members, long accepted, long failed, Duration elapsed, Histogram latencyMicros) {

        public double perSecond() {
            return accepted / (elapsed.toNanos() / 1e9);
        }
    }

    private static final Duration START = Duration.ofSeconds(120);

    private final PrintStream out;

    public ClusterBenchmark(PrintStream out) {
        this.out = out;
    }

    public List<Run> run(Options options) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int members : options.members()) {
            Path dir = Files.createTempDirectory("mip-aaa-bench-cluster-");
            try {
                runs.add(run(options, members, dir));
            } finally {
                deleteTree(dir);
            }
        }
        return runs;
    }

    private Run run(Options options, int members, Path dir) throws Exception {
        try (ClusterLab lab = ClusterLab.prepare(options.configRoot(), dir, options.mobileNodes(), Map.of("MIP_AAA_LOG_LEVEL", "WARN"))) {
            lab.start("aaah");
            // the first member forms the cluster; the others join it
            awaitReadiness(lab, "aaah", "\"handlers\":\"installed\"");
            for (int i = 1; i < members; i++) {
                lab.start(ClusterLab.AAAHS.get(i));
            }
            lab.start("ha");
            lab.start("aaaf");
            lab.start("fa");
            for (int i = 0; i < members; i++) {
                String member = ClusterLab.AAAHS.get(i);
                awaitReadiness(lab, member, "\"handlers\":\"installed\"");
                long deadline = System.nanoTime() + START.toNanos();
                // and the member to the home agent: a load started before that link is up measures its HAR timeouts
                while (!lab.connected("aaaf", member + ".home.example") || !lab.connected(member, "ha.home.example")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the AAAF and " + member + ", or " + member + " and the home agent, "
                                + "did not connect within " + START);
                    }
                    Thread.sleep(200);
                }
            }
            awaitReadiness(lab, "fa", "\"status\":\"UP\"");
            out.printf("%d AAAH member(s), %d mobile nodes registering at once%n", members, options.mobileNodes());

            Load load = new Load(new InetSocketAddress("127.0.0.1", Integer.parseInt(lab.setting("fa.udp.port"))), options.mobileNodes());
            load.start();
            sleepFor(options.warmup());
            load.measure();
            long startedAt = System.nanoTime();
            sleepFor(options.measure());
            Run run = load.stop(members, Duration.ofNanos(System.nanoTime() - startedAt));
            out.printf("%d member(s): %.0f registrations/s, %d refused or unanswered, p50 %.1f ms, p99 %.1f ms%n", members,
                    run.perSecond(), run.failed(), run.latencyMicros().getValueAtPercentile(50) / 1000.0,
                    run.latencyMicros().getValueAtPercentile(99) / 1000.0);
            return run;
        }
    }

    private static void awaitReadiness(ClusterLab lab, String node, String text) throws InterruptedException {
        if (!lab.awaitReadiness(node, text, START)) {
            throw new IllegalStateException(node + " did not report " + text + " within " + START);
        }
    }

    private static void sleepFor(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The mobile nodes, each registering again as soon as its reply came. */
    private static final class Load {

        private final InetSocketAddress fa;
        private final int mobileNodes;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicBoolean measuring = new AtomicBoolean();
        private final AtomicLong accepted = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final Recorder latencies = new Recorder(3);
        private final ExecutorService workers;

        Load(InetSocketAddress fa, int mobileNodes) {
            this.fa = fa;
            this.mobileNodes = mobileNodes;
            this.workers = Executors.newFixedThreadPool(mobileNodes);
        }

        void start() {
            for (int i = 0; i < mobileNodes; i++) {
                int n = i;
                workers.execute(() -> {
                    MobileNode mn = new MobileNode(ClusterLab.nai(n), MnAaaSecurityAssociation.of(256, ClusterLab.key(n)), Ipv4.parse("0.0.0.0"),
                            Clock.systemUTC());
                    while (running.get()) {
                        register(mn);
                    }
                });
            }
        }

        void measure() {
            latencies.reset();
            accepted.set(0);
            failed.set(0);
            measuring.set(true);
        }

        private void register(MobileNode mn) {
            long sent = System.nanoTime();
            boolean ok;
            try (java.net.DatagramSocket socket = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                socket.setSoTimeout(10_000);
                // a challenge the foreign agent never gave is answered 104 with a fresh one (RFC 4721 §3.3)
                byte[] refusal = exchange(socket, mn.firstRegistration(Ipv4.parse("127.0.0.1"), new byte[16], 600).bytes());
                byte[] challenge = ((MnFaChallenge) RegistrationCodec.decodeReply(refusal).fields(MnFaChallenge.class).get(0)
                        .extension()).challenge();
                MobileNode.FirstRegistration registration = mn.firstRegistration(Ipv4.parse("127.0.0.1"), challenge, 600);
                ok = registration.accept(exchange(socket, registration.bytes())).accepted();
            } catch (Exception e) {
                ok = false;
            }
            if (measuring.get()) {
                if (ok) {
                    accepted.incrementAndGet();
                    latencies.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                } else {
                    failed.incrementAndGet();
                }
            }
        }

        private byte[] exchange(java.net.DatagramSocket socket, byte[] request) throws IOException {
            socket.send(new java.net.DatagramPacket(request, request.length, fa));
            byte[] buffer = new byte[2048];
            java.net.DatagramPacket reply = new java.net.DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            return java.util.Arrays.copyOf(buffer, reply.getLength());
        }

        Run stop(int members, Duration elapsed) throws InterruptedException {
            measuring.set(false);
            Histogram histogram = latencies.getIntervalHistogram();
            long ok = accepted.get();
            long bad = failed.get();
            running.set(false);
            workers.shutdown();
            workers.awaitTermination(30, TimeUnit.SECONDS);
            return new Run(members, ok, bad, elapsed, histogram);
        }
    }
}
