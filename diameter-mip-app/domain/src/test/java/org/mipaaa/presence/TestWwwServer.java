package org.mipaaa.presence;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A WWW server as the page side would be: a real HTTP server on 127.0.0.1 that verifies each
 * notification's signature with its key ({@link PresenceSignature#verifies}), refuses (503) the first
 * {@code failures} attempts, and acknowledges (204) a signed one after that; 401 for a bad signature.
 */
final class TestWwwServer implements AutoCloseable {

    /** One POST as received. */
    record Attempt(String nai, long sequence, String state, boolean busy, boolean signatureValid, int status, String body) {
    }

    private static final Pattern NAI = Pattern.compile("\"nai\":\"([^\"]*)\"");
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z_]+)\"");

    private final HttpServer server;
    private final byte[] key;
    private final AtomicInteger failures;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Attempt> acknowledged = new LinkedBlockingQueue<>();

    TestWwwServer(byte[] key, int failures) throws IOException {
        this.key = key;
        this.failures = new AtomicInteger(failures);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/presence", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/presence");
    }

    /** From now on, refuse the next {@code count} attempts. */
    void failNext(int count) {
        failures.set(count);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        boolean valid = PresenceSignature.verifies(body,
                Optional.ofNullable(exchange.getRequestHeaders().getFirst(PresenceSignature.HEADER)), key);
        int status;
        if (!valid) {
            status = 401;
        } else if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = 503;
        } else {
            status = 204;
        }
        Attempt attempt = new Attempt(find(NAI, text), Long.parseLong(find(SEQUENCE, text)), find(STATE, text),
                text.contains("\"busy\":true"), valid, status, text);
        attempts.add(attempt);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
        if (status == 204) {
            acknowledged.add(attempt);
        }
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    /** The next notification acknowledged; fails the test if none comes in 30 s (a hang, not a timing). */
    Attempt nextAcknowledged() throws InterruptedException {
        Attempt a = acknowledged.poll(30, TimeUnit.SECONDS);
        if (a == null) {
            throw new AssertionError("no notification acknowledged; attempts: " + attempts);
        }
        return a;
    }

    /** Waits until {@code count} attempts have been made (acknowledged or not). */
    void awaitAttempts(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (attempts.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + attempts.size() + " attempts");
            }
            Thread.sleep(5);
        }
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
