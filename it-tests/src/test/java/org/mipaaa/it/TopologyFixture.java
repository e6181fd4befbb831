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
    private Topology topology;
    private Path stateRoot;

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

    public TopologyFixture start(Set<Role> roles, Function<Role, HandlerRegistry> handlers,
                                 Map<String, String> extraOverrides) throws Exception {
        stateRoot = Files.createTempDirectory("mip-aaa-it-state");
        Map<String, String> overrides = new HashMap<>();
        for (Role role : Role.values()) {
            int port = FreePorts.next();
            ports.put(role, port);
            overrides.put(role.name().toLowerCase(Locale.ROOT) + ".port", Integer.toString(port));
        }
        overrides.put("state.root", stateRoot.toString());
        overrides.put("reconnect.ms", "1000");
        // RFC 3539 §3.4.1 minimum Tw, so watchdog exchanges show within a test
        overrides.put("watchdog.ms", "6000");
        overrides.putAll(extraOverrides);
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

    public int port(Role role) {
        return ports.get(role);
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
        if (stateRoot != null) {
            try (var walk = Files.walk(stateRoot)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException e) {
                // temporary directory; nothing to do
            }
        }
    }
}
