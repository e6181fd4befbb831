package org.mipaaa.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may form a cluster of AAAHs (StateStore's class comment): only the member started with
 * state.cluster.bootstrap; the others join a running one and take its state, or do not start. Two
 * members in this JVM, over JGroups on 127.0.0.1, with config/infinispan-cluster.xml's caches and stores.
 */
class ClusterFormationTest {

    private static final Path CONFIG = Path.of("../../config/infinispan-cluster.xml");
    /** A replicated, persistent cache of the cluster's file: the home address pool's claims. */
    private static final String CLAIMS = "home-address-claims";

    @TempDir
    Path dir;

    private int firstPort;
    private int secondPort;
    private final List<StateStore> opened = new ArrayList<>();

    @BeforeEach
    void ports() throws IOException {
        firstPort = freePortPair();
        do {
            secondPort = freePortPair();
        } while (Math.abs(secondPort - firstPort) < 2);
    }

    @AfterEach
    void close() {
        opened.forEach(StateStore::close);
    }

    @Test
    void aMemberThatMayNotFormTheClusterAndFindsNoneRunningDoesNotStart() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> open("aaah2", secondPort, false, "3000", "alone"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("found no running cluster")
                .hasMessageContaining(StateStore.BOOTSTRAP);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(3000);
    }

    @Test
    void aMemberStartedBeforeTheFirstWaitsForItAndTakesTheClustersStateNotWhatItsOwnStoresKept() throws Exception {
        // what each kept on disk from an earlier life: the first's is the realm's, the other's is stale
        try (StateStore first = open("aaah", firstPort, true, "60000", "earlier-first")) {
            first.cache(CLAIMS).put("10.0.0.1", "t1 mn1@home.example");
        }
        try (StateStore other = open("aaah2", secondPort, true, "60000", "earlier-second")) {
            other.cache(CLAIMS).put("10.0.0.2", "t2 mn2@home.example");
        }

        // the other starts first: it finds nobody, forms nothing and waits
        CompletableFuture<StateStore> second = CompletableFuture.supplyAsync(() -> open("aaah2", secondPort, false, "60000", "realm"));
        awaitListening(secondPort);
        assertThat(second).isNotDone();
        StateStore first = open("aaah", firstPort, true, "60000", "realm");
        StateStore joined = second.get(60, TimeUnit.SECONDS);

        assertThat(first.members()).containsExactlyInAnyOrder("aaah", "aaah2");
        assertThat(joined.members()).containsExactlyInAnyOrder("aaah", "aaah2");
        for (StateStore member : List.of(first, joined)) {
            assertThat(member.cache(CLAIMS).get("10.0.0.1")).isEqualTo("t1 mn1@home.example");
            assertThat(member.cache(CLAIMS).containsKey("10.0.0.2")).as("the waiting member's stale claim").isFalse();
        }
        // a member that started its discovery again binds where its first channel did
        long self = ProcessHandle.current().pid();
        assertThat(LoopbackSockets.count(self)).isPositive();
        assertThat(LoopbackSockets.outsideLoopback(self)).as("sockets off the loopback").isEmpty();
    }

    private StateStore open(String node, int port, boolean bootstrap, String joinWaitMs, String cluster) {
        StateStore store = StateStore.open(CONFIG, dir.resolve(node), node, Map.of(
                "state.cluster.bind.address", "127.0.0.1", "state.cluster.bind.port", Integer.toString(port),
                "state.cluster.fd.offset", "1", "state.cluster.name", "formation-" + cluster,
                "state.cluster.members", "127.0.0.1[" + firstPort + "],127.0.0.1[" + secondPort + "]",
                StateStore.BOOTSTRAP, Boolean.toString(bootstrap), StateStore.JOIN_WAIT, joinWaitMs));
        synchronized (opened) {
            opened.add(store);
        }
        return store;
    }

    /** Waits until the member's JGroups transport listens: it has started looking for the cluster. */
    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on 127.0.0.1:" + port);
    }

    /** A free loopback port whose next port (failure detection's) is free too. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            try (ServerSocket a = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                 ServerSocket b = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IOException("no two free loopback ports found");
    }
}
