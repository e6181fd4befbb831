package org.mipaaa.presence;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each mobile node's presence changes to its WWW server (seed S2011): an HTTP POST of
 * {@link PresenceJson}, signed ({@link PresenceSignature}), until the server answers 2xx.
 *
 * <ul>
 * <li><b>Never reordered for one node</b>: a node's changes go one at a time from its outbox
 *     ({@link PresenceBook}), the next only once the previous is acknowledged; at most one delivery
 *     per NAI is under way ({@code sending}).</li>
 * <li><b>Nodes do not block each other</b>: each node's delivery is its own chain of asynchronous
 *     requests and timer tasks; a server that is down for one node delays only the nodes it serves.</li>
 * <li><b>Retried with back-off</b>: no answer, an I/O error or a non-2xx status is tried again after
 *     {@code firstRetry}, doubled each time up to {@code maxRetry}, forever: only an acknowledgement
 *     takes a change out of the outbox.</li>
 * <li><b>Restart</b>: the outbox is persistent; {@link #resume} sends what was not acknowledged.</li>
 * </ul>
 */
public final class PresenceNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PresenceNotifier.class);

    private final PresenceBook book;
    private final PresenceSubscriptions subscriptions;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Duration requestTimeout;
    private final ExecutorService httpThreads;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final Set<String> sending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public PresenceNotifier(PresenceBook book, PresenceSubscriptions subscriptions, Duration firstRetry, Duration maxRetry,
                            Duration requestTimeout, String nodeName) {
        this.book = book;
        this.subscriptions = subscriptions;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.requestTimeout = requestTimeout;
        this.httpThreads = Executors.newCachedThreadPool(daemon(nodeName + "-presence-http"));
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).executor(httpThreads)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon(nodeName + "-presence-notifier"));
    }

    /** A change of {@code presence} was stored in its node's outbox: send it (after those before it). */
    public void changed(Presence presence) {
        start(presence.nai());
    }

    /** Sends again every outbox left from before a restart. */
    public void resume() {
        for (String nai : book.withOutbox()) {
            log.info("presence of {}: changes not acknowledged before the restart, sent again", nai);
            start(nai);
        }
    }

    private void start(String nai) {
        if (!closed && sending.add(nai)) {
            timer.execute(() -> sendNext(nai, firstRetry));
        }
    }

    /** Sends the node's oldest unacknowledged change; {@code retryIn}: the wait if this attempt fails. */
    private void sendNext(String nai, Duration retryIn) {
        if (closed) {
            return;
        }
        Optional<Presence> next;
        try {
            next = book.nextToSend(nai);
        } catch (RuntimeException e) {
            log.warn("presence of {}: outbox unreadable, tried again later: {}", nai, e.toString());
            retry(nai, retryIn);
            return;
        }
        if (next.isEmpty()) {
            sending.remove(nai);
            // a change stored after the read above found this NAI still sending and did not start it
            if (book.nextToSend(nai).isPresent()) {
                start(nai);
            }
            return;
        }
        Presence presence = next.get();
        Optional<WwwServer> server = subscriptions.serverOf(nai);
        if (server.isEmpty()) {
            // its registration was taken out of presence.properties since: nobody to tell any more
            log.info("presence of {}: no WWW server registered any more, outbox dropped", nai);
            book.acknowledged(nai, Long.MAX_VALUE);
            sending.remove(nai);
            return;
        }
        byte[] body = PresenceJson.of(presence).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(server.get().url())
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header(PresenceSignature.HEADER, PresenceSignature.sign(body, server.get().key()))
                .header(PresenceSignature.KEY_ID_HEADER, server.get().id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null && response.statusCode() / 100 == 2) {
                log.debug("presence of {}: change {} acknowledged by {}", nai, presence.sequence(), server.get().id());
                try {
                    book.acknowledged(nai, presence.sequence());
                } catch (RuntimeException e) {
                    log.warn("presence of {}: acknowledgement not stored, change {} sent again: {}", nai,
                            presence.sequence(), e.toString());
                    retry(nai, retryIn);
                    return;
                }
                onTimer(() -> sendNext(nai, firstRetry), Duration.ZERO);
            } else {
                log.info("presence of {}: change {} not acknowledged by {} ({}), again in {} ms", nai, presence.sequence(),
                        server.get().id(), failure != null ? failure.toString() : "HTTP " + response.statusCode(),
                        retryIn.toMillis());
                retry(nai, retryIn);
            }
        });
    }

    private void retry(String nai, Duration retryIn) {
        Duration after = retryIn.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : retryIn.multipliedBy(2);
        onTimer(() -> sendNext(nai, after), retryIn);
    }

    private void onTimer(Runnable task, Duration delay) {
        if (closed) {
            return;
        }
        try {
            timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: the outbox keeps the change for the next start
        }
    }

    /** Stops sending; what is not acknowledged stays in the outboxes for {@link #resume}. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        httpThreads.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
