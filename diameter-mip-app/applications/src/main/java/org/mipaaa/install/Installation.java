package org.mipaaa.install;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.mipaaa.aaaf.VisitedAaaRole;
import org.mipaaa.aaah.HomeAaaRole;
import org.mipaaa.aaay.AaayRole;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.diameter.ErrorAnswers;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.fa.ForeignAgentRole;
import org.mipaaa.ha.HomeAgentRole;
import org.mipaaa.metrics.NodeMetrics;
import org.mipaaa.role.Role;
import org.mipaaa.state.StateStore;
import org.mipaaa.terminal.TerminalRole;
import org.mipaaa.trace.MessageObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applications of one node's roles, installed on a jDiameter Stack by {@link MipAaa}: what each role
 * offers ({@link #aaah()}, ...), the node's state store and DIAMETER client, and what the optional
 * jDiameter extensions of this project need from it ({@link #errorAnswers()}, {@link #messageObserver()}).
 * {@link #close()} stops the roles' agents, the handler pool and the state store; the stack is its
 * owner's to stop.
 */
public final class Installation implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Installation.class);

    private final String host;
    private final String realm;
    private final InstallSettings settings;
    private final Dictionary dictionary;
    private final StateStore state;
    private final boolean ownsState;
    private final ExecutorService handlerPool;
    private final DiameterClient client;
    private final Map<Role, DiameterClient> roleClients;
    private final Map<Role, HandlerRegistry> handlers;
    private final Map<Role, Object> installed;
    private final ErrorAnswers errorAnswers;
    private final MessageObserver messageObserver;
    private final List<AutoCloseable> closeFirst;
    private final NodeMetrics metrics;
    private volatile boolean closed;

    Installation(String host, String realm, InstallSettings settings, Dictionary dictionary, StateStore state, boolean ownsState,
                 ExecutorService handlerPool, DiameterClient client, Map<Role, DiameterClient> roleClients,
                 Map<Role, HandlerRegistry> handlers, Map<Role, Object> installed, ErrorAnswers errorAnswers,
                 MessageObserver messageObserver, CopyOnWriteArrayList<AutoCloseable> closeFirst, NodeMetrics metrics) {
        this.metrics = metrics;
        this.host = host;
        this.realm = realm;
        this.settings = settings;
        this.dictionary = dictionary;
        this.state = state;
        this.ownsState = ownsState;
        this.handlerPool = handlerPool;
        this.client = client;
        this.roleClients = Map.copyOf(roleClients);
        this.handlers = Map.copyOf(handlers);
        this.installed = installed;
        this.errorAnswers = errorAnswers;
        this.messageObserver = messageObserver;
        this.closeFirst = closeFirst;
    }

    /** The stack's DiameterIdentity. */
    public String host() {
        return host;
    }

    public String realm() {
        return realm;
    }

    /** The roles installed, the main one first. */
    public List<Role> roles() {
        return settings.roles();
    }

    public boolean plays(Role role) {
        return settings.roles().contains(role);
    }

    public InstallSettings settings() {
        return settings;
    }

    /** The dictionary the node validates against, with the carrier's vendor settings applied. */
    public Dictionary dictionary() {
        return dictionary;
    }

    public StateStore state() {
        return state;
    }

    /** Sends requests from this node (none is served in process). */
    public DiameterClient client() {
        return client;
    }

    /** Sends the requests {@code role} originates: one for another role of this node is served in process. */
    public DiameterClient clientOf(Role role) {
        return require(roleClients.get(role), role);
    }

    /** The handlers of {@code role}. */
    public HandlerRegistry handlers(Role role) {
        return require(handlers.get(role), role);
    }

    /** What the foreign agent's applications offer. */
    public ForeignAgentRole fa() {
        return part(Role.FA, ForeignAgentRole.class);
    }

    /** What the visited network's AAA server offers. */
    public VisitedAaaRole aaaf() {
        return part(Role.AAAF, VisitedAaaRole.class);
    }

    /** What the home AAA server offers: its account database, settlements, ... */
    public HomeAaaRole aaah() {
        return part(Role.AAAH, HomeAaaRole.class);
    }

    /** What the home AAA server offers, when this node's AAAH role has the standard applications installed. */
    public java.util.Optional<HomeAaaRole> aaahIfInstalled() {
        return installed.get(Role.AAAH) instanceof HomeAaaRole aaah ? java.util.Optional.of(aaah) : java.util.Optional.empty();
    }

    /** What the home agent offers: its bindings, renewals, presence, ... */
    public HomeAgentRole ha() {
        return part(Role.HA, HomeAgentRole.class);
    }

    /** What the other party's AAA server offers: its payees' and payers' books. */
    public AaayRole aaay() {
        return part(Role.AAAY, AaayRole.class);
    }

    /** What the shop's terminal offers: its catalogue, notices and account. */
    public TerminalRole terminal() {
        return part(Role.TERMINAL, TerminalRole.class);
    }

    /**
     * Answers requests the stack refuses itself with the RFC 6733 answer (the optional
     * {@code ConformingPeerTable} extension takes it through its configuration).
     */
    public ErrorAnswers errorAnswers() {
        return errorAnswers;
    }

    /** The node's meters. */
    public NodeMetrics metrics() {
        return metrics;
    }

    /** Reports the messages the node receives to its trace (the optional tracing extension takes it). */
    public MessageObserver messageObserver() {
        return messageObserver;
    }

    private <T> T part(Role role, Class<T> type) {
        Object part = installed.get(role);
        if (!type.isInstance(part)) {
            throw new IllegalStateException(host + ": the " + role + " applications are not installed here");
        }
        return type.cast(part);
    }

    private <T> T require(T value, Role role) {
        if (value == null) {
            throw new IllegalArgumentException(host + " does not play " + role);
        }
        return value;
    }

    /**
     * Stops the roles' agents while the stack's links are still up, so that what they send on the way
     * out (the FA's STOP records) can still be answered; idempotent.
     */
    public void closeAgents() {
        for (AutoCloseable resource : closeFirst) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("{}: {} did not close cleanly", host, resource, e);
            }
        }
        closeFirst.clear();
    }

    /** Stops the agents, the handler pool and (when the installation opened it) the state store. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAgents();
        handlerPool.shutdown();
        try {
            if (!handlerPool.awaitTermination(5, TimeUnit.SECONDS)) {
                handlerPool.shutdownNow();
            }
        } catch (InterruptedException e) {
            handlerPool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (ownsState) {
            state.close();
        }
    }
}
