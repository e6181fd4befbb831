package org.mipaaa.install;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.InternalException;
import org.jdiameter.api.Message;
import org.jdiameter.api.Network;
import org.jdiameter.api.Peer;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.PeerTable;
import org.jdiameter.api.Selector;
import org.jdiameter.api.Stack;
import org.jdiameter.client.api.IContainer;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.controller.IRealmTable;
import org.jdiameter.client.impl.parser.MessageParser;
import org.jdiameter.server.impl.NetworkImpl;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.CommandNames;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.diameter.ErrorAnswers;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.diameter.InfinispanDuplicateAnswers;
import org.mipaaa.diameter.MessageValidator;
import org.mipaaa.diameter.RequestDispatcher;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.metrics.NodeMetrics;
import org.mipaaa.policy.PeerKind;
import org.mipaaa.policy.PeerPolicy;
import org.mipaaa.role.Role;
import org.mipaaa.role.RoleContext;
import org.mipaaa.role.ServedApplication;
import org.mipaaa.settings.Settings;
import org.mipaaa.state.StateStore;
import org.mipaaa.trace.TraceEvents;
import org.mipaaa.trace.TraceSink;
import org.mipaaa.udp.MobileIpPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs this project's DIAMETER applications on a jDiameter Stack: the carrier's own, built from its
 * own jDiameter configuration (its peers, realms and transport), or our standalone node's. Call it after
 * {@code stack.init(...)} and before {@code stack.start()}:
 *
 * <pre>{@code
 * Stack stack = new StackImpl();
 * stack.init(new XMLConfiguration("/etc/diameter/jdiameter.xml"));
 * Installation mip = MipAaa.on(stack, Settings.of(Path.of("/etc/mip-aaa/aaah"), Map.of())).install();
 * stack.start();
 * }</pre>
 *
 * <p>Installing builds, for the roles of {@code role=} in the settings: one handler registry per role,
 * every handler registered before the stack can deliver a request; the request pipeline (handler pool,
 * duplicate detection, dictionary checks, the role a request is for); a DIAMETER client per role (a
 * request to another role of the same node is served in process); the state store; and each role's
 * agents. It checks that the stack advertises, in its {@code LocalPeer/Applications}, every
 * application the roles need in CER/CEA (RFC 6733 §5.3), and registers one jDiameter
 * {@code NetworkReqListener} per application.
 */
public final class MipAaa {

    private static final Logger log = LoggerFactory.getLogger(MipAaa.class);

    private MipAaa() {
    }

    /** Starts describing an installation on {@code stack} (initialised, not started) from {@code settings}. */
    public static Builder on(Stack stack, Settings settings) {
        return new Builder(stack, settings);
    }

    /** What to install, and with what; {@link #install()} does it. */
    public static final class Builder {

        private final Stack stack;
        private final Settings settings;
        private List<Role> roles;
        private RoleApplications applications = RoleApplications.STANDARD;
        private TraceSink trace = TraceSink.NONE;
        private Clock clock = Clock.systemUTC();
        private StateStore state;
        private boolean exactApplications;
        private java.util.function.Predicate<String> certifiedMobileNodes = host -> false;
        private MeterRegistry meters;

        private Builder(Stack stack, Settings settings) {
            this.stack = stack;
            this.settings = settings;
        }

        /** The roles to install, instead of those of {@code role=} in the settings (the first is the main one). */
        public Builder roles(Role... roles) {
            this.roles = List.of(roles);
            return this;
        }

        /** What each role installs ({@link RoleApplications#STANDARD} by default). */
        public Builder applications(RoleApplications applications) {
            this.applications = applications;
            return this;
        }

        /** Where the trace of the node's in-process hops (and, with the tracing extension, of every received message) goes. */
        public Builder trace(TraceSink trace) {
            this.trace = trace;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** A state store the caller owns (opened and closed by it), instead of one opened from {@code state.config}. */
        public Builder state(StateStore state) {
            this.state = state;
            return this;
        }

        /**
         * Require the stack to advertise exactly the roles' applications (our own nodes, whose
         * jdiameter.xml exists for them alone); by default it may advertise more (a carrier's stack
         * serving other applications too).
         */
        public Builder exactApplications() {
            this.exactApplications = true;
            return this;
        }

        /**
         * The peers connected now as mobile nodes by their certificate (this project's transport proves
         * that, {@code transport.mobile.nodes}); without it, mobile nodes are only those the
         * configuration lists ({@code peer.role.<host>=MOBILE_NODE}).
         */
        public Builder certifiedMobileNodes(java.util.function.Predicate<String> certified) {
            this.certifiedMobileNodes = certified;
            return this;
        }

        /**
         * The registry of the node's meters ({@link NodeMetrics} lists them): the carrier's own
         * (Prometheus, JMX, ...). Without it they go to a registry of the installation's own, read by
         * {@link Installation#metrics()}.
         */
        public Builder meters(MeterRegistry registry) {
            this.meters = registry;
            return this;
        }

        /** Installs the roles' applications on the stack; then start the stack. */
        public Installation install() throws IOException {
            return MipAaa.install(this);
        }
    }

    private static Installation install(Builder b) throws IOException {
        InstallSettings settings = InstallSettings.from(b.settings);
        if (b.roles != null) {
            settings = settings.withRoles(b.roles);
        }
        Stack stack = b.stack;
        String host;
        String realm;
        try {
            host = stack.getMetaData().getLocalPeer().getUri().getFQDN();
            realm = stack.getMetaData().getLocalPeer().getRealmName();
        } catch (Exception e) {
            throw new IllegalStateException("the stack is not initialised (call stack.init before installing)", e);
        }
        checkAdvertised(stack, host, settings.applications(), b.exactApplications);
        if (!(stack instanceof IContainer container)) {
            throw new IllegalArgumentException(host + ": not a jDiameter stack (org.jdiameter.client.api.IContainer) we can send answers on");
        }

        Dictionary dictionary = Dictionary.bundled(settings.vendor());
        AnswerFactory answers = new AnswerFactory(host, realm, dictionary);
        MessageValidator validator = new MessageValidator(dictionary);
        InstallSettings s = settings;
        CommandNames commandNames = new CommandNames(dictionary);
        TraceEvents trace = new TraceEvents(host, settings.roles(), s::rolesOf, commandNames, b.trace, b.clock);
        NodeMetrics metrics = new NodeMetrics(b.meters != null ? b.meters : new SimpleMeterRegistry(), commandNames);
        Map<Role, HandlerRegistry> registries = new EnumMap<>(Role.class);
        settings.roles().forEach(r -> registries.put(r, new HandlerRegistry()));
        PeerPolicy policy = policy(settings, dictionary);
        java.util.function.Predicate<String> certified = b.certifiedMobileNodes;
        RoleRouter router = new RoleRouter(settings.roles(), registries, host, realm, peer -> {
            Set<PeerKind> kinds = s.kindsOf(peer);
            return certified.test(peer) ? union(kinds, PeerKind.MOBILE_NODE) : kinds;
        }, new ConfiguredRealms(realmTable(stack, host)), policy);

        boolean ownsState = b.state == null;
        if (ownsState && !Files.isRegularFile(settings.stateConfig())) {
            throw new IOException("state store configuration " + settings.stateConfig() + " is missing (state.config)");
        }
        StateStore state = ownsState
                ? StateStore.open(settings.stateConfig(), settings.stateDirectory().resolve(host), host, settings.stateProperties()) : b.state;
        ExecutorService pool = handlerPool(host, settings);
        metrics.bindHandlerPool(pool);
        RequestDispatcher dispatcher = new RequestDispatcher(validator, router, answers,
                answer -> container.sendMessage((IMessage) answer),
                new InfinispanDuplicateAnswers(state.cache(StateStore.ANSWERS), new MessageParser()), pool, metrics);
        DiameterClient client = new DiameterClient(stack, settings.requestTimeout(), pool, dictionary);

        Map<Role, DiameterClient> roleClients = new EnumMap<>(Role.class);
        for (Role role : settings.roles()) {
            roleClients.put(role, client.withLocalDelivery(request -> router.inProcessReceiver(role, request)
                    .flatMap(receiver -> router.handlerOf(receiver, request).map(handler -> {
                        trace.inProcess(request, role, receiver);
                        return dispatcher.serveInProcess(request, handler).thenApply(answer -> {
                            trace.inProcess(answer, receiver, role);
                            return answer;
                        });
                    }))));
        }
        CopyOnWriteArrayList<AutoCloseable> closeFirst = new CopyOnWriteArrayList<>();
        Predicate<String> connected = peer -> connectedPeers(stack).contains(peer);
        Map<Role, Object> installed = new LinkedHashMap<>();
        MobileIpPorts mobileIpPorts = new MobileIpPorts();
        Installation installation = new Installation(host, realm, settings, dictionary, state, ownsState, pool, client, roleClients,
                registries, installed, new ErrorAnswers(validator, answers), trace, closeFirst, metrics);
        try {
            for (Role role : settings.roles()) {
                RoleContext ctx = new RoleContext(role, host, realm, settings.vendor(), registries.get(role), roleClients.get(role),
                        state, b.settings, settings.requestTimeout(), connected, closeFirst::add, b.clock, metrics.registry(), mobileIpPorts);
                Object part = b.applications.install(ctx);
                if (part != null) {
                    installed.put(role, part);
                }
            }
            metrics.bindPeers(stack.unwrap(PeerTable.class).getPeerTable(), () -> connectedPeers(stack).size());
            Network network = stack.unwrap(Network.class);
            for (ServedApplication app : settings.applications()) {
                // one selector per application: requests are taken by the header Application-Id (RFC 6733 §3)
                network.addNetworkReqListener(dispatcher, new ServedBy(app));
            }
        } catch (IOException | RuntimeException | Error e) {
            installation.close();
            throw e;
        } catch (Exception e) {
            installation.close();
            throw new IllegalStateException(host + ": cannot register the applications on the stack", e);
        }
        log.info("{} (realm {}): {} installed, serving {}", host, realm, settings.roles(), settings.applications());
        return installation;
    }

    private static IRealmTable realmTable(Stack stack, String host) {
        try {
            if (stack.unwrap(Network.class) instanceof NetworkImpl network) {
                return network.getRealmTable();
            }
        } catch (InternalException e) {
            throw new IllegalStateException(host + ": cannot read the realm table", e);
        }
        throw new IllegalArgumentException(host + ": not a jDiameter server stack (org.jdiameter.server.impl.NetworkImpl): no realm table");
    }

    /** The peer policy ({@code policy.file}); a node without one would let any peer send anything. */
    private static PeerPolicy policy(InstallSettings settings, Dictionary dictionary) throws IOException {
        if (!Files.isRegularFile(settings.policyFile())) {
            throw new IOException("peer policy " + settings.policyFile() + " is missing (policy.file): config/policy.properties"
                    + " says which peer may send what");
        }
        PeerPolicy policy = PeerPolicy.load(settings.policyFile(), dictionary);
        log.debug("peer policy {}: {}", settings.policyFile(), policy.describe());
        return policy;
    }

    private static Set<PeerKind> union(Set<PeerKind> kinds, PeerKind more) {
        java.util.EnumSet<PeerKind> all = java.util.EnumSet.of(more);
        all.addAll(kinds);
        return all;
    }

    /**
     * The applications each role sends and serves must be in the stack's CER/CEA (jDiameter advertises
     * only {@code LocalPeer/Applications}); Application-Id 0 (STR/ASR) is never advertised.
     */
    private static void checkAdvertised(Stack stack, String host, List<ServedApplication> needed, boolean exact) {
        Set<ServedApplication> advertised;
        try {
            advertised = stack.getMetaData().getLocalPeer().getCommonApplications().stream()
                    .map(MipAaa::served).collect(Collectors.toSet());
        } catch (Exception e) {
            throw new IllegalStateException(host + ": cannot read the stack's applications", e);
        }
        List<ServedApplication> advertisable = needed.stream().filter(a -> a.applicationId() != ApplicationIds.COMMON_MESSAGES).toList();
        List<String> missing = new ArrayList<>();
        for (ServedApplication app : advertisable) {
            if (!advertised.contains(app)) {
                missing.add(xml(app));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(host + ": the stack does not advertise every application these roles need in CER/CEA;"
                    + " add to LocalPeer/Applications of its jDiameter configuration: " + String.join(" ", missing));
        }
        Set<ServedApplication> extra = new java.util.HashSet<>(advertised);
        advertisable.forEach(extra::remove);
        if (!extra.isEmpty()) {
            if (exact) {
                throw new IllegalStateException(host + ": the stack advertises applications no role of it serves: " + extra
                        + " (LocalPeer/Applications of jdiameter.xml)");
            }
            log.info("{}: the stack also advertises {} (not ours)", host, extra);
        }
    }

    private static ServedApplication served(ApplicationId id) {
        return id.getAcctAppId() != ApplicationId.UNDEFINED_VALUE && id.getAcctAppId() != 0
                ? ServedApplication.acct(id.getVendorId(), id.getAcctAppId())
                : ServedApplication.auth(id.getVendorId(), id.getAuthAppId());
    }

    private static String xml(ServedApplication app) {
        return "<ApplicationID><VendorId value=\"" + app.vendorId() + "\"/><AuthApplId value=\""
                + (app.accounting() ? 0 : app.applicationId()) + "\"/><AcctApplId value=\""
                + (app.accounting() ? app.applicationId() : 0) + "\"/></ApplicationID>";
    }

    /** The peers whose connection has completed CER/CEA and is open. */
    static Set<String> connectedPeers(Stack stack) {
        try {
            return stack.unwrap(PeerTable.class).getPeerTable().stream()
                    .filter(p -> p.getState(PeerState.class) == PeerState.OKAY)
                    .map(Peer::getUri).map(u -> u.getFQDN())
                    .collect(Collectors.toSet());
        } catch (Exception e) {
            log.warn("cannot read the peer table", e);
            return Set.of();
        }
    }

    private static ExecutorService handlerPool(String host, InstallSettings settings) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(settings.handlerThreads(), settings.handlerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.handlerQueue()),
                r -> {
                    Thread t = new Thread(r, host + "-handler-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
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
