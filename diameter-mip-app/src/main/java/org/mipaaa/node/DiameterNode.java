package org.mipaaa.node;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.DisconnectCause;
import org.jdiameter.api.Message;
import org.jdiameter.api.Network;
import org.jdiameter.api.Peer;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.PeerTable;
import org.jdiameter.api.Selector;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.jdiameter.server.impl.StackImpl;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.diameter.ErrorAnswers;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.diameter.MessageValidator;
import org.mipaaa.diameter.RequestDispatcher;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.routing.RealmProxy;
import org.mipaaa.state.InfinispanDuplicateAnswers;
import org.mipaaa.state.StateStore;
import org.mipaaa.trace.CommandNames;
import org.mipaaa.trace.TraceEvents;
import org.mipaaa.trace.TraceSink;
import org.mipaaa.transport.ConnectionWatchdog;
import org.mipaaa.transport.TlsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node running as a jDiameter stack: built from its configuration directory, playing one role or
 * several ({@link RoleRouter}), with the roles' handlers behind one {@link RequestDispatcher}, its
 * state in Infinispan, and every message it receives reported to a trace sink. {@link #close()} sends
 * DPR to every peer and stops.
 */
public final class DiameterNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiameterNode.class);

    private final NodeSettings settings;
    private final Dictionary dictionary;
    private final StackImpl stack;
    private final StateStore state;
    private final ExecutorService handlerPool;
    private final AnswerFactory answers;
    private final DiameterClient client;
    private final ConnectionWatchdog watchdog;
    private final Map<Role, HandlerRegistry> handlers;
    private final RoleRouter router;
    private final RequestDispatcher dispatcher;
    private final TraceEvents trace;
    private final List<AutoCloseable> closeFirst = new java.util.concurrent.CopyOnWriteArrayList<>();

    private DiameterNode(NodeSettings settings, Dictionary dictionary, StackImpl stack, StateStore state,
                         ExecutorService handlerPool, AnswerFactory answers, ConnectionWatchdog watchdog,
                         Map<Role, HandlerRegistry> handlers, RoleRouter router, RequestDispatcher dispatcher,
                         TraceEvents trace) {
        this.settings = settings;
        this.dictionary = dictionary;
        this.stack = stack;
        this.state = state;
        this.handlerPool = handlerPool;
        this.answers = answers;
        this.client = new DiameterClient(stack, settings.requestTimeout(), handlerPool, dictionary);
        this.watchdog = watchdog;
        this.handlers = handlers;
        this.router = router;
        this.dispatcher = dispatcher;
        this.trace = trace;
    }

    /**
     * Builds and starts the node described by {@code config}; {@code handlers} are the request handlers
     * of its main role (each further role starts with none). Returns once the stack listens and has
     * started connecting to its peers.
     */
    public static DiameterNode start(ConfigSource config, HandlerRegistry handlers, TraceSink trace) throws Exception {
        NodeSettings settings = NodeSettings.from(config);
        Dictionary dictionary = Dictionary.bundled(settings.vendor());
        TlsContext tls = tlsContext(settings);
        ConnectionWatchdog watchdog = new ConnectionWatchdog(config.localHost());
        NodeConfiguration jdiameterConfig = new NodeConfiguration(config.jdiameterXml(), settings.transport(), tls, watchdog);

        StackImpl stack = new StackImpl();
        stack.init(jdiameterConfig);
        String host = stack.getMetaData().getLocalPeer().getUri().getFQDN();
        String realm = stack.getMetaData().getLocalPeer().getRealmName();
        AnswerFactory answers = new AnswerFactory(host, realm);
        MessageValidator validator = new MessageValidator(dictionary);
        TraceEvents traceEvents = new TraceEvents(host, settings.roles(), settings::rolesOf,
                new CommandNames(dictionary), trace, Clock.systemUTC());
        jdiameterConfig.bind(traceEvents, new ErrorAnswers(validator, answers));
        Map<Role, HandlerRegistry> registries = new EnumMap<>(Role.class);
        settings.roles().forEach(r -> registries.put(r, r == settings.role() ? handlers : new HandlerRegistry()));
        RoleRouter router = new RoleRouter(settings.roles(), registries, host, realm, settings::rolesOf);

        StateStore state = StateStore.open(settings.stateConfig(), settings.stateDirectory().resolve(host), host);
        ExecutorService pool = handlerPool(host, settings);
        RequestDispatcher dispatcher = new RequestDispatcher(validator, router, answers,
                answer -> stack.sendMessage((IMessage) answer),
                new InfinispanDuplicateAnswers(state.cache(StateStore.ANSWERS), new MessageParser()), pool);

        List<ServedApplication> served = settings.applications();
        Network network = stack.unwrap(Network.class);
        for (ServedApplication app : served) {
            // one selector per application: jDiameter adds each selector's application to its local realm
            network.addNetworkReqListener(dispatcher, new ServedBy(app));
        }
        stack.start();
        List<String> notListening = jdiameterConfig.listenerReport().failures();
        if (!notListening.isEmpty()) {
            new DiameterNode(settings, dictionary, stack, state, pool, answers, watchdog, registries, router, dispatcher, traceEvents).close();
            throw new IllegalStateException(host + " cannot listen on " + String.join(", ", notListening));
        }
        log.info("{} node {} (realm {}) started, serving {}", settings.roles(), host, realm, served);
        return new DiameterNode(settings, dictionary, stack, state, pool, answers, watchdog, registries, router, dispatcher, traceEvents);
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

    private static ExecutorService handlerPool(String host, NodeSettings settings) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(settings.handlerThreads(), settings.handlerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.handlerQueue()),
                r -> {
                    Thread t = new Thread(r, host + "-handler-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
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

    public Dictionary dictionary() {
        return dictionary;
    }

    public String host() {
        return answers.originHost();
    }

    public String realm() {
        return answers.originRealm();
    }

    /**
     * The handlers of the node's main role. Handlers that need the node's own state or client (which
     * exist once it is started) are registered after {@link #start}; until then their commands are
     * answered 3001.
     */
    public HandlerRegistry handlers() {
        return handlers.get(settings.role());
    }

    /** The handlers of one of the node's roles ({@link RoleRouter} says which role a request is for). */
    public HandlerRegistry handlers(Role role) {
        HandlerRegistry registry = handlers.get(role);
        if (registry == null) {
            throw new IllegalArgumentException(host() + " does not play " + role);
        }
        return registry;
    }

    /** A proxy through this node to other realms (seed S104: the AAAF towards the home AAAH). */
    public RealmProxy realmProxy(RealmProxy.ProxyListener listener) {
        return new RealmProxy(stack, host(), settings.requestTimeout(), listener);
    }

    /** Sends requests from this node and completes with their answers. */
    public DiameterClient client() {
        return client;
    }

    /**
     * Sends the requests {@code role} originates: one for another role this node plays (the AAAH's PIR
     * to the AAAY on the same server) is served in process, traced as a hop of the node to itself.
     */
    public DiameterClient clientOf(Role role) {
        handlers(role);
        return client.withLocalDelivery(request -> router.inProcessReceiver(role, request)
                .flatMap(receiver -> router.handlerOf(receiver, request).map(handler -> {
                    trace.inProcess(request, role, receiver);
                    return dispatcher.serveInProcess(request, handler).thenApply(answer -> {
                        trace.inProcess(answer, receiver, role);
                        return answer;
                    });
                })));
    }

    public StateStore state() {
        return state;
    }

    /** The configured peers whose connection has completed CER/CEA and is open. */
    public Set<String> connectedPeers() {
        return peers().stream()
                .filter(p -> p.getState(PeerState.class) == PeerState.OKAY)
                .map(p -> p.getUri().getFQDN())
                .collect(Collectors.toSet());
    }

    /**
     * The applications this node and {@code host} have in common after CER/CEA (RFC 6733 §5.3), or an
     * empty set when that peer is not connected.
     */
    public Set<ApplicationId> commonApplications(String host) {
        return peers().stream()
                .filter(p -> p.getUri().getFQDN().equals(host) && p.getState(PeerState.class) == PeerState.OKAY)
                .findFirst()
                .map(p -> (Set<ApplicationId>) new java.util.HashSet<>(p.getCommonApplications()))
                .orElse(Set.of());
    }

    /** The peers jDiameter routes requests for {@code realm} to, over all its applications. */
    public Set<String> realmRoutes(String realm) {
        try {
            org.jdiameter.server.impl.NetworkImpl network = (org.jdiameter.server.impl.NetworkImpl) stack.unwrap(Network.class);
            return network.getRealmTable().getRealms(realm).stream()
                    .flatMap(r -> java.util.Arrays.stream(((org.jdiameter.client.api.controller.IRealm) r).getPeerNames()))
                    .collect(Collectors.toSet());
        } catch (Exception e) {
            throw new IllegalStateException(host() + ": cannot read the realm table", e);
        }
    }

    /** The hosts of the peers listed in this node's jdiameter.xml. */
    public Set<String> configuredPeers() {
        return peers().stream().map(p -> p.getUri().getFQDN()).collect(Collectors.toCollection(java.util.HashSet::new));
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

    private final java.util.Map<Class<?>, Object> attachments = new java.util.concurrent.ConcurrentHashMap<>();

    /** Keeps an agent of the role (the FA's registration agent...) with its node. */
    public <T> void attach(Class<T> type, T agent) {
        attachments.put(type, agent);
    }

    /** An agent attached to this node. */
    public <T> java.util.Optional<T> attached(Class<T> type) {
        return java.util.Optional.ofNullable(type.cast(attachments.get(type)));
    }

    /** Something of the role (a UDP agent...) to close before the stack stops. */
    public void closeWith(AutoCloseable resource) {
        closeFirst.add(resource);
    }

    /**
     * Stops the node's agents ({@link #closeWith}) while its links are still up, so that what they
     * send on the way out (the FA's STOP records) can still be answered; idempotent.
     */
    public void closeAgents() {
        for (AutoCloseable resource : closeFirst) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("{}: {} did not close cleanly", host(), resource, e);
            }
        }
        closeFirst.clear();
    }

    /** Stops the agents, sends DPR to every peer (RFC 6733 §5.4), stops the stack, the handler pool and the state store. */
    @Override
    public void close() {
        closeAgents();
        try {
            stack.stop(5, TimeUnit.SECONDS, DisconnectCause.REBOOTING);
        } catch (Exception e) {
            log.warn("{}: stack did not stop cleanly", host(), e);
        }
        stack.destroy();
        handlerPool.shutdown();
        try {
            if (!handlerPool.awaitTermination(5, TimeUnit.SECONDS)) {
                handlerPool.shutdownNow();
            }
        } catch (InterruptedException e) {
            handlerPool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        state.close();
        watchdog.close();
        log.info("{} node {} stopped", settings.roles(), host());
    }

    /**
     * Routes to the dispatcher the requests whose header Application-Id is this application; jDiameter
     * itself answers 3007 to requests for applications no selector takes. The header, not the
     * Application-Id AVPs, names the application (RFC 6733 §3).
     */
    private record ServedBy(ServedApplication served) implements Selector<Message, ApplicationId> {

        @Override
        public boolean checkRule(Message message) {
            return message.getApplicationId() == served.applicationId();
        }

        @Override
        public ApplicationId getMetaData() {
            return served.accounting()
                    ? ApplicationId.createByAccAppId(served.vendorId(), served.applicationId())
                    : ApplicationId.createByAuthAppId(served.vendorId(), served.applicationId());
        }
    }
}
