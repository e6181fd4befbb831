package org.mipaaa.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.node.Role;
import org.mipaaa.node.Topology;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.trace.FlowTrace;
import org.mipaaa.trace.TraceEvent;

/**
 * Builds the seed's topology (Fig. 1) from the project's own {@code config/} on free loopback ports:
 * real jDiameter stacks, real sockets, each node with its own embedded Infinispan. What a test sees of
 * the wire is the flow trace, recorded in {@link #events()}.
 */
public class TopologyFixture implements AutoCloseable {

    private final List<TraceEvent> events = new CopyOnWriteArrayList<>();
    private final Map<Role, Integer> ports = new EnumMap<>(Role.class);
    private final Map<Role, Integer> tlsPorts = new EnumMap<>(Role.class);
    private Topology topology;
    private Path stateRoot;
    private Path tlsDir;

    /** The repository's config/ directory, found from the module's working directory. */
    public static Path configRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("config/aaah"))) {
                return p.resolve("config");
            }
        }
        throw new IllegalStateException("no config/ directory above " + here);
    }

    /**
     * Starts {@code roles} with their handlers. The links are TLS, with certificates of a CA made for
     * this topology, unless {@code extraOverrides} sets {@code link.security=none} (plain TCP links).
     */
    public TopologyFixture start(Set<Role> roles, Function<Role, HandlerRegistry> handlers,
                                 Map<String, String> extraOverrides) throws Exception {
        stateRoot = Files.createTempDirectory("mip-aaa-it-state");
        tlsDir = Files.createTempDirectory("mip-aaa-it-tls");
        boolean plainLinks = "none".equals(extraOverrides.get("link.security"));
        Map<String, String> overrides = new HashMap<>();
        for (Role role : Role.values()) {
            String name = role.name().toLowerCase(Locale.ROOT);
            overrides.put(name + ".port", Integer.toString(FreePorts.next()));
            overrides.put(name + ".tls.port", Integer.toString(FreePorts.next()));
        }
        overrides.put("tls.dir", tlsDir.toString());
        overrides.put("state.root", stateRoot.toString());
        overrides.put("reconnect.ms", "1000");
        // RFC 3539 §3.4.1 minimum Tw, so watchdog exchanges show within a test
        overrides.put("watchdog.ms", "6000");
        overrides.putAll(extraOverrides);
        for (Role role : Role.values()) {
            String name = role.name().toLowerCase(Locale.ROOT);
            ports.put(role, Integer.parseInt(overrides.get(name + ".port")));
            tlsPorts.put(role, Integer.parseInt(overrides.get(name + ".tls.port")));
            // peers are dialled on their TLS port, or on their TCP port when the links are plain
            overrides.putIfAbsent(name + ".link.port", overrides.get(name + (plainLinks ? ".port" : ".tls.port")));
        }
        PkiIssuer.issueAll(tlsDir, "mip-aaa test CA", Topology.hosts(configRoot(), EnumSet.allOf(Role.class), overrides));
        topology = Topology.start(configRoot(), roles, overrides, handlers, new FlowTrace().add(events::add));
        if (!topology.awaitLinks(Duration.ofSeconds(20))) {
            close();
            throw new IllegalStateException("peer links did not come up");
        }
        return this;
    }

    public TopologyFixture startAll() throws Exception {
        return start(EnumSet.allOf(Role.class), role -> new HandlerRegistry(), Map.of());
    }

    public Topology topology() {
        return topology;
    }

    /** The plain TCP port a role's node listens on. */
    public int port(Role role) {
        return ports.get(role);
    }

    /** The TLS port a role's node listens on. */
    public int tlsPort(Role role) {
        return tlsPorts.get(role);
    }

    /** The directory holding this topology's CA and node keys ({@code tls.dir}). */
    public Path tlsDirectory() {
        return tlsDir;
    }

    public List<TraceEvent> events() {
        return events;
    }

    @Override
    public void close() {
        if (topology != null) {
            topology.close();
            topology = null;
        }
        deleteTree(stateRoot);
        deleteTree(tlsDir);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // temporary directory; nothing to do
        }
    }
}
