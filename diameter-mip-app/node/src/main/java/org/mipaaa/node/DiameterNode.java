package org.mipaaa.node;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.DisconnectCause;
import org.jdiameter.api.Network;
import org.jdiameter.api.Peer;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.PeerTable;
import org.jdiameter.client.api.controller.IRealm;
import org.jdiameter.server.impl.NetworkImpl;
import org.jdiameter.server.impl.StackImpl;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.install.ExtendedConfiguration;
import org.mipaaa.install.Installation;
import org.mipaaa.install.MipAaa;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.ops.BillingResource;
import org.mipaaa.ops.NodeMeters;
import org.mipaaa.ops.OpsEndpoint;
import org.mipaaa.ops.Readiness;
import org.mipaaa.role.Role;
import org.mipaaa.state.StateStore;
import org.mipaaa.trace.TraceSink;
import org.mipaaa.transport.ConnectionWatchdog;
import org.mipaaa.transport.TlsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our standalone node: a jDiameter Stack built from a configuration directory of {@code config/}, with
 * this project's jDiameter extensions (TLS-first transport, conformant error answers, flow trace), the
 * applications of its roles installed on it through {@link MipAaa} like on any carrier's stack, then
 * started. {@link #close()} stops the roles' agents, sends DPR to every peer and stops.
 */
public final class DiameterNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiameterNode.class);

    private final NodeSettings settings;
    private final StackImpl stack;
    private final Installation installation;
    private final ConnectionWatchdog watchdog;
    private final NodeMeters meters;
    private final OpsEndpoint ops;

    private DiameterNode(NodeSettings settings, StackImpl stack, Installation installation, ConnectionWatchdog watchdog,
                         NodeMeters meters, OpsEndpoint ops) {
        this.settings = settings;
        this.stack = stack;
        this.installation = installation;
        this.watchdog = watchdog;
        this.meters = meters;
        this.ops = ops;
    }

    /**
     * Builds the node described by {@code config}, installs {@code applications} for its roles before the
     * stack starts, and starts it. Returns once the stack listens and has started connecting to its peers.
     */
    public static DiameterNode start(ConfigSource config, RoleApplications applications, TraceSink trace) throws Exception {
        NodeSettings settings = NodeSettings.from(config);
        // a typo'd key would otherwise be a setting silently left at its default
        ConfigCheck.unknownKeys(config.settings(), settings.roles())
                .forEach(u -> log.warn("{}: {}", config.settings().file(), u));
        TlsContext tls = tlsContext(settings);
        String host = config.localHost();
        StackImpl stack = new StackImpl();
        // the operations endpoint first: live while the node starts, ready once it serves
        NodeMeters meters = new NodeMeters(host, settings.ops().jmx());
        Readiness readiness = new Readiness(settings.ops().readyPeers()
                .orElseGet(() -> NodeSettings.dialledPeers(config).stream().map(Set::of).toList()),
                () -> connectedPeers(stack));
        BillingResource billing = settings.ops().billing() && settings.roles().contains(Role.AAAH) ? new BillingResource(settings.ops().billingClose()) : null;
        OpsEndpoint ops;
        try {
            if (settings.ops().tls() && tls == null) {
                throw new IllegalArgumentException(config.settings().file() + ": ops.tls=true needs the node's TLS keys (tls.keystore)");
            }
            ops = settings.ops().port().isEmpty() ? null
                    : OpsEndpoint.start(settings.ops().address(), settings.ops().port().get(), host, meters.prometheus(), readiness, billing,
                            settings.ops().tls() ? tls.sslContext() : null);
        } catch (Exception | Error e) {
            meters.close();
            throw e;
        }
        ConnectionWatchdog watchdog = new ConnectionWatchdog(host);
        Installation installation;
        ExtendedConfiguration jdiameterConfig;
        try {
            jdiameterConfig = new ExtendedConfiguration(config.jdiameterXml(), settings.transport(), tls, watchdog);
            stack.init(jdiameterConfig);
            // jdiameter.xml of our nodes exists for their roles alone: it advertises exactly their applications
            installation = MipAaa.on(stack, config.settings()).applications(applications).trace(trace)
                    .certifiedMobileNodes(jdiameterConfig.certifiedMobileNodes()::contains)
                    .meters(meters.registry()).exactApplications().install();
        } catch (Exception | Error e) {
            stack.destroy();
            watchdog.close();
            if (ops != null) {
                ops.close();
            }
            meters.close();
            throw e;
        }
        jdiameterConfig.bind(installation);
        readiness.installed(installation);
        if (billing != null) {
            installation.aaahIfInstalled().ifPresent(aaah -> billing.installed(aaah.accounts()));
        }
        DiameterNode node = new DiameterNode(settings, stack, installation, watchdog, meters, ops);
        try {
            stack.start();
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
        List<String> notListening = jdiameterConfig.listenerReport().failures();
        if (!notListening.isEmpty()) {
            node.close();
            throw new IllegalStateException(node.host() + " cannot listen on " + String.join(", ", notListening));
        }
        log.info("{} node {} (realm {}) started, serving {}", settings.roles(), node.host(), node.realm(), settings.applications());
        return node;
    }

    private static TlsContext tlsContext(NodeSettings settings) throws Exception {
        if (settings.transport().tls() == null) {
            return null;
        }
        try {
            return TlsContext.of(settings.transport().tls());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("TLS file " + e.getFile() + " is missing: issue a PKI with `mip-aaa pki --out DIR "
                    + "--host HOST...` and set tls.dir, or point tls.keystore/tls.truststore at your own", e);
        }
    }

    /** The node's main role. */
    public Role role() {
        return settings.role();
    }

    /** Every role the node plays, the main one first. */
    public List<Role> roles() {
        return settings.roles();
    }

    public boolean plays(Role role) {
        return settings.roles().contains(role);
    }

    public NodeSettings settings() {
        return settings;
    }

    /** The applications installed on this node's stack, and what each role offers. */
    public Installation installation() {
        return installation;
    }

    public Dictionary dictionary() {
        return installation.dictionary();
    }

    public String host() {
        return installation.host();
    }

    public String realm() {
        return installation.realm();
    }

    /** The handlers of one of the node's roles. */
    public HandlerRegistry handlers(Role role) {
        return installation.handlers(role);
    }

    /** Sends requests from this node. */
    public DiameterClient client() {
        return installation.client();
    }

    /** Sends the requests {@code role} originates: one for another role this node plays is served in process. */
    public DiameterClient clientOf(Role role) {
        return installation.clientOf(role);
    }

    public StateStore state() {
        return installation.state();
    }

    /** The configured peers whose connection has completed CER/CEA and is open. */
    public Set<String> connectedPeers() {
        return connectedPeers(stack);
    }

    /** The node's operations endpoint (metrics, health), when {@code ops.port} is set. */
    public Optional<OpsEndpoint> ops() {
        return Optional.ofNullable(ops);
    }

    /** The node's meters (what {@code /metrics} shows). */
    public NodeMeters meters() {
        return meters;
    }

    private static Set<String> connectedPeers(StackImpl stack) {
        try {
            return stack.unwrap(PeerTable.class).getPeerTable().stream()
                    .filter(p -> p.getState(PeerState.class) == PeerState.OKAY)
                    .map(p -> p.getUri().getFQDN())
                    .collect(Collectors.toSet());
        } catch (Exception e) {
            log.warn("cannot read the peer table", e);
            return Set.of();
        }
    }

    /**
     * The applications this node and {@code host} have in common after CER/CEA (RFC 6733 §5.3), or an
     * empty set when that peer is not connected.
     */
    public Set<ApplicationId> commonApplications(String host) {
        return peers().stream()
                .filter(p -> p.getUri().getFQDN().equals(host) && p.getState(PeerState.class) == PeerState.OKAY)
                .findFirst()
                .map(p -> (Set<ApplicationId>) new HashSet<>(p.getCommonApplications()))
                .orElse(Set.of());
    }

    /** The peers jDiameter routes requests for {@code realm} to, over all its applications. */
    public Set<String> realmRoutes(String realm) {
        try {
            NetworkImpl network = (NetworkImpl) stack.unwrap(Network.class);
            return network.getRealmTable().getRealms(realm).stream()
                    .flatMap(r -> java.util.Arrays.stream(((IRealm) r).getPeerNames()))
                    .collect(Collectors.toSet());
        } catch (Exception e) {
            throw new IllegalStateException(host() + ": cannot read the realm table", e);
        }
    }

    /**
     * Ends the connection with {@code host} by DPR with Disconnect-Cause BUSY (RFC 6733 §5.4): the peer
     * may connect again. False when no connection with it is open.
     */
    public boolean disconnect(String host) {
        Optional<Peer> peer = peers().stream()
                .filter(p -> p.getUri().getFQDN().equalsIgnoreCase(host) && p.getState(PeerState.class) == PeerState.OKAY).findFirst();
        if (peer.isEmpty()) {
            return false;
        }
        try {
            peer.get().disconnect(DisconnectCause.BUSY);
            return true;
        } catch (Exception e) {
            throw new IllegalStateException(host() + ": cannot disconnect " + host, e);
        }
    }

    /** The hosts of the peers listed in this node's jdiameter.xml. */
    public Set<String> configuredPeers() {
        return peers().stream().map(p -> p.getUri().getFQDN()).collect(Collectors.toCollection(HashSet::new));
    }

    /** Waits until every host of {@code hosts} is connected; false when {@code timeout} passes first. */
    public boolean awaitPeers(Set<String> hosts, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!connectedPeers().containsAll(hosts)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private List<Peer> peers() {
        try {
            return stack.unwrap(PeerTable.class).getPeerTable();
        } catch (Exception e) {
            log.warn("{}: cannot read the peer table", host(), e);
            return List.of();
        }
    }

    /**
     * Stops the roles' agents while the node's links are still up, so that what they send on the way
     * out (the FA's STOP records) can still be answered; idempotent.
     */
    public void closeAgents() {
        installation.closeAgents();
    }

    /** Stops the agents, sends DPR to every peer (RFC 6733 §5.4), stops the stack, the handler pool and the state store. */
    @Override
    public void close() {
        installation.closeAgents();
        try {
            stack.stop(5, TimeUnit.SECONDS, DisconnectCause.REBOOTING);
        } catch (Exception e) {
            log.warn("{}: stack did not stop cleanly", host(), e);
        }
        stack.destroy();
        installation.close();
        watchdog.close();
        if (ops != null) {
            ops.close();
        }
        meters.close();
        log.info("{} node {} stopped", settings.roles(), host());
    }
}
