package org.mipaaa.metrics;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import org.jdiameter.api.Peer;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.CommandNames;
import org.mipaaa.diameter.DispatchObserver;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.transport.TransportEvents;

/**
 * The node's meters, on a Micrometer registry the owner chooses (our node: Prometheus and JMX; a
 * carrier's stack: its own). Names as Prometheus shows them:
 *
 * <ul>
 *   <li>{@code diameter_requests_total{application,command}}: requests received for our applications;
 *       {@code diameter_answers_total{application,command,result}}: answers sent, by Result-Code
 *       ({@code 2001}) or Experimental-Result ({@code e5803});
 *       {@code diameter_request_duration_seconds{application,command}}: from the request's arrival to
 *       its answer, a histogram;</li>
 *   <li>{@code diameter_too_busy_total}: requests answered 3004 because the handler pool was full;
 *       {@code diameter_duplicates_total}: copies answered with the first answer (RFC 6733 §5.5.4);
 *       {@code executor_*{name="handlers"}}: the handler pool's threads and queue;</li>
 *   <li>{@code diameter_peer_up{peer}} (1 when the link is OKAY) and
 *       {@code diameter_peer_connections_total{peer}} (each time it became OKAY) for each peer of the
 *       stack's configuration; {@code diameter_peers_connected} counts every connected peer, mobile
 *       nodes too (which get no meters of their own: there are too many);</li>
 *   <li>{@code mip_registrations_total{result}} (AMRs answered) and {@code mip_settlements_total{result}}
 *       (SERs answered);</li>
 *   <li>{@code mip_ledger_writes_total{kind,outcome}} and {@code mip_state_store_duration_seconds{operation}}
 *       (each durable ledger write, {@link LedgerMeters}; the duplicate-detection look-up and write of every request);</li>
 *   <li>{@code diameter_tls_handshakes_total{side,outcome}} ({@code accepted} or {@code dialled}).</li>
 * </ul>
 *
 * Mobile nodes are never a tag: a tag per subscriber would grow without bound.
 */
public final class NodeMetrics implements DispatchObserver, TransportEvents {

    /** Distinct commands metered one by one; beyond, they share "other" (the dictionary has a few dozen). */
    static final int MAX_COMMANDS = 256;
    /** Distinct results per command metered one by one; beyond, they share "other". */
    static final int MAX_RESULTS = 64;

    private final MeterRegistry registry;
    private final CommandNames names;
    private final Counter tooBusy;
    private final Counter duplicates;
    /** By (Application-Id, command code), by result: built at first use, never removed (both sets are small). */
    private final ConcurrentHashMap<Long, CommandMeters> commands = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> registrations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> settlements = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> stateStore = new ConcurrentHashMap<>();

    public NodeMetrics(MeterRegistry registry, CommandNames names) {
        this.registry = registry;
        this.names = names;
        this.tooBusy = Counter.builder("diameter.too.busy").description("requests answered 3004 DIAMETER_TOO_BUSY: handler pool full")
                .register(registry);
        this.duplicates = Counter.builder("diameter.duplicates").description("copies of requests answered with the first answer")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void received(Request request) {
        meters(request).requests().increment();
    }

    @Override
    public void answered(Request request, String result, long nanos) {
        CommandMeters command = meters(request);
        String label = bounded(command.answers(), result);
        command.answers().computeIfAbsent(label, r -> Counter.builder("diameter.answers").tags(command.tags()).tag("result", r)
                .register(registry)).increment();
        command.duration().record(nanos, TimeUnit.NANOSECONDS);
        if (request.getApplicationId() == ApplicationIds.MOBILE_IPV4 && request.getCommandCode() == CommandCodes.AA_MOBILE_NODE) {
            registrations.computeIfAbsent(bounded(registrations, result), r -> Counter.builder("mip.registrations").tag("result", r)
                    .register(registry)).increment();
        } else if (request.getCommandCode() == CommandCodes.SETTLEMENT) {
            settlements.computeIfAbsent(bounded(settlements, result), r -> Counter.builder("mip.settlements").tag("result", r)
                    .register(registry)).increment();
        }
    }

    /**
     * The meters of a request's command, built once: looking a meter up in the registry on every request
     * (its id's tags sorted and hashed) would cost more than the counting.
     */
    private CommandMeters meters(Request request) {
        long application = request.getApplicationId();
        int code = request.getCommandCode();
        // Application-Id is 32 bits and the command code 24: one long holds both
        long key = (application << 24) | code;
        CommandMeters known = commands.get(key);
        if (known != null) {
            return known;
        }
        if (commands.size() >= MAX_COMMANDS) {
            // a peer sending made-up command codes does not grow the node's meters without bound
            return commands.computeIfAbsent(-1L, k -> commandMeters(Tags.of("application", "other", "command", "other")));
        }
        return commands.computeIfAbsent(key, k -> commandMeters(
                Tags.of("application", Long.toString(application), "command", names.abbreviation(application, code, true))));
    }

    private CommandMeters commandMeters(Tags tags) {
        return new CommandMeters(tags, Counter.builder("diameter.requests").tags(tags).register(registry),
                Timer.builder("diameter.request.duration").tags(tags).publishPercentileHistogram().register(registry),
                new ConcurrentHashMap<>());
    }

    /** {@code result}, or "other" once {@code seen} holds {@link #MAX_RESULTS}: a peer's made-up codes stay bounded. */
    private static String bounded(ConcurrentHashMap<String, Counter> seen, String result) {
        return seen.containsKey(result) || seen.size() < MAX_RESULTS ? result : "other";
    }

    private record CommandMeters(Tags tags, Counter requests, Timer duration, ConcurrentHashMap<String, Counter> answers) {
    }

    @Override
    public void tooBusy(Request request) {
        tooBusy.increment();
    }

    @Override
    public void duplicate(Request request) {
        duplicates.increment();
    }

    @Override
    public void stateStore(String operation, long nanos) {
        stateStore.computeIfAbsent(operation, o -> stateStoreTimer(registry, o)).record(nanos, TimeUnit.NANOSECONDS);
    }

    static Timer stateStoreTimer(MeterRegistry registry, String operation) {
        return Timer.builder("mip.state.store.duration").tag("operation", operation).publishPercentileHistogram().register(registry);
    }

    @Override
    public void tlsHandshake(boolean accepted, boolean succeeded) {
        Counter.builder("diameter.tls.handshakes").tag("side", accepted ? "accepted" : "dialled")
                .tag("outcome", succeeded ? "ok" : "failed").register(registry).increment();
    }

    /** The handler pool's threads, queue and completed tasks ({@code executor_*{name="handlers"}}). */
    public void bindHandlerPool(ExecutorService pool) {
        new ExecutorServiceMetrics(pool, "handlers", Tags.empty()).bindTo(registry);
    }

    /**
     * Meters for each of {@code configured} (before the stack starts, so that no connection is missed),
     * and {@code diameter_peers_connected} read from {@code table} at each scrape.
     */
    public void bindPeers(List<Peer> configured, PeerTableView table) {
        for (Peer peer : configured) {
            String host = peer.getUri().getFQDN();
            Gauge.builder("diameter.peer.up", peer, p -> p.getState(PeerState.class) == PeerState.OKAY ? 1 : 0)
                    .tag("peer", host).description("1 when the link with the peer is open (CER/CEA done)").strongReference(true)
                    .register(registry);
            Counter connections = Counter.builder("diameter.peer.connections").tag("peer", host)
                    .description("times the link with the peer became OKAY").register(registry);
            peer.addPeerStateListener((from, to) -> {
                if (to == PeerState.OKAY) {
                    connections.increment();
                }
            });
        }
        // held strongly: Micrometer keeps a weak reference to what a gauge reads, and nothing else holds this view
        Gauge.builder("diameter.peers.connected", table, PeerTableView::connected)
                .description("peers whose link is open, mobile nodes included").strongReference(true).register(registry);
    }

    /** How many peers are connected now. */
    @FunctionalInterface
    public interface PeerTableView {
        int connected();
    }
}
