package org.mipaaa.ha;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.messages.SessionTerminationRequest;
import org.mipaaa.registration.BindingEndListener;
import org.mipaaa.registration.MobilityBinding;
import org.mipaaa.registration.PendingTerminations;
import org.mipaaa.state.AgentTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home agent ends the AAA session of a binding that ended (RFC 4004 §4.1.3: "The mobility agents
 * MUST issue the Session-Termination-Request (STR) if the Authorization Lifetime has expired"; the
 * AAAH frees the mobile node's resources on the home agent's STR only). The STR (RFC 6733 §8.4.1)
 * carries the Session-Id of the AAAH's HAR, Application-Id 0 in its header (RFC 4004 §4),
 * Auth-Application-Id 2, User-Name, and Termination-Cause DIAMETER_LOGOUT for a deregistration (also
 * back home), DIAMETER_AUTH_EXPIRED for a binding that expired, or DIAMETER_ADMINISTRATIVE for one the
 * AAAH aborted (ASR; RFC 6733 §8.4 and §8.15). It goes to the home realm, the AAAH's,
 * with Destination-Host the AAAH that authorised the session ({@link #authorizingServer}).
 *
 * <p>Never lost: each STR is stored ({@link PendingTerminations}) before it is sent and until an STA
 * comes; with no STA, or a protocol error (3xxx: not delivered), it is sent again after 1 s, 2 s, 4 s
 * ... up to every {@code maxRetry}, and the ones stored when the home agent starts are sent again.
 * Any other answer ends it: 2001, or a permanent error (5002 for a session the AAAH no longer knows),
 * which retrying would not change.
 */
public final class SessionTermination implements BindingEndListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionTermination.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final DiameterClient client;
    private final String homeRealm;
    private final PendingTerminations pending;
    private final Duration maxRetry;
    private final ScheduledExecutorService retries;

    public SessionTermination(DiameterClient client, String homeRealm, PendingTerminations pending, Duration maxRetry) {
        this.client = client;
        this.homeRealm = homeRealm;
        this.pending = pending;
        this.maxRetry = maxRetry;
        this.retries = AgentTimers.start("str-retries");
    }

    /** Sends again every STR stored and not answered (those of before a restart). */
    public void resume() {
        for (PendingTerminations.Termination t : pending.all()) {
            log.info("STR {} for {}: not answered before the restart, sent again", t.sessionId(), t.nai());
            deliver(t, FIRST_RETRY);
        }
    }

    @Override
    public void ended(MobilityBinding binding, Reason reason) {
        // RFC 6733 §8.4: an STR "for any reason, including ... termination upon receipt of an
        // Abort-Session-Request"; §8.15 names DIAMETER_ADMINISTRATIVE for that one
        int cause = switch (reason) {
            case EXPIRED -> Enumerations.TERMINATION_CAUSE_DIAMETER_AUTH_EXPIRED;
            case ABORTED -> Enumerations.TERMINATION_CAUSE_DIAMETER_ADMINISTRATIVE;
            case DEREGISTERED, RETURNED_HOME -> Enumerations.TERMINATION_CAUSE_DIAMETER_LOGOUT;
        };
        PendingTerminations.Termination t = new PendingTerminations.Termination(binding.aaaSessionId(), binding.nai(), cause);
        pending.add(t);
        deliver(t, FIRST_RETRY);
    }

    private void deliver(PendingTerminations.Termination t, Duration nextDelay) {
        send(t).whenComplete((result, failure) -> {
            if (failure == null && !ResultCodes.isProtocolError(result)) {
                pending.remove(t.sessionId());
                return;
            }
            log.warn("STR {} for {}: {}; sent again in {} s", t.sessionId(), t.nai(),
                    failure != null ? "no STA (" + failure + ")" : "Result-Code " + result, nextDelay.toSeconds());
            try {
                retries.schedule(() -> deliver(t, min(nextDelay.multipliedBy(2), maxRetry)), nextDelay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                log.info("STR {} for {}: the home agent stops; sent again when it starts", t.sessionId(), t.nai());
            }
        });
    }

    /** Sends one STR; completes with the STA's Result-Code, or exceptionally when none came. */
    public CompletableFuture<Long> send(PendingTerminations.Termination t) {
        return SessionTerminationRequest.send(client, t.sessionId(), homeRealm, authorizingServer(t.sessionId()), t.nai(), t.cause())
                .thenApply(result -> {
                    if (result == ResultCodes.SUCCESS) {
                        log.debug("STR {} for {} (cause {}): STA 2001", t.sessionId(), t.nai(), t.cause());
                    } else {
                        log.warn("STR {} for {} (cause {}) not accepted: Result-Code {}", t.sessionId(), t.nai(), t.cause(), result);
                    }
                    return result;
                });
    }

    /**
     * The AAAH that authorised the session, the STR's Destination-Host: with several AAAHs in the home
     * realm, realm routing alone may take the STR to one that never saw the session. RFC 6733 §8.8: a
     * Session-Id begins with the DiameterIdentity of its originator, the AAAH that sent the HAR (an
     * authenticated peer of this home agent). Empty when the Session-Id has no such part; jDiameter
     * routes by realm when the host is not a peer of this node (a relay in between).
     */
    static Optional<String> authorizingServer(String sessionId) {
        int end = sessionId.indexOf(';');
        String identity = end < 0 ? "" : sessionId.substring(0, end);
        return identity.isEmpty() || !identity.matches("[A-Za-z0-9.-]+") ? Optional.empty() : Optional.of(identity);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        AgentTimers.stop(retries);
    }
}
