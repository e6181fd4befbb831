package org.mipaaa.presence.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: the page's server-sent events (HTML Living Standard §9.2). A browser gets every
 * terminal as shown when it connects, then each change as an event {@code presence}, in order. Writes
 * are asynchronous, one at a time per browser; a comment every {@value #KEEPALIVE_SECONDS} s keeps the
 * connection from the idle timeout and finds browsers that left (their write fails).
 */
final class EventStream implements AutoCloseable {

    static final int KEEPALIVE_SECONDS = 10;
    /** A browser that is this far behind is dropped; it reconnects and starts from a fresh snapshot. */
    private static final int MAX_QUEUED = 1000;
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final PresenceBoard board;
    private final int maxBrowsers;
    private final Set<Browser> browsers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService keepalive;

    EventStream(PresenceBoard board, int maxBrowsers) {
        this.board = board;
        this.maxBrowsers = maxBrowsers;
        this.keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "presence-page-keepalive");
            t.setDaemon(true);
            return t;
        });
        keepalive.scheduleWithFixedDelay(() -> browsers.forEach(b -> b.send(": keepalive\n\n")), KEEPALIVE_SECONDS, KEEPALIVE_SECONDS,
                TimeUnit.SECONDS);
    }

    void handle(Response response, Callback callback) {
        if (browsers.size() >= maxBrowsers) {
            // every follower holds a connection and a queue: their number is bounded, the page itself still loads
            Replies.text(response, callback, 503, "too many browsers follow this page now (max.browsers)");
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Browser browser = new Browser(response, callback);
        browsers.add(browser);
        browser.send("retry: 1000\n\n"); // reconnect after a second when the connection drops
        board.watch(browser.watcher);
    }

    int browsers() {
        return browsers.size();
    }

    @Override
    public void close() {
        keepalive.shutdownNow();
        browsers.forEach(b -> b.end(null));
    }

    /** One connected browser: its queue of event texts and the one write under way. */
    private final class Browser {
        private final Response response;
        private final Callback done;
        private final Queue<String> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean writing = new AtomicBoolean();
        private final AtomicBoolean ended = new AtomicBoolean();
        final Consumer<Shown> watcher = shown -> send("event: presence\ndata: " + shown.json() + "\n\n");

        Browser(Response response, Callback done) {
            this.response = response;
            this.done = done;
        }

        void send(String text) {
            if (ended.get()) {
                return;
            }
            if (queue.size() >= MAX_QUEUED) {
                end(new IllegalStateException("browser too slow, " + MAX_QUEUED + " events queued"));
                return;
            }
            queue.add(text);
            writeNext();
        }

        private void writeNext() {
            while (!ended.get() && !queue.isEmpty() && writing.compareAndSet(false, true)) {
                String next = queue.poll();
                if (next == null) {
                    writing.set(false);
                    continue; // a send may have queued after the isEmpty check: look again
                }
                response.write(false, ByteBuffer.wrap(next.getBytes(StandardCharsets.UTF_8)), new Callback() {
                    @Override
                    public void succeeded() {
                        writing.set(false);
                        writeNext();
                    }

                    @Override
                    public void failed(Throwable x) {
                        writing.set(false);
                        end(x);
                    }
                });
                return;
            }
        }

        void end(Throwable failure) {
            if (ended.compareAndSet(false, true)) {
                board.unwatch(watcher);
                browsers.remove(this);
                if (failure == null) {
                    done.succeeded();
                } else {
                    log.debug("presence page: event stream ended: {}", failure.toString());
                    done.failed(failure);
                }
            }
        }
    }
}
