package org.mipaaa.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.pki.PkiIssuer;

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
            if (members.isEmpty() || members.stream().anyMatch(m -> m < 1 || m > AAAHS.size())) {
                throw new IllegalArgumentException("cluster sizes are 1.." + AAAHS.size() + ", not " + members);
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

    private static final List<String> AAAHS = List.of("aaah", "aaah2", "aaah3");
    private static final Duration START = Duration.ofSeconds(120);

    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();

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
        Map<String, String> properties = properties(options, dir);
        Path config = options.configRoot().toAbsolutePath().normalize();
        Map<String, Path> directories = Map.of("aaah", config.resolve("variants/aaah-cluster/aaah"),
                "aaah2", config.resolve("variants/second-aaah/aaah"), "aaah3", config.resolve("variants/third-aaah/aaah"));
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < members; i++) {
                String aaah = AAAHS.get(i);
                nodes.add(NodeProcess.start(aaah, "AAAH", directories.get(aaah), properties, dir));
                if (i == 0) {
                    // the first member forms the cluster; the others join it
                    awaitReady(properties, "aaah", "\"handlers\":\"installed\"");
                }
            }
            nodes.add(NodeProcess.start("ha", "HA", config.resolve("variants/aaah-cluster/ha"), properties, dir));
            nodes.add(NodeProcess.start("aaaf", "AAAF", config.resolve("variants/aaah-cluster/aaaf"), properties, dir));
            nodes.add(NodeProcess.start("fa", "FA", config.resolve("fa"), properties, dir));
            for (int i = 0; i < members; i++) {
                awaitReady(properties, "aaaf", AAAHS.get(i) + ".home.example");
                awaitReady(properties, AAAHS.get(i), "\"handlers\":\"installed\"");
            }
            awaitReady(properties, "fa", "\"status\":\"UP\"");
            out.printf("%d AAAH member(s), %d mobile nodes registering at once%n", members, options.mobileNodes());

            InetSocketAddress fa = new InetSocketAddress("127.0.0.1", Integer.parseInt(properties.get("fa.udp.port")));
            Load load = new Load(fa, options.mobileNodes());
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
        } finally {
            for (NodeProcess node : nodes) {
                node.stop();
            }
        }
    }

    /** Free ports for every node, the lab PKI, the mobile nodes as subscribers, every JGroups socket on 127.0.0.1. */
    private static Map<String, String> properties(Options options, Path dir) throws IOException {
        Path tls = dir.resolve("tls");
        PkiIssuer.issueAll(tls, "bench cluster lab CA", List.of("aaah.home.example", "aaah2.home.example", "aaah3.home.example",
                "ha.home.example", "aaaf.visited.example", "fa.visited.example"), List.of());
        Path subscribers = dir.resolve("subscribers.properties");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < options.mobileNodes(); i++) {
            lines.append("subscriber.").append(nai(i)).append(".spi=256\n")
                    .append("subscriber.").append(nai(i)).append(".key.hex=").append(HexFormat.of().formatHex(key(i))).append('\n');
        }
        Files.writeString(subscribers, lines.toString(), StandardCharsets.UTF_8);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tls.dir", tls.toString());
        p.put("state.root", dir.resolve("state").toString());
        p.put("subscribers.file", subscribers.toString());
        p.put("MIP_AAA_LOG_LEVEL", "WARN");
        for (String node : List.of("aaah", "aaah2", "aaah3", "ha", "aaaf", "fa")) {
            int tlsPort = LoopbackSetup.freePort();
            p.put(node + ".port", Integer.toString(LoopbackSetup.freePort()));
            p.put(node + ".tls.port", Integer.toString(tlsPort));
            p.put(node + ".link.port", Integer.toString(tlsPort));
            p.put(node + ".ops.port", Integer.toString(LoopbackSetup.freePort()));
        }
        // the AAAHs' shop peers are not part of this bench: nobody listens there
        p.put("aaay.link.port", Integer.toString(LoopbackSetup.freePort()));
        p.put("terminal.link.port", Integer.toString(LoopbackSetup.freePort()));
        p.put("aaah.dials.terminal", "false");
        p.put("ha.udp.port", Integer.toString(LoopbackSetup.freePort()));
        p.put("fa.udp.port", Integer.toString(LoopbackSetup.freePort()));
        p.put("fa.user.plane.port", Integer.toString(LoopbackSetup.freePort()));
        List<String> members = new ArrayList<>();
        for (String aaah : AAAHS) {
            int port = clusterPort();
            p.put(aaah + ".cluster.port", Integer.toString(port));
            members.add("127.0.0.1[" + port + "]");
        }
        p.put("aaah.cluster.address", "127.0.0.1");
        p.put("aaah.cluster.members", String.join(",", members));
        p.put("state.cluster.fd.offset", "1");
        return p;
    }

    /** A JGroups port whose failure-detection port (the next one) is free too. */
    private static int clusterPort() {
        while (true) {
            int port = LoopbackSetup.freePort();
            try (java.net.ServerSocket next = new java.net.ServerSocket(port + 1, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // another one
            }
        }
    }

    private void awaitReady(Map<String, String> properties, String node, String text) throws Exception {
        URI ready = URI.create("http://127.0.0.1:" + properties.get(node + ".ops.port") + "/health/ready");
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains(text)) {
                    return;
                }
            } catch (IOException notYet) {
                // the node is still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(node + " did not report " + text + " within " + START);
    }

    private static void sleepFor(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    static String nai(int i) {
        return "bench" + i + "@home.example";
    }

    static byte[] key(int i) {
        return String.format("bench-mn-key-%03d", i % 1000).getBytes(StandardCharsets.US_ASCII);
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
                    MobileNode mn = new MobileNode(nai(n), MnAaaSecurityAssociation.of(256, key(n)), Ipv4.parse("0.0.0.0"),
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

    /** A node of the bench: its own JVM, its output in a file of the bench's directory. */
    private static final class NodeProcess {

        private final Process process;

        private NodeProcess(Process process) {
            this.process = process;
        }

        static NodeProcess start(String name, String role, Path config, Map<String, String> properties, Path dir) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-Djava.net.preferIPv4Stack=true"));
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.mipaaa.launcher.Main", "node", "--role", role,
                    "--config", config.toString(), "--quiet"));
            return new NodeProcess(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile()).start());
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
