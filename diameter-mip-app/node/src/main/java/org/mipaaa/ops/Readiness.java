package org.mipaaa.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.mipaaa.install.Installation;

/**
 * Whether the node may be given traffic: its applications are installed (every handler registered),
 * its state store runs, and the peers it needs are connected (CER/CEA done). Until all three hold, a
 * load balancer or an orchestrator keeps traffic away and the node answers nothing of its own.
 *
 * <p>A needed peer may have alternatives: an AAAF that dials the members of a cluster of AAAHs serves
 * through any of them, so one member down leaves it ready (the peers check still names the missing one).
 */
public final class Readiness {

    /** What one look found: each check's state, and whether all passed. */
    public record Report(boolean ready, Map<String, String> checks) {
    }

    private final List<Set<String>> requiredPeers;
    private final Supplier<Set<String>> connectedPeers;
    private volatile Installation installation;

    /**
     * @param requiredPeers  the DiameterIdentities that must be connected
     * @param connectedPeers the DiameterIdentities connected now
     */
    public Readiness(Set<String> requiredPeers, Supplier<Set<String>> connectedPeers) {
        this(requiredPeers.stream().map(Set::of).toList(), connectedPeers);
    }

    /**
     * @param requiredPeers  groups of DiameterIdentities (lower case), one of each group must be connected
     * @param connectedPeers the DiameterIdentities connected now
     */
    public Readiness(List<Set<String>> requiredPeers, Supplier<Set<String>> connectedPeers) {
        this.requiredPeers = requiredPeers.stream().map(Set::copyOf).toList();
        this.connectedPeers = connectedPeers;
    }

    /** The applications are installed: every handler of the node's roles is registered. */
    public void installed(Installation installation) {
        this.installation = installation;
    }

    public Report check() {
        Map<String, String> checks = new LinkedHashMap<>();
        Installation installed = installation;
        boolean handlers = installed != null;
        checks.put("handlers", handlers ? "installed" : "not installed yet");
        boolean running = handlers && installed.state().isRunning();
        List<String> unavailable = running ? installed.state().unavailableCaches() : List.of();
        boolean state = running && unavailable.isEmpty();
        checks.put("state", !handlers ? "not open yet" : !running ? "not running"
                : !unavailable.isEmpty() ? "unavailable: in a minority of its cluster (" + String.join(",", unavailable) + ")"
                : installed.state().members().size() > 1 ? "running, cluster of " + String.join(",", installed.state().members())
                : "running");
        Set<String> required = new TreeSet<>();
        requiredPeers.forEach(required::addAll);
        Set<String> connected = new TreeSet<>();
        if (handlers) {
            connectedPeers.get().forEach(p -> connected.add(p.toLowerCase(Locale.ROOT)));
        }
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(connected);
        boolean peers = requiredPeers.stream().allMatch(group -> group.stream().anyMatch(connected::contains));
        checks.put("peers", missing.isEmpty() ? "connected: " + String.join(",", required)
                : "not connected: " + String.join(",", missing));
        return new Report(handlers && state && peers, checks);
    }
}
