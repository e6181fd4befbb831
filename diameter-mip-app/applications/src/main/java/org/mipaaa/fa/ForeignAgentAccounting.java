package org.mipaaa.fa;

import java.net.Inet4Address;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jdiameter.api.ApplicationId;
import org.mipaaa.accounting.AccountingRecord;
import org.mipaaa.accounting.UsageMeter;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.messages.AccountingRecords;
import org.mipaaa.registration.Visit;
import org.mipaaa.registration.VisitListener;
import org.mipaaa.state.AgentTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreign agent's accounting of each visit (seed S31): metering starts with the accepted first
 * registration, and the FA reports to its AAAF in ACRs of Application-Id 2 (RFC 4004 §10, RFC 6733
 * §9): START then, INTERIM every {@code interval}, STOP when the visit ends (the node deregisters here,
 * its lifetime passes without a renewal, it registers again through the AAA, the agent stops). The accounting session is the visit's AAA session (the AMR's Session-Id),
 * records numbered from 0.
 *
 * <p>Each visit's INTERIMs follow its own START ({@code interval} after it, then every {@code
 * interval}), checked every second: one timer for all visits would send every visit's INTERIM at the
 * same instant, a burst that filled the AAAF's handler pool (3004) and refused the registrations
 * arriving meanwhile.
 *
 * <p>Records of one visit go one at a time, in order. START and STOP are sent again (1 s, 2 s, 4 s,
 * ... at most {@code maxAttempts} times) until the AAAF answers, which it does once it has stored them
 * durably; a lost INTERIM is not resent, since the next record carries the cumulative counters.
 */
public final class ForeignAgentAccounting implements VisitListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ForeignAgentAccounting.class);
    /** How often due INTERIMs are looked for. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final DiameterClient client;
    private final String realm;
    private final UsageMeter meter;
    private final UserPlaneRelay relay;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private final Map<Inet4Address, Metered> visits = new ConcurrentHashMap<>();
    /** The STOP records on their way, waited for when the agent stops. */
    private final java.util.Set<CompletableFuture<Void>> stopping = ConcurrentHashMap.newKeySet();

    /** A visit being metered: its records go out one after the other on {@link #queue}. */
    private static final class Metered {
        final Visit visit;
        final AtomicLong nextRecord = new AtomicLong();
        /** When its next INTERIM is due; only the timer thread moves it. */
        Instant nextInterim;
        CompletableFuture<Void> queue = CompletableFuture.completedFuture(null);

        Metered(Visit visit, Instant nextInterim) {
            this.visit = visit;
            this.nextInterim = nextInterim;
        }
    }

    public ForeignAgentAccounting(DiameterClient client, String realm, UsageMeter meter, UserPlaneRelay relay, Clock clock,
                                  Duration interval, int maxAttempts) {
        this.client = client;
        this.realm = realm;
        this.meter = meter;
        this.relay = relay;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.interval = interval;
        this.timer = AgentTimers.start("fa-accounting");
        long check = Math.min(interval.toMillis(), CHECK_EVERY.toMillis());
        timer.scheduleWithFixedDelay(this::tick, check, check, TimeUnit.MILLISECONDS);
    }

    @Override
    public void started(Visit visit) {
        Metered previous = visits.remove(visit.homeAddress());
        if (previous != null) {
            stop(previous); // registered again through the AAA: the old visit ends here
        }
        meter.start(visit.homeAddress());
        try {
            relay.open(visit.homeAddress());
        } catch (SocketException e) {
            log.warn("no user plane for {}: {}", visit.nai(), e.getMessage());
        }
        Instant now = clock.instant();
        Metered metered = new Metered(visit, now.plus(interval));
        visits.put(visit.homeAddress(), metered);
        send(metered, Enumerations.ACCOUNTING_RECORD_TYPE_START_RECORD);
    }

    @Override
    public void ended(Visit visit, End why) {
        Metered metered = visits.get(visit.homeAddress());
        if (metered != null && metered.visit.sessionId().equals(visit.sessionId()) && visits.remove(visit.homeAddress(), metered)) {
            stop(metered);
        }
    }

    /** Each second: the INTERIM of each visit due. */
    private void tick() {
        Instant now = clock.instant();
        for (Metered metered : visits.values()) {
            if (!now.isBefore(metered.nextInterim)) {
                metered.nextInterim = metered.nextInterim.plus(interval);
                send(metered, Enumerations.ACCOUNTING_RECORD_TYPE_INTERIM_RECORD);
            }
        }
    }

    private void stop(Metered metered) {
        relay.close(metered.visit.homeAddress());
        send(metered, Enumerations.ACCOUNTING_RECORD_TYPE_STOP_RECORD);
        CompletableFuture<Void> sent = metered.queue;
        stopping.add(sent);
        sent.whenComplete((x, e) -> stopping.remove(sent));
    }

    /** Queues the record of {@code type} with the usage as it is now (at a STOP: final, metering ends). */
    private synchronized void send(Metered metered, int type) {
        Inet4Address home = metered.visit.homeAddress();
        UsageMeter.Usage usage = (type == Enumerations.ACCOUNTING_RECORD_TYPE_STOP_RECORD ? meter.stop(home) : meter.usage(home))
                .orElse(new UsageMeter.Usage(clock.instant(), Duration.ZERO, 0, 0, 0, 0));
        Visit v = metered.visit;
        AccountingRecord record = new AccountingRecord(v.sessionId(), type, metered.nextRecord.getAndIncrement(), v.nai(),
                v.acctMultiSessionId(), usage.inputOctets(), usage.outputOctets(), usage.inputPackets(), usage.outputPackets(),
                usage.connected().toSeconds(), v.featureVector(), v.homeAgent(), home, clock.instant());
        boolean retried = type != Enumerations.ACCOUNTING_RECORD_TYPE_INTERIM_RECORD;
        metered.queue = metered.queue.thenCompose(ignored -> deliver(record, retried ? maxAttempts : 1, Duration.ofSeconds(1)));
    }

    private CompletableFuture<Void> deliver(AccountingRecord record, int attemptsLeft, Duration backOff) {
        return acr(record).handle((result, failure) -> {
            if (failure == null && result == ResultCodes.SUCCESS) {
                log.debug("ACR {} #{} for {}: ACA 2001", record.sessionId(), record.recordNumber(), record.nai());
                return CompletableFuture.<Void>completedFuture(null);
            }
            String why = failure != null ? "no ACA (" + failure + ")" : "Result-Code " + result;
            if (attemptsLeft <= 1 || (failure == null && result >= 4000)) {
                log.warn("ACR {} #{} for {}: {}; not sent again", record.sessionId(), record.recordNumber(), record.nai(), why);
                return CompletableFuture.<Void>completedFuture(null);
            }
            log.info("ACR {} #{} for {}: {}; sent again in {} s", record.sessionId(), record.recordNumber(), record.nai(), why,
                    backOff.toSeconds());
            CompletableFuture<Void> later = new CompletableFuture<>();
            try {
                timer.schedule(() -> deliver(record, attemptsLeft - 1, backOff.multipliedBy(2)).whenComplete((x, e) -> later.complete(null)),
                        backOff.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                later.complete(null);
            }
            return later;
        }).thenCompose(f -> f);
    }

    /** One ACR to the AAAF of this realm; completes with the ACA's Result-Code. */
    private CompletableFuture<Long> acr(AccountingRecord record) {
        try {
            DiameterClient.OutgoingRequest acr = client.requestInSession(record.sessionId(), CommandCodes.ACCOUNTING,
                    ApplicationId.createByAccAppId(ApplicationIds.MOBILE_IPV4), realm, null);
            AccountingRecords.write(record, acr.avps());
            return acr.send().thenApply(AnswerResult::resultCode);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Ends every visit still metered with its STOP (the foreign agent, closed first, has usually ended
     * them already) and gives the STOPs on their way a few seconds to be answered.
     */
    @Override
    public void close() {
        for (Metered metered : visits.values()) {
            if (visits.remove(metered.visit.homeAddress(), metered)) {
                stop(metered);
            }
        }
        java.util.List<CompletableFuture<Void>> waiting = java.util.List.copyOf(stopping);
        try {
            CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("{} STOP records not answered before the agent stopped", waiting.size());
        }
        AgentTimers.stop(timer);
    }
}
