package org.mipaaa.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mipaaa.install.RoleApplications;
import org.mipaaa.node.ConfigLayout;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.role.Role;
import org.mipaaa.trace.TraceSink;

/**
 * Several nodes in one process, each its own jDiameter stack on loopback, started from
 * {@code <configRoot>/<role>/} (or a variant's {@link ConfigLayout}): the embedded demo, and the
 * topology of integration tests. Nodes are named by their main role.
 */
public final class Topology implements AutoCloseable {

    /** Servers first, so the nodes that connect out find their peers listening. */
    public static final List<Role> START_ORDER = List.of(Role.AAAH, Role.HA, Role.AAAY, Role.TERMINAL, Role.AAAF, Role.FA);

    private final Map<Role, DiameterNode> nodes;
    private final ConfigLayout layout;
    private final Map<String, String> overrides;
    private final RoleApplications applications;
    private final TraceSink trace;
    private final Set<Role> stopped = java.util.EnumSet.noneOf(Role.class);

    private Topology(Map<Role, DiameterNode> nodes, ConfigLayout layout, Map<String, String> overrides,
                     RoleApplications applications, TraceSink trace) {
        this.nodes = nodes;
        this.layout = layout;
        this.overrides = overrides;
        this.applications = applications;
        this.trace = trace;
    }

    /**
     * Starts {@code roles} (in {@link #START_ORDER}) from {@code configRoot}, with {@code overrides}
     * for the configuration placeholders, each node with {@code applications} installed for its roles
     * ({@link RoleApplications#STANDARD}: the roles' own).
     */
    public static Topology start(Path configRoot, Set<Role> roles, Map<String, String> overrides,
                                 RoleApplications applications, TraceSink trace) throws Exception {
        return start(ConfigLayout.of(configRoot), roles, overrides, applications, trace);
    }

    /**
     * As {@link #start(Path, Set, Map, RoleApplications, TraceSink)}, the nodes laid out by {@code layout}: a
     * role that another node plays ({@code role=AAAH,AAAY}) starts with that node.
     */
    public static Topology start(ConfigLayout layout, Set<Role> roles, Map<String, String> overrides,
                                 RoleApplications applications, TraceSink trace) throws Exception {
        Map<Role, DiameterNode> started = new EnumMap<>(Role.class);
        try {
            for (Role role : START_ORDER) {
                if (roles.contains(role) && layout.directory(role).isPresent()) {
                    started.put(role, DiameterNode.start(layout.config(role, overrides), applications, trace));
                }
            }
        } catch (Exception | Error e) {
            new Topology(started, layout, overrides, applications, trace).close();
            throw e;
        }
        return new Topology(started, layout, overrides, applications, trace);
    }

    /** Stops one node (DPR to its peers), an outage until {@link #restart} starts it again. */
    public synchronized void stop(Role role) {
        if (stopped.add(layout.nodeOf(role))) {
            node(role).close();
        }
    }

    /**
     * Stops one node (DPR to its peers), unless {@link #stop} did, and starts it again from the same
     * configuration, as an operator restarting a process would; its peers reconnect by themselves.
     */
    public synchronized DiameterNode restart(Role role) throws Exception {
        Role main = layout.nodeOf(role);
        if (!stopped.remove(main)) {
            node(main).close();
        }
        DiameterNode fresh = DiameterNode.start(config(main), applications, trace);
        nodes.put(main, fresh);
        return fresh;
    }

    /** The configuration the node playing {@code role} was started from. */
    public ConfigSource config(Role role) {
        return layout.config(role, overrides);
    }

    /** The DiameterIdentity of each role's node under {@code configRoot}, in {@link #START_ORDER}. */
    public static List<String> hosts(Path configRoot, Set<Role> roles, Map<String, String> overrides) {
        return hosts(ConfigLayout.of(configRoot), roles, overrides);
    }

    /** The DiameterIdentity of each node of {@code layout} playing one of {@code roles}, in {@link #START_ORDER}, each once. */
    public static List<String> hosts(ConfigLayout layout, Set<Role> roles, Map<String, String> overrides) {
        List<String> hosts = new ArrayList<>();
        for (Role role : START_ORDER) {
            if (roles.contains(role)) {
                String host = layout.config(role, overrides).localHost();
                if (!hosts.contains(host)) {
                    hosts.add(host);
                }
            }
        }
        return hosts;
    }

    /** The node that plays {@code role} (its own, or the node of a variant that plays it besides its main role). */
    public DiameterNode node(Role role) {
        DiameterNode node = nodes.get(layout.nodeOf(role));
        if (node == null) {
            throw new IllegalArgumentException(role + " is not part of this topology");
        }
        return node;
    }

    public Set<Role> roles() {
        return Collections.unmodifiableSet(nodes.keySet());
    }

    /**
     * Waits until every node is connected to each other node of the topology it is configured with;
     * false when {@code timeout} passes first.
     */
    public boolean awaitLinks(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (DiameterNode node : nodes.values()) {
            Set<String> expected = node.configuredPeers();
            expected.retainAll(hosts());
            long left = deadline - System.nanoTime();
            if (left <= 0 || !node.awaitPeers(expected, Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    private Set<String> hosts() {
        Set<String> hosts = new java.util.HashSet<>();
        nodes.values().forEach(n -> hosts.add(n.host()));
        return hosts;
    }

    /**
     * Stops the agents of every node first, in the reverse order of their start, while all links are
     * up (the FA's last STOP records reach the AAAF and the AAAH). Then the nodes, in waves of nodes
     * that are not peers of each other: each node's DPR (RFC 6733 §5.4) still finds its peers up to
     * answer DPA, and jDiameter's stop, about two seconds per stack, is paid once per wave rather
     * than once per node.
     */
    @Override
    public synchronized void close() {
        List<DiameterNode> remaining = new ArrayList<>(nodes.values());
        remaining.removeIf(n -> stopped.contains(n.role()));
        remaining.sort((a, b) -> Integer.compare(START_ORDER.indexOf(b.role()), START_ORDER.indexOf(a.role())));
        remaining.forEach(DiameterNode::closeAgents);
        while (!remaining.isEmpty()) {
            // the nodes with the most peers still up first: a chain FA-AAAF-AAAH-HA stops in two waves
            List<DiameterNode> byLivePeers = new ArrayList<>(remaining);
            byLivePeers.sort((a, b) -> Long.compare(livePeers(b, remaining), livePeers(a, remaining)));
            List<DiameterNode> wave = new ArrayList<>();
            for (DiameterNode node : byLivePeers) {
                if (wave.stream().noneMatch(w -> w.configuredPeers().contains(node.host()) || node.configuredPeers().contains(w.host()))) {
                    wave.add(node);
                }
            }
            closeTogether(wave);
            remaining.removeAll(wave);
        }
    }

    private static long livePeers(DiameterNode node, List<DiameterNode> up) {
        return up.stream().filter(other -> node.configuredPeers().contains(other.host())).count();
    }

    private static void closeTogether(List<DiameterNode> wave) {
        List<Thread> closing = new ArrayList<>();
        for (DiameterNode node : wave) {
            Thread t = new Thread(node::close, "close-" + node.host());
            t.start();
            closing.add(t);
        }
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
