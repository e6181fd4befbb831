package org.mipaaa.aaaf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jdiameter.api.ApplicationId;
import org.mipaaa.accounting.AccountingOutbox;
import org.mipaaa.accounting.AccountingRecord;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.messages.AccountingRecords;
import org.mipaaa.state.AgentTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAF sends the records of its {@link AccountingOutbox} to the AAAH of each user's realm (seed
 * S32): one record in flight per session, in record-number order, under the session's own Session-Id
 * and record number (which the AAAH uses to recognise a record it has already), removed from the
 * outbox on the ACA. No answer, or a 3xxx (not delivered): the session waits 1 s, 2 s, 4 s ... up to
 * {@code maxBackOff} and its record is sent again. A permanent refusal (4xxx/5xxx) sets the record
 * aside ({@link AccountingOutbox#reject}) so the session's next records still go.
 */
public final class HomeAccountingForwarder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HomeAccountingForwarder.class);
    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);

    private final AccountingOutbox outbox;
    private final DiameterClient client;
    private final Clock clock;
    private final Duration maxBackOff;
    private final ScheduledExecutorService timer;
    /** Sessions with a record in flight, or waiting to send again: until when, and the next wait. */
    private final Map<String, Instant> busyUntil = new ConcurrentHashMap<>();
    private final Map<String, Duration> backOff = new ConcurrentHashMap<>();

    public HomeAccountingForwarder(AccountingOutbox outbox, DiameterClient client, Clock clock, Duration poll, Duration maxBackOff) {
        this.outbox = outbox;
        this.client = client;
        this.clock = clock;
        this.maxBackOff = maxBackOff;
        this.timer = AgentTimers.start("aaaf-accounting");
        timer.scheduleWithFixedDelay(this::pump, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A record was stored: look at once rather than at the next poll. */
    public void wake() {
        try {
            timer.execute(this::pump);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the records stay in the outbox for the next start
        }
    }

    private void pump() {
        Instant now = clock.instant();
        for (AccountingRecord head : outbox.heads()) {
            Instant until = busyUntil.get(head.sessionId());
            if (until != null && now.isBefore(until)) {
                continue;
            }
            busyUntil.put(head.sessionId(), Instant.MAX); // in flight
            send(head);
        }
    }

    private void send(AccountingRecord record) {
        acr(record).whenComplete((result, failure) -> {
            String session = record.sessionId();
            if (failure == null && result == ResultCodes.SUCCESS) {
                log.debug("ACR {} #{} for {} to the AAAH: ACA 2001", session, record.recordNumber(), record.nai());
                outbox.remove(record);
                backOff.remove(session);
                busyUntil.remove(session);
                wake(); // the session's next record, if any
            } else if (failure == null && result >= 4000) {
                log.error("ACR {} #{} for {} refused by the AAAH with {}: set aside", session, record.recordNumber(), record.nai(), result);
                outbox.reject(record, result);
                busyUntil.remove(session);
                wake();
            } else {
                Duration wait = backOff.getOrDefault(session, FIRST_BACK_OFF);
                backOff.put(session, wait.multipliedBy(2).compareTo(maxBackOff) > 0 ? maxBackOff : wait.multipliedBy(2));
                busyUntil.put(session, clock.instant().plus(wait));
                log.warn("ACR {} #{} for {} to the AAAH: {}; sent again in {} s", session, record.recordNumber(), record.nai(),
                        failure != null ? "no ACA (" + failure + ")" : "Result-Code " + result, wait.toSeconds());
            }
        });
    }

    private CompletableFuture<Long> acr(AccountingRecord record) {
        try {
            DiameterClient.OutgoingRequest acr = client.requestInSession(record.sessionId(), CommandCodes.ACCOUNTING,
                    ApplicationId.createByAccAppId(ApplicationIds.MOBILE_IPV4), realmOf(record.nai()), null);
            AccountingRecords.write(record, acr.avps());
            return acr.send().thenApply(AnswerResult::resultCode);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String realmOf(String nai) {
        int at = nai.lastIndexOf('@');
        return at < 0 ? nai : nai.substring(at + 1);
    }

    @Override
    public void close() {
        AgentTimers.stop(timer);
    }
}
