package org.mipaaa.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.lab.Topology;
import org.mipaaa.node.ConfigLayout;
import org.mipaaa.role.Role;
import org.mipaaa.trace.FlowTrace;
import org.mipaaa.trace.TraceEvent;

/**
 * Builds the seed's topology (Fig. 1) from the project's own {@code config/} on free loopback ports:
 * real jDiameter stacks, real sockets, TLS links with a CA made for the topology, each node with its
 * own embedded Infinispan. What a test sees of the wire is the flow trace, recorded in {@link #events()}.
 */
public class TopologyFixture implements AutoCloseable {

    private final List<TraceEvent> events = new CopyOnWriteArrayList<>();
    private ConfigLayout layout = ConfigLayout.of(configRoot());
    private LoopbackSetup setup;
    private Topology topology;
    private CommandFormats commandFormats;

    /** Builds the topology variant {@code name} ({@code config/variants/<name>/}) instead of Fig. 1; before {@link #start}. */
    public TopologyFixture variant(String name) {
        layout = ConfigLayout.variant(configRoot(), name);
        return this;
    }

    public ConfigLayout layout() {
        return layout;
    }

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
     * Checks every message the nodes decode against its command's CCF ({@link CommandFormats}); before
     * {@link #start}. What breaks one is in {@link #commandFormats()}.
     */
    public TopologyFixture checkingCommandFormats() {
        commandFormats = new CommandFormats();
        return this;
    }

    /** The CCF check of {@link #checkingCommandFormats()}. */
    public CommandFormats commandFormats() {
        return java.util.Objects.requireNonNull(commandFormats, "not checking command formats");
    }

    /**
     * Starts {@code roles}, each node with {@code applications} installed before its stack starts. The
     * links are TLS unless {@code extraOverrides} sets {@code link.security=none} (plain TCP links).
     */
    public TopologyFixture start(Set<Role> roles, RoleApplications applications,
                                 Map<String, String> extraOverrides) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("reconnect.ms", "1000");
        // RFC 3539 §3.4.1 minimum Tw, so watchdog exchanges show within a test
        overrides.put("watchdog.ms", "6000");
        overrides.putAll(extraOverrides);
        setup = LoopbackSetup.create(layout, true, overrides, List.of());
        FlowTrace trace = new FlowTrace().add(events::add);
        if (commandFormats != null) {
            trace.add(commandFormats);
        }
        topology = Topology.start(layout, roles, setup.overrides(), applications, trace);
        if (!topology.awaitLinks(Duration.ofSeconds(20))) {
            close();
            throw new IllegalStateException("peer links did not come up");
        }
        return this;
    }

    public TopologyFixture startAll() throws Exception {
        // plain TCP listeners on as well: the tests of this shared topology try strangers over TCP too;
        // each role's own applications, so that what a node serves reaches the dictionary's checks (a
        // command no role serves is 3001 before them)
        return start(EnumSet.allOf(Role.class), RoleApplications.STANDARD, Map.of("transport.tcp.listen", "true"));
    }

    /** Test handlers only: each role gets what {@code handlers} gives it, none of its own applications. */
    public static RoleApplications only(Function<Role, HandlerRegistry> handlers) {
        return ctx -> {
            ctx.handlers().registerAll(handlers.apply(ctx.role()));
            return null;
        };
    }

    /** Each role's own applications, except {@code role}, for which {@code custom} installs what the test needs. */
    public static RoleApplications standardExcept(Role role, RoleApplications custom) {
        return ctx -> ctx.role() == role ? custom.install(ctx) : RoleApplications.STANDARD.install(ctx);
    }

    public Topology topology() {
        return topology;
    }

    /** The plain TCP port a role's node listens on. */
    public int port(Role role) {
        return setup.port(role);
    }

    /** The TLS port a role's node listens on. */
    public int tlsPort(Role role) {
        return setup.tlsPort(role);
    }

    /** The configuration overrides the nodes were started with: free ports, state and TLS directories. */
    public Map<String, String> overrides() {
        return setup.overrides();
    }

    /** The directory holding this topology's CA and node keys ({@code tls.dir}). */
    public Path tlsDirectory() {
        return setup.tlsDirectory();
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
        if (setup != null) {
            setup.close();
            setup = null;
        }
    }
}
