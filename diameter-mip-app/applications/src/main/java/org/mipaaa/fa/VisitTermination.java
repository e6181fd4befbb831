package org.mipaaa.fa;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.messages.SessionTerminationRequest;
import org.mipaaa.registration.Visit;
import org.mipaaa.registration.VisitListener;
import org.mipaaa.state.AgentTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreign agent ends the AAA session of each visit that ends (RFC 4004 §4.1.3: "The mobility agents
 * MUST issue the Session-Termination-Request (STR) if the Authorization Lifetime has expired and no
 * subsequent MIP registration request has been received"; RFC 6733 §8.4: for any reason, logoff and
 * orderly shutdown included) when the AMA said the server keeps the session's state
 * (Auth-Session-State STATE_MAINTAINED or absent; RFC 6733 §8.11: the answer's value binds). To the
 * home realm through the AAAF, in the AMR's session, Destination-Host the AAAH that answered the AMR.
 * Termination-Cause: DIAMETER_LOGOUT for a deregistration, DIAMETER_AUTH_EXPIRED for a lapsed one,
 * DIAMETER_USER_MOVED when a new registration through the AAA replaces the visit, DIAMETER_ADMINISTRATIVE
 * when the agent stops, DIAMETER_SERVICE_NOT_PROVIDED for one the agent refused to serve (RFC 6733 §8.4:
 * "authorized but never actually started").
 *
 * <p>With no STA, or a protocol error (3xxx: not delivered), it is sent again after 1 s, 2 s, 4 s ... at
 * most {@code maxAttempts} times; any other answer ends it. The visits of a foreign agent live in its
 * memory only, and so do these STRs.
 */
public final class VisitTermination implements VisitListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VisitTermination.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final DiameterClient client;
    private final int maxAttempts;
    private final ScheduledExecutorService retries;
    /** The STRs on their way, waited for when the agent stops. */
    private final Set<CompletableFuture<Long>> sending = ConcurrentHashMap.newKeySet();
    /** The visits this agent must end with an STR, by Session-Id. */
    private final Map<String, Visit> open = new ConcurrentHashMap<>();

    public VisitTermination(DiameterClient client, int maxAttempts) {
        this.client = client;
        this.maxAttempts = maxAttempts;
        this.retries = AgentTimers.start("fa-str-retries");
    }

    @Override
    public void started(Visit visit) {
        if (visit.stateMaintained()) {
            open.put(visit.sessionId(), visit);
        } else {
            log.debug("visit {} of {}: the AAAH keeps no state (NO_STATE_MAINTAINED), no STR at its end", visit.sessionId(), visit.nai());
        }
    }

    @Override
    public void ended(Visit visit, End why) {
        if (open.remove(visit.sessionId()) == null) {
            return;
        }
        terminate(visit, switch (why) {
            case DEREGISTERED -> Enumerations.TERMINATION_CAUSE_DIAMETER_LOGOUT;
            case EXPIRED -> Enumerations.TERMINATION_CAUSE_DIAMETER_AUTH_EXPIRED;
            case SUPERSEDED -> Enumerations.TERMINATION_CAUSE_DIAMETER_USER_MOVED;
            case SHUTDOWN -> Enumerations.TERMINATION_CAUSE_DIAMETER_ADMINISTRATIVE;
        });
    }

    @Override
    public void refused(Visit visit) {
        if (visit.stateMaintained()) {
            terminate(visit, Enumerations.TERMINATION_CAUSE_DIAMETER_SERVICE_NOT_PROVIDED);
        }
    }

    private void terminate(Visit visit, int cause) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        sending.add(done);
        done.whenComplete((r, e) -> sending.remove(done));
        deliver(visit, cause, maxAttempts, FIRST_RETRY, done);
    }

    private void deliver(Visit visit, int cause, int attemptsLeft, Duration backOff, CompletableFuture<Long> done) {
        SessionTerminationRequest.send(client, visit.sessionId(), realmOf(visit.nai()), visit.authorizingServer(), visit.nai(), cause)
                .whenComplete((result, failure) -> {
                    if (failure == null && !ResultCodes.isProtocolError(result)) {
                        log.info("STR {} for {} (cause {}): STA {}", visit.sessionId(), visit.nai(), cause, result);
                        done.complete(result);
                        return;
                    }
                    String why = failure != null ? "no STA (" + failure + ")" : "Result-Code " + result;
                    if (attemptsLeft <= 1) {
                        log.warn("STR {} for {}: {}; not sent again", visit.sessionId(), visit.nai(), why);
                        done.complete(result);
                        return;
                    }
                    log.info("STR {} for {}: {}; sent again in {} s", visit.sessionId(), visit.nai(), why, backOff.toSeconds());
                    try {
                        retries.schedule(() -> deliver(visit, cause, attemptsLeft - 1, backOff.multipliedBy(2), done),
                                backOff.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.RejectedExecutionException stopping) {
                        done.complete(result);
                    }
                });
    }

    /** The visit's home realm: the NAI's (RFC 4282), the AMR's Destination-Realm. */
    private static String realmOf(String nai) {
        int at = nai.lastIndexOf('@');
        return at < 0 ? nai : nai.substring(at + 1);
    }

    /** Gives the STRs on their way (those of the visits the agent ended as it stopped) a few seconds. */
    @Override
    public void close() {
        List<CompletableFuture<Long>> waiting = List.copyOf(sending);
        try {
            CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("{} STRs not answered before the agent stopped", waiting.size());
        }
        AgentTimers.stop(retries);
    }
}
