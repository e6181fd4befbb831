package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.state.LoopbackSockets;

/**
 * Three AAAH processes share one home address pool through the shipped config/infinispan-cluster.xml
 * (docs/ARCHITECTURE.md "Clustered state"). One is killed with SIGKILL while all three allocate; the
 * two others keep allocating and release addresses, some of them the dead member's; the dead member
 * restarts on its old stores, rejoins and serves. Afterwards every member sees the same pool, in which
 * every acknowledged address is held by its mobile node, no released one came back, and no address
 * is held twice. Every socket of the members is on 127.0.0.1.
 */
class ClusteredPoolTest {

    private static final Path CONFIG = Path.of("../../config/infinispan-cluster.xml");
    private static final String RANGE = "10.1.0.1-10.1.0.250";
    private static final int PER_MEMBER = 40;
    /** acknowledgements of the member to kill before it dies: it dies in mid-run */
    private static final int BEFORE_KILL = 12;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path data;

    /** the member that forms the cluster (state.cluster.bootstrap); the others join it */
    private static final String FIRST = "a";
    private final List<Member> started = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        started.forEach(Member::kill);
    }

    @Test
    void aMemberKilledWhileAllocatingLosesNothingAcknowledgedAndRejoinsWithTheClustersPool() throws Exception {
        int base = freePorts();
        String members = "127.0.0.1[" + base + "],127.0.0.1[" + (base + 2) + "],127.0.0.1[" + (base + 4) + "]";
        Member a = start("a", base, members);
        a.await(l -> l.startsWith("READY"));
        Member b = start("b", base + 2, members);
        Member c = start("c", base + 4, members);
        b.await(l -> l.startsWith("READY"));
        c.await(l -> l.startsWith("READY"));
        a.command("members");
        assertThat(a.lastOf("MEMBERS")).isEqualTo("MEMBERS 3");

        a.send("allocate a 0 " + PER_MEMBER);
        b.send("allocate b 0 " + PER_MEMBER);
        c.send("allocate c 0 " + PER_MEMBER);
        b.await(l -> l.startsWith("ACK") && b.acknowledged().size() >= BEFORE_KILL);
        b.kill();
        Map<String, String> acknowledgedByB = b.acknowledged();
        a.await(l -> l.equals("DONE allocate"));
        c.await(l -> l.equals("DONE allocate"));
        assertThat(a.acknowledged()).hasSize(PER_MEMBER);
        assertThat(c.acknowledged()).hasSize(PER_MEMBER);
        // the survivors went on while the member died and the cluster saw it gone (a closed socket)
        assertThat(a.longestGapBetweenAcknowledgements()).isLessThan(Duration.ofSeconds(10));
        assertThat(c.longestGapBetweenAcknowledgements()).isLessThan(Duration.ofSeconds(10));

        // releases after the kill, among them addresses the dead member's own stores still hold
        a.command("release a 0 " + PER_MEMBER + " 3");
        c.command("release c 0 " + PER_MEMBER + " 3");
        a.command("release b 0 " + BEFORE_KILL + " 2");

        Member again = start("b", base + 2, members);
        again.await(l -> l.startsWith("READY"));
        String dump = "dump a b c " + (PER_MEMBER + 5);
        again.command("allocate b " + PER_MEMBER + " " + (PER_MEMBER + 5));
        a.command(dump);
        again.command(dump);
        Map<String, String> pool = a.held();

        assertThat(again.held()).as("the rejoined member's view").isEqualTo(pool);
        assertThat(new HashMap<>(pool).values()).as("no address held twice").doesNotHaveDuplicates();
        expectHeld(pool, a.acknowledged(), a.released());
        expectHeld(pool, c.acknowledged(), c.released());
        expectHeld(pool, acknowledgedByB, a.released());
        expectHeld(pool, again.acknowledged(), List.of());
        assertThat(again.acknowledged()).hasSize(5);

        for (Member m : List.of(a, c, again)) {
            assertThat(LoopbackSockets.count(m.process.pid())).as("sockets of " + m.name).isPositive();
            assertThat(LoopbackSockets.outsideLoopback(m.process.pid())).as("sockets of " + m.name + " off the loopback").isEmpty();
        }
    }

    private static void expectHeld(Map<String, String> pool, Map<String, String> acknowledged, List<String> released) {
        acknowledged.forEach((nai, address) -> {
            if (released.contains(nai)) {
                assertThat(pool).as("released " + nai).doesNotContainKey(nai);
            } else {
                assertThat(pool).as("acknowledged " + nai).containsEntry(nai, address);
            }
        });
    }

    /** A base port with it and the five above free on the loopback (three members, each with a failure-detection port). */
    private static int freePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 30_000) * 2;
            List<ServerSocket> probes = new ArrayList<>();
            try {
                for (int p = base; p < base + 6; p++) {
                    probes.add(new ServerSocket(p, 1, InetAddress.getLoopbackAddress()));
                }
                return base;
            } catch (IOException taken) {
                // another port range
            } finally {
                for (ServerSocket s : probes) {
                    s.close();
                }
            }
        }
        throw new IOException("no six free loopback ports found");
    }

    private Member start(String name, int port, String members) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.net.preferIPv4Stack=true", "-cp", System.getProperty("java.class.path"),
                ClusterMember.class.getName(), CONFIG.toAbsolutePath().toString(), data.resolve(name).toString(), name,
                Integer.toString(port), "1", members, RANGE, Boolean.toString(name.equals(FIRST)))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Member member = new Member(name, process);
        started.add(member);
        return member;
    }

    /** A member process and what it printed. */
    private static final class Member {

        final String name;
        final Process process;
        private final PrintWriter in;
        private final List<String> lines = new ArrayList<>();

        Member(String name, Process process) {
            this.name = name;
            this.process = process;
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException ended) {
                    // the process died: what it printed is kept
                }
            }, "member-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        void send(String command) {
            in.println(command);
        }

        /** Sends {@code command} and waits for its end; commands of one member run one after the other. */
        void command(String command) throws Exception {
            int before = count("DONE ");
            send(command);
            await(l -> count("DONE ") > before);
        }

        void await(Predicate<String> condition) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            synchronized (lines) {
                while (lines.stream().noneMatch(condition)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !process.isAlive() && lines.stream().noneMatch(condition)) {
                        throw new TimeoutException("member " + name + " printed " + lines);
                    }
                    lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, TimeUnit.SECONDS.toNanos(1)))));
                }
            }
        }

        private int count(String prefix) {
            synchronized (lines) {
                return (int) lines.stream().filter(l -> l.startsWith(prefix)).count();
            }
        }

        String lastOf(String prefix) {
            synchronized (lines) {
                return lines.stream().filter(l -> l.startsWith(prefix)).reduce((x, y) -> y).orElse("");
            }
        }

        Map<String, String> acknowledged() {
            Map<String, String> acks = new LinkedHashMap<>();
            synchronized (lines) {
                lines.stream().filter(l -> l.startsWith("ACK ")).map(l -> l.split(" ")).forEach(f -> acks.put(f[1], f[2]));
            }
            return acks;
        }

        Duration longestGapBetweenAcknowledgements() {
            synchronized (lines) {
                List<Long> at = lines.stream().filter(l -> l.startsWith("ACK ")).map(l -> Long.parseLong(l.split(" ")[3])).toList();
                long longest = 0;
                for (int i = 1; i < at.size(); i++) {
                    longest = Math.max(longest, at.get(i) - at.get(i - 1));
                }
                return Duration.ofMillis(longest);
            }
        }

        List<String> released() {
            synchronized (lines) {
                return lines.stream().filter(l -> l.startsWith("REL ")).map(l -> l.substring(4)).toList();
            }
        }

        /** The pool as the last dump printed it: NAI -> address held. */
        Map<String, String> held() {
            Map<String, String> held = new LinkedHashMap<>();
            synchronized (lines) {
                int from = lines.lastIndexOf("DONE dump");
                int start = from;
                while (start > 0 && (lines.get(start - 1).startsWith("HOLDS ") || lines.get(start - 1).startsWith("NONE "))) {
                    start--;
                }
                lines.subList(start, from).stream().filter(l -> l.startsWith("HOLDS "))
                        .map(l -> l.split(" ")).forEach(f -> held.put(f[1], f[2]));
            }
            return held;
        }

        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
