package org.mipaaa.presence.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.presence.Presence;
import org.mipaaa.presence.PresenceBook;
import org.mipaaa.presence.PresenceJson;
import org.mipaaa.presence.PresenceNotifier;
import org.mipaaa.presence.PresenceSignature;
import org.mipaaa.presence.PresenceState;
import org.mipaaa.presence.PresenceSubscriptions;
import org.mipaaa.presence.WwwServer;
import org.mipaaa.state.StateStore;

/**
 * The page's receiving side on a real Jetty on 127.0.0.1, fed by the home agent's real
 * {@link PresenceNotifier} (real Infinispan outbox) or by hand-signed requests for what a notifier
 * never sends: the signature check, duplicates and old sequence numbers, malformed bodies, order, the
 * event stream, and the retry until the page is up.
 */
class PresencePageReceiverTest {

    private static final byte[] KEY = "page-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "another-key-0123456789ab".getBytes(StandardCharsets.US_ASCII);
    private static final String ALICE = "alice@home.example";
    private static final String BOB = "bob@home.example";
    // now: the page shows no change older than its notification.max.age.s
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    @TempDir
    Path data;

    private PresencePage page;
    private StateStore store;
    private PresenceNotifier notifier;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        if (notifier != null) {
            notifier.close();
        }
        if (store != null) {
            store.close();
        }
        if (page != null) {
            page.close();
        }
    }

    private static PageSettings settings(int port) throws Exception {
        return new PageSettings(InetAddress.getByName("127.0.0.1"), port, Map.of("ha-1", KEY, "ha-2", OTHER_KEY), List.of(
                new Terminal(ALICE, "Alice <Liddell>", Optional.empty(), "AL", URI.create("sip:" + ALICE), "ha-1"),
                new Terminal(BOB, "Bob", Optional.empty(), "B", URI.create("h323:bob.visited.example"), "ha-2")));
    }

    private PresenceBook book() {
        store = StateStore.open(Path.of("../../config/infinispan.xml"), data, "page-test-" + System.nanoTime());
        return PresenceBook.in(store);
    }

    private PresenceNotifier notifierTo(PresenceBook book, URI url) {
        return new PresenceNotifier(book, new PresenceSubscriptions(Map.of(ALICE, new WwwServer("ha-1", url, KEY))),
                Duration.ofMillis(5), Duration.ofMillis(100), Duration.ofSeconds(5), "test");
    }

    private static Presence change(PresenceBook book, PresenceState state, String careOf, boolean busy) {
        return book.change(ALICE, current -> new PresenceBook.Look(state, Optional.ofNullable(careOf).map(Ipv4::parse), Optional.empty(),
                busy), T0, true).orElseThrow();
    }

    private HttpResponse<String> post(String body, String keyId, byte[] key) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(page.notificationUrl()).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (keyId != null) {
            request.header(PresenceSignature.KEY_ID_HEADER, keyId);
        }
        if (key != null) {
            request.header(PresenceSignature.HEADER, PresenceSignature.sign(bytes, key));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String json(String nai, String state, long sequence, boolean busy) {
        return PresenceJson.of(new Presence(nai, PresenceState.valueOf(state),
                state.equals("VISITING") ? Optional.of(Ipv4.parse("192.0.2.50")) : Optional.empty(), Optional.empty(), busy, sequence, T0));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void theHomeAgentsChangesAreShownOnceEachInTheirOrder() throws Exception {
        page = PresencePage.start(settings(0));
        List<Shown> seen = new CopyOnWriteArrayList<>();
        page.board().watch(s -> {
            if (s.nai().equals(ALICE) && s.sequence() > 0) {
                seen.add(s);
            }
        });
        PresenceBook book = book();
        notifier = notifierTo(book, page.notificationUrl());

        notifier.changed(change(book, PresenceState.VISITING, "192.0.2.50", false));
        notifier.changed(change(book, PresenceState.VISITING, "192.0.2.50", true));
        notifier.changed(change(book, PresenceState.OUT_OF_ZONE, null, true));

        await("third change shown", () -> page.board().shown(ALICE).orElseThrow().sequence() == 3);
        assertThat(seen).extracting(Shown::sequence).containsExactly(1L, 2L, 3L);
        assertThat(seen).extracting(s -> s.look().slug()).containsExactly("visiting", "busy", "out-of-zone");
        assertThat(seen.get(0).careOfAddress()).contains("192.0.2.50");
        await("outbox acknowledged", () -> book.nextToSend(ALICE).isEmpty());
        assertThat(page.board().shown(BOB).orElseThrow().look().slug()).isEqualTo("unknown");
    }

    @Test
    void aChangeMadeWhileThePageIsDownIsRetriedUntilThePageIsUp() throws Exception {
        int port = freeLoopbackPort();
        PresenceBook book = book();
        notifier = notifierTo(book, URI.create("http://127.0.0.1:" + port + "/presence"));
        notifier.changed(change(book, PresenceState.VISITING, "192.0.2.50", false));
        Thread.sleep(300); // several refused attempts (back-off 5 ms .. 100 ms)
        assertThat(book.nextToSend(ALICE)).isPresent();

        page = PresencePage.start(settings(port));

        await("change shown after the page came up", () -> page.board().shown(ALICE).orElseThrow().sequence() == 1);
        assertThat(page.board().shown(ALICE).orElseThrow().state()).contains(PresenceState.VISITING);
        await("outbox acknowledged", () -> book.nextToSend(ALICE).isEmpty());
    }

    @Test
    void aNotificationThatDoesNotVerifyIsRefusedWith401AndNotShown() throws Exception {
        page = PresencePage.start(settings(0));
        String body = json(ALICE, "VISITING", 1, false);

        assertThat(post(body, "ha-1", OTHER_KEY).statusCode()).as("signed with another key").isEqualTo(401);
        assertThat(post(body, "ha-1", null).statusCode()).as("no signature").isEqualTo(401);
        assertThat(post(body, null, KEY).statusCode()).as("no key id").isEqualTo(401);
        assertThat(post(body, "ha-9", KEY).statusCode()).as("unknown key id").isEqualTo(401);
        HttpResponse<String> altered = http.send(HttpRequest.newBuilder(page.notificationUrl())
                .header(PresenceSignature.KEY_ID_HEADER, "ha-1")
                .header(PresenceSignature.HEADER, PresenceSignature.sign(body.getBytes(StandardCharsets.UTF_8), KEY))
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("\"busy\":false", "\"busy\":true "))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(altered.statusCode()).as("body altered after signing").isEqualTo(401);

        assertThat(page.board().shown(ALICE).orElseThrow().sequence()).isZero();
        assertThat(post(body, "ha-1", KEY).statusCode()).isEqualTo(204);
        assertThat(page.board().shown(ALICE).orElseThrow().sequence()).isEqualTo(1);
    }

    @Test
    void aSequenceNumberAlreadySeenIsAcknowledgedAndDropped() throws Exception {
        page = PresencePage.start(settings(0));
        List<Shown> seen = new CopyOnWriteArrayList<>();
        page.board().watch(seen::add);
        seen.clear(); // the snapshot

        assertThat(post(json(ALICE, "VISITING", 2, false), "ha-1", KEY).statusCode()).isEqualTo(204);
        HttpResponse<String> again = post(json(ALICE, "OUT_OF_ZONE", 2, false), "ha-1", KEY);
        HttpResponse<String> older = post(json(ALICE, "DEREGISTERED", 1, false), "ha-1", KEY);
        assertThat(post(json(ALICE, "VISITING", 5, true), "ha-1", KEY).statusCode()).as("a gap is applied").isEqualTo(204);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("already seen");
        assertThat(older.statusCode()).isEqualTo(200);
        assertThat(seen).extracting(Shown::sequence).containsExactly(2L, 5L);
        assertThat(page.board().shown(ALICE).orElseThrow().look().slug()).isEqualTo("busy");
    }

    @Test
    void badInputGetsItsOwnClearAnswer() throws Exception {
        page = PresencePage.start(settings(0));
        String good = json(ALICE, "VISITING", 1, false);

        for (String body : List.of("not json", "[1,2]", "{\"nai\":\"" + ALICE + "\"}", good.replace("VISITING", "ON_THE_MOON"),
                good.replace("\"sequence\":1", "\"sequence\":0"), good.replace("\"sequence\":1", "\"sequence\":\"1\""),
                good + " {}", good.replace("{\"nai\"", "{\"nai\":\"x@y\",\"nai\""), good.replace("\"busy\":false", "\"busy\":0"),
                good.replace(T0.toString(), "yesterday"), "")) {
            HttpResponse<String> response = post(body, "ha-1", KEY);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).as(body).startsWith("malformed notification: ");
        }
        assertThat(post(json("carol@home.example", "VISITING", 1, false), "ha-1", KEY).statusCode()).as("not a terminal").isEqualTo(404);
        assertThat(post(json(BOB, "VISITING", 1, false), "ha-1", KEY).statusCode()).as("Bob is ha-2's").isEqualTo(403);
        assertThat(post("{\"pad\":\"" + "x".repeat(20_000) + "\"}", "ha-1", KEY).statusCode()).isEqualTo(413);
        assertThat(http.send(HttpRequest.newBuilder(page.notificationUrl()).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(405);
        assertThat(page.board().all()).allMatch(s -> s.sequence() == 0);
    }

    @Test
    void theEventStreamGivesTheCurrentStateThenEachChange() throws Exception {
        page = PresencePage.start(settings(0));
        assertThat(post(json(ALICE, "VISITING", 1, false), "ha-1", KEY).statusCode()).isEqualTo(204);
        BlockingQueue<String> data = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(page.url().resolve("/events")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("data: ")) {
                        data.add(line.substring("data: ".length()));
                    }
                }
            } catch (java.io.IOException e) {
                // the page closed the stream at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();

        assertThat(data.poll(10, TimeUnit.SECONDS)).contains("\"nai\":\"" + ALICE + "\"").contains("\"look\":\"visiting\"")
                .contains("\"sequence\":1");
        assertThat(data.poll(10, TimeUnit.SECONDS)).contains("\"nai\":\"" + BOB + "\"").contains("\"look\":\"unknown\"");
        assertThat(post(json(ALICE, "OUT_OF_ZONE", 2, false), "ha-1", KEY).statusCode()).isEqualTo(204);
        assertThat(data.poll(10, TimeUnit.SECONDS)).contains("\"look\":\"out-of-zone\"").contains("\"label\":\"out of zone\"")
                .contains("\"sequence\":2");
        await("one browser", () -> page.browsers() == 1);
    }

    @Test
    void thePageListsEachTerminalWithItsStateIconAndCallLinkEscaped() throws Exception {
        page = PresencePage.start(settings(0));
        assertThat(post(json(ALICE, "VISITING", 1, true), "ha-1", KEY).statusCode()).isEqualTo(204);

        HttpResponse<String> html = http.send(HttpRequest.newBuilder(page.url()).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
        assertThat(html.body()).contains("data-nai=\"" + ALICE + "\" data-state=\"VISITING\" data-look=\"busy\" data-busy=\"true\"")
                .contains("Alice &lt;Liddell&gt;").doesNotContain("Alice <Liddell>")
                .contains("<img class=\"icon\" src=\"/icons/busy.svg\" alt=\"busy\"")
                .contains("href=\"sip:" + ALICE + "\"").contains("href=\"h323:bob.visited.example\"")
                .contains("data-nai=\"" + BOB + "\" data-state=\"UNKNOWN\" data-look=\"unknown\"");
        HttpResponse<String> icon = http.send(HttpRequest.newBuilder(page.url().resolve("/icons/out-of-zone.svg")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("image/svg+xml"));
        assertThat(icon.body()).contains("aria-label=\"out of zone\"").contains("<title>out of zone</title>");
        assertThat(http.send(HttpRequest.newBuilder(page.url().resolve("/icons/nothing.svg")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    /** A loopback port nothing listens on now (the page starts on it later in the test). */
    @Test
    void attack11_aSignedNotificationReplayedAfterThePageRestartedIsAcknowledgedButNotShown() throws Exception {
        page = PresencePage.start(settings(0));
        // a genuine, signed notification of an hour ago, replayed once the page no longer knows its sequence
        String old = PresenceJson.of(new Presence(ALICE, PresenceState.VISITING, Optional.of(Ipv4.parse("192.0.2.50")),
                Optional.empty(), false, 7, T0.minus(Duration.ofHours(1))));

        HttpResponse<String> replayed = post(old, "ha-1", KEY);

        assertThat(replayed.statusCode()).as("acknowledged: the home agent's outbox may let it go").isEqualTo(200);
        assertThat(replayed.body()).contains("too old");
        assertThat(page.board().shown(ALICE).orElseThrow().look().slug()).isEqualTo("unknown");
        // and one dated far ahead of the page's clock is not shown either
        String ahead = PresenceJson.of(new Presence(ALICE, PresenceState.VISITING, Optional.of(Ipv4.parse("192.0.2.50")),
                Optional.empty(), false, 8, T0.plus(Duration.ofHours(1))));
        assertThat(post(ahead, "ha-1", KEY).statusCode()).isEqualTo(200);
        assertThat(page.board().shown(ALICE).orElseThrow().look().slug()).isEqualTo("unknown");
        // a fresh one is
        assertThat(post(json(ALICE, "VISITING", 9, false), "ha-1", KEY).statusCode()).isEqualTo(204);
        assertThat(page.board().shown(ALICE).orElseThrow().look().slug()).isEqualTo("visiting");
    }

    @Test
    void attack11_browsersBeyondTheCapAreTurnedAwayAndThePageStillLoads() throws Exception {
        PageSettings two = settings(0);
        page = PresencePage.start(new PageSettings(two.listenAddress(), 0, two.haKeys(), two.terminals(), two.iconRefresh(),
                two.maxNotificationAge(), 2));
        List<java.util.concurrent.CompletableFuture<HttpResponse<java.io.InputStream>>> following = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            following.add(http.sendAsync(HttpRequest.newBuilder(page.url().resolve("/events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        }
        for (var f : following) {
            assertThat(f.get(5, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        await("two browsers follow", () -> page.browsers() == 2);

        HttpResponse<String> third = http.send(HttpRequest.newBuilder(page.url().resolve("/events")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(http.send(HttpRequest.newBuilder(page.url()).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        for (var f : following) {
            f.get().body().close();
        }
    }

    private static int freeLoopbackPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
