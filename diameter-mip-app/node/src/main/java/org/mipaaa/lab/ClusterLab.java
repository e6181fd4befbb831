package org.mipaaa.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.mipaaa.pki.PkiIssuer;

/**
 * The nodes of config/variants/aaah-cluster on this host, each its own JVM as on a carrier's hosts: up to
 * three AAAH members sharing their state (README "A cluster of AAAHs"), the home agent, the AAAF, the
 * foreign agent of config/fa and, when asked for, the shop's AAAY and terminal. Free loopback ports for
 * every node, every JGroups socket on 127.0.0.1, a lab PKI, and {@code mobileNodes} subscribers
 * ({@link #nai}, with an MN-AAA key and an AAAM-SPI, and a certificate for each one's agent), all in
 * {@code dir}. For the cluster benchmark and the it-tests.
 */
public final class ClusterLab implements AutoCloseable {

    /** The members, as their node names: aaah.home.example, aaah2.home.example, aaah3.home.example. */
    public static final List<String> AAAHS = List.of("aaah", "aaah2", "aaah3");
    private static final List<String> NODES = List.of("aaah", "aaah2", "aaah3", "ha", "aaaf", "fa", "aaay", "terminal");
    private static final Duration STOP = Duration.ofSeconds(20);

    private final Path config;
    private final Path dir;
    private final Map<String, String> properties;
    private final Map<String, Process> running = new LinkedHashMap<>();
    /** Each node's output files, one per run of it. */
    private final Map<String, List<Path>> logs = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private ClusterLab(Path config, Path dir, Map<String, String> properties) {
        this.config = config;
        this.dir = dir;
        this.properties = properties;
    }

    /**
     * Issues the PKI and writes the subscribers into {@code dir}, picks the ports; starts nothing.
     *
     * @param extra more settings for every node ({@code -D}), e.g. {@code MIP_AAA_LOG_LEVEL=WARN}; a key
     *              {@code <node>:<name>} is {@code -D<name>} for that node only, e.g. {@code aaaf:MIP_AAA_LOG_LEVEL}
     */
    public static ClusterLab prepare(Path configRoot, Path dir, int mobileNodes, Map<String, String> extra) throws IOException {
        Path tls = dir.resolve("tls");
        List<String> agents = new ArrayList<>();
        StringBuilder subscribers = new StringBuilder();
        for (int i = 0; i < mobileNodes; i++) {
            agents.add(host(i));
            subscribers.append("subscriber.").append(nai(i)).append(".spi=256\n")
                    .append("subscriber.").append(nai(i)).append(".key.hex=").append(HexFormat.of().formatHex(key(i))).append('\n')
                    .append("subscriber.").append(nai(i)).append(".aaam.spi=").append(aaamSpi(i)).append('\n');
        }
        PkiIssuer.issueAll(tls, "cluster lab CA", List.of("aaah.home.example", "aaah2.home.example", "aaah3.home.example",
                "ha.home.example", "aaaf.visited.example", "fa.visited.example", "aaay.shop.example", "terminal.shop.example"), agents,
                List.of("aaah.home.example", "aaah2.home.example", "aaah3.home.example"));
        Path subscribersFile = dir.resolve("subscribers.properties");
        Files.writeString(subscribersFile, subscribers.toString(), StandardCharsets.UTF_8);

        Map<String, String> p = new LinkedHashMap<>();
        p.put("tls.dir", tls.toString());
        p.put("state.root", dir.resolve("state").toString());
        p.put("subscribers.file", subscribersFile.toString());
        for (String node : NODES) {
            int tlsPort = LoopbackSetup.freePort();
            p.put(node + ".port", Integer.toString(LoopbackSetup.freePort()));
            p.put(node + ".tls.port", Integer.toString(tlsPort));
            p.put(node + ".link.port", Integer.toString(tlsPort));
            p.put(node + ".ops.port", Integer.toString(LoopbackSetup.freePort()));
        }
        // the AAAH sends the terminal nothing here (no terminal settles itself): it need not dial it
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
        // failure detection on the port after each member's
        p.put("state.cluster.fd.offset", "1");
        p.putAll(extra);
        return new ClusterLab(configRoot.toAbsolutePath().normalize(), dir, p);
    }

    /** A free loopback JGroups port whose failure-detection port (the next one) is free too. */
    public static int clusterPort() {
        while (true) {
            int port = LoopbackSetup.freePort();
            try (ServerSocket next = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // another one
            }
        }
    }

    /** Starts {@code node} (one of aaah, aaah2, aaah3, ha, aaaf, fa, aaay, terminal), again after {@link #kill}; returns its process. */
    public Process start(String node) throws IOException {
        if (running.containsKey(node) && running.get(node).isAlive()) {
            throw new IllegalStateException(node + " runs already");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.net.preferIPv4Stack=true"));
        properties.forEach((k, v) -> {
            int colon = k.indexOf(':');
            if (colon < 0) {
                command.add("-D" + k + "=" + v);
            } else if (k.substring(0, colon).equals(node)) {
                command.add("-D" + k.substring(colon + 1) + "=" + v);
            }
        });
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.mipaaa.launcher.Main", "node", "--role", role(node),
                "--config", directory(node).toString(), "--quiet"));
        List<Path> runs = logs.computeIfAbsent(node, k -> new ArrayList<>());
        Path log = dir.resolve(node + "-" + (runs.size() + 1) + ".log");
        runs.add(log);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        running.put(node, process);
        return process;
    }

    /** Kills {@code node} at once (SIGKILL, as {@code kill -9}): it closes nothing, flushes nothing. */
    public void kill(String node) throws InterruptedException {
        Process process = running.get(node);
        process.destroyForcibly();
        process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What {@code node} wrote in its latest run. */
    public String output(String node) {
        List<Path> runs = logs.getOrDefault(node, List.of());
        return runs.isEmpty() ? "" : read(runs.subList(runs.size() - 1, runs.size()));
    }

    /** What {@code node} wrote in its {@code run}-th run (1 for the first). */
    public String output(String node, int run) {
        List<Path> runs = logs.getOrDefault(node, List.of());
        return run < 1 || run > runs.size() ? "" : read(runs.subList(run - 1, run));
    }

    /** Everything {@code node} wrote, in every run of it. */
    public String allOutput(String node) {
        return read(logs.getOrDefault(node, List.of()));
    }

    private static String read(List<Path> files) {
        StringBuilder all = new StringBuilder();
        for (Path log : files) {
            try {
                all.append(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }

    /** {@code node}'s /health/ready body; empty while it does not answer. */
    public String readiness(String node) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + properties.get(node + ".ops.port") + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Waits until {@code node}'s readiness says {@code text}; false after {@code timeout}. */
    public boolean awaitReadiness(String node, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!readiness(node).contains(text)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    /**
     * Whether {@code node} has {@code peer} (a DiameterIdentity) connected, as its readiness says: the
     * peers check lists those still missing ("not connected: ...") or, when none is, the connected ones.
     */
    public boolean connected(String node, String peer) {
        String readiness = readiness(node);
        int at = readiness.indexOf("\"peers\":\"");
        if (at < 0) {
            return false;
        }
        String peers = readiness.substring(at + 9, readiness.indexOf('"', at + 9));
        if (peers.startsWith("not connected: ")) {
            return !List.of(peers.substring("not connected: ".length()).split(",")).contains(peer);
        }
        return peers.startsWith("connected: ") && List.of(peers.substring("connected: ".length()).split(",")).contains(peer);
    }

    /** A setting every node was started with (its ports: {@code <node>.tls.port}, {@code fa.udp.port}, ...). */
    public String setting(String key) {
        return properties.get(key);
    }

    /** Where the lab PKI is: {@code <host>.p12}, {@code <host>.pass}, {@code trust.p12} as {@code mip-aaa pki} writes them. */
    public Path tls() {
        return dir.resolve("tls");
    }

    /** The {@code i}-th subscriber's NAI. */
    public static String nai(int i) {
        return "cluster" + i + "@home.example";
    }

    /** The DiameterIdentity of the {@code i}-th subscriber's agent (its certificate names it). */
    public static String host(int i) {
        return "cluster" + i + ".home.example";
    }

    /** The {@code i}-th subscriber's MN-AAA key. */
    public static byte[] key(int i) {
        return String.format("cluster-mn-%05d", i).getBytes(StandardCharsets.US_ASCII);
    }

    /** The {@code i}-th subscriber's AAAM-SPI (its AAAM key is derived from its MN-AAA key). */
    public static long aaamSpi(int i) {
        return 5000 + i;
    }

    private Path directory(String node) {
        return switch (node) {
            case "aaah" -> config.resolve("variants/aaah-cluster/aaah");
            case "aaah2" -> config.resolve("variants/second-aaah/aaah");
            case "aaah3" -> config.resolve("variants/third-aaah/aaah");
            case "fa" -> config.resolve("fa");
            default -> config.resolve("variants/aaah-cluster").resolve(node);
        };
    }

    private static String role(String node) {
        return node.startsWith("aaah") ? "AAAH" : node.toUpperCase(java.util.Locale.ROOT);
    }

    /** Stops every node still running (SIGTERM, then SIGKILL). */
    @Override
    public void close() throws InterruptedException {
        for (Process process : running.values()) {
            process.destroy();
        }
        for (Process process : running.values()) {
            if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
