package org.mipaaa.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.mipaaa.node.ConfigLayout;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;

/**
 * What a topology of nodes on one machine needs beyond config/: a state directory and a lab PKI in
 * temporary directories, and the configuration overrides that point the nodes at them; optionally
 * free ports instead of the configured ones, and plain TCP links instead of TLS. Used by the demo, the
 * benchmarks and the integration tests; {@link #close()} deletes the directories.
 */
public final class LoopbackSetup implements AutoCloseable {

    /**
     * The DiameterIdentities of the demo's mobile nodes, whose AAAM agents connect over TLS to the AAAH
     * and the AAAF (config/aaah and config/aaaf list them as peers): they get a key from the lab CA too.
     */
    public static final List<String> MOBILE_NODES = List.of("mn1.home.example", "mn2.home.example");

    /**
     * Ports are taken below Linux's ephemeral range, which outgoing connections draw from. JVMs that run
     * side by side on one machine (two test forks, a demo next to a test run) each take their own slice
     * of it, claimed by locking a file in the temporary directory for the life of the JVM: a port tested
     * free in one JVM is not yet bound, and another JVM must not pick it meanwhile.
     */
    private static final int POOL_LOW = 20_000;
    private static final int POOL_HIGH = 32_000;
    private static final int SLICES = 4;
    private static final int SLICE_SIZE = (POOL_HIGH - POOL_LOW) / SLICES;
    private static final int LOW_PORT = POOL_LOW + PortSlice.claim(SLICES) * SLICE_SIZE;
    private static final int HIGH_PORT = LOW_PORT + SLICE_SIZE;

    private final Path stateDirectory;
    private final Path tlsDirectory;
    private final Map<String, String> overrides;
    private final Map<Role, Integer> ports;
    private final Map<Role, Integer> tlsPorts;

    private LoopbackSetup(Path stateDirectory, Path tlsDirectory, Map<String, String> overrides,
                          Map<Role, Integer> ports, Map<Role, Integer> tlsPorts) {
        this.stateDirectory = stateDirectory;
        this.tlsDirectory = tlsDirectory;
        this.overrides = Map.copyOf(overrides);
        this.ports = ports;
        this.tlsPorts = tlsPorts;
    }

    /**
     * @param configRoot the role directories
     * @param freePorts  pick free loopback ports for every role instead of the configured ones
     * @param extra      further overrides; {@code link.security=none} makes the links plain TCP
     */
    public static LoopbackSetup create(Path configRoot, boolean freePorts, Map<String, String> extra) {
        return create(configRoot, freePorts, extra, java.util.List.of());
    }

    /**
     * As {@link #create(Path, boolean, Map)}, and the lab CA also issues a key and certificate to each of
     * {@code clientHosts}: mobile nodes whose AAAM agent connects to the nodes over TLS.
     */
    public static LoopbackSetup create(Path configRoot, boolean freePorts, Map<String, String> extra,
                                       java.util.List<String> clientHosts) {
        return create(ConfigLayout.of(configRoot), freePorts, extra, clientHosts);
    }

    /** As {@link #create(Path, boolean, Map, java.util.List)}, for the nodes of {@code layout} (a topology variant). */
    public static LoopbackSetup create(ConfigLayout layout, boolean freePorts, Map<String, String> extra,
                                       java.util.List<String> clientHosts) {
        try {
            Path state = Files.createTempDirectory("mip-aaa-state");
            Path tls = Files.createTempDirectory("mip-aaa-tls");
            Map<String, String> overrides = new HashMap<>();
            overrides.put("state.root", state.toString());
            overrides.put("tls.dir", tls.toString());
            if (freePorts) {
                for (Role role : Role.values()) {
                    String name = key(role);
                    overrides.put(name + ".port", Integer.toString(freePort()));
                    overrides.put(name + ".tls.port", Integer.toString(freePort()));
                }
                overrides.put("fa.udp.port", Integer.toString(freePort()));
                overrides.put("ha.udp.port", Integer.toString(freePort()));
                // each node's operations endpoint on a port of its own choosing (DiameterNode#ops tells which)
                overrides.put("ops.port", "0");
            }
            overrides.putAll(extra);
            // plain links asked for by the caller, or on the command line (-Dlink.security=none: the demo for a lab's capture)
            boolean plainLinks = "none".equals(overrides.getOrDefault("link.security", System.getProperty("link.security", "")));
            if (plainLinks) {
                // the shipped nodes listen on TLS only; plain links need their TCP listeners
                overrides.putIfAbsent("transport.tcp.listen", "true");
            }
            Map<Role, Integer> ports = new EnumMap<>(Role.class);
            Map<Role, Integer> tlsPorts = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                // a role another node plays is reached at that node's ports
                ConfigSource config = layout.config(role, overrides);
                ports.put(role, Integer.parseInt(config.localPort()));
                tlsPorts.put(role, Integer.parseInt(config.require("transport.tls.port")));
                // peers are dialled on their TLS port, or on their TCP port when the links are plain
                overrides.putIfAbsent(key(role) + ".link.port", Integer.toString(plainLinks ? ports.get(role) : tlsPorts.get(role)));
            }
            java.util.Set<String> hosts = new java.util.LinkedHashSet<>(Topology.hosts(layout, EnumSet.allOf(Role.class), overrides));
            java.util.Set<String> mobileNodes = new java.util.LinkedHashSet<>(MOBILE_NODES);
            mobileNodes.addAll(clientHosts);
            // mobile nodes get certificates for TLS clients only: the nodes admit them by that (transport.mobile.nodes)
            PkiIssuer.issueAll(tls, "mip-aaa lab CA", new ArrayList<>(hosts), new ArrayList<>(mobileNodes));
            return new LoopbackSetup(state, tls, overrides, ports, tlsPorts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, String> overrides() {
        return overrides;
    }

    /** The plain TCP port of a role's node. */
    public int port(Role role) {
        return ports.get(role);
    }

    /** The TLS port of a role's node. */
    public int tlsPort(Role role) {
        return tlsPorts.get(role);
    }

    /** The lab PKI: {@code trust.p12}, {@code <host>.p12}, PEM copies ({@link PkiIssuer}). */
    public Path tlsDirectory() {
        return tlsDirectory;
    }

    /**
     * Every port {@link #freePort} handed out in this process: ports are a resource of the whole
     * process, and a port only tested free is not yet taken, so it must not be handed out again (a
     * random pick per call without this gave the same port twice in one topology now and then).
     */
    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A free TCP port on loopback, below the ephemeral range, at random; never one this process was given before. */
    public static int freePort() {
        int start = LOW_PORT + ThreadLocalRandom.current().nextInt(HIGH_PORT - LOW_PORT);
        for (int i = 0; i < HIGH_PORT - LOW_PORT; i++) {
            int port = LOW_PORT + (start - LOW_PORT + i) % (HIGH_PORT - LOW_PORT);
            if (GIVEN.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                if (GIVEN.add(port)) {
                    return port;
                }
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IllegalStateException("no free port between " + LOW_PORT + " and " + HIGH_PORT);
    }

    private static String key(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        delete(stateDirectory);
        delete(tlsDirectory);
    }

    private static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
