package org.mipaaa.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.state.StateStore;

/**
 * Delivery of presence changes to a real HTTP server on 127.0.0.1 that checks the signature: retry until
 * acknowledged, order per mobile node, independence of nodes, resend after a restart of the store.
 * Back-off is 1 ms so the retries are quick; nothing here waits for a time to pass, only for events.
 */
class PresenceNotifierTest {

    private static final byte[] KEY = "web-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String ALICE = "alice@home.example";
    private static final String BOB = "bob@home.example";

    @TempDir
    Path data;

    private StateStore store;
    private PresenceNotifier notifier;
    private TestWwwServer web;
    private TestWwwServer otherWeb;

    @AfterEach
    void close() {
        if (notifier != null) {
            notifier.close();
        }
        if (store != null) {
            store.close();
        }
        if (web != null) {
            web.close();
        }
        if (otherWeb != null) {
            otherWeb.close();
        }
    }

    private PresenceNotifier notifierFor(PresenceBook book, PresenceSubscriptions subscriptions) {
        return new PresenceNotifier(book, subscriptions, Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofSeconds(10),
                "test");
    }

    private static Optional<Presence> change(PresenceBook book, String nai, PresenceState state, String careOf) {
        return book.change(nai, current -> new PresenceBook.Look(state,
                careOf == null ? Optional.empty() : Optional.of(Ipv4.parse(careOf)), Optional.empty(), false), T0, true);
    }

    @Test
    void aChangeIsRetriedUntilAcknowledged() throws Exception {
        web = new TestWwwServer(KEY, 3);
        store = PresenceStores.open(data);
        PresenceBook book = PresenceBook.in(store);
        notifier = notifierFor(book, new PresenceSubscriptions(Map.of(ALICE, new WwwServer("web", web.url(), KEY))));

        notifier.changed(change(book, ALICE, PresenceState.VISITING, "192.0.2.50").orElseThrow());

        TestWwwServer.Attempt delivered = web.nextAcknowledged();
        assertThat(delivered.sequence()).isEqualTo(1);
        assertThat(delivered.state()).isEqualTo("VISITING");
        assertThat(web.attempts()).extracting(TestWwwServer.Attempt::status).containsExactly(503, 503, 503, 204);
        assertThat(web.attempts()).allMatch(TestWwwServer.Attempt::signatureValid);
        awaitEmptyOutbox(book, ALICE); // the 204 is sent before the notifier stores it
    }

    /** Waits for the notifier to store the acknowledgement the server has sent; fails after 30 s. */
    private static void awaitEmptyOutbox(PresenceBook book, String nai) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (book.nextToSend(nai).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the acknowledged change is still in the outbox");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void changesOfOneNodeArriveInOrderEachOnlyAfterThePreviousIsAcknowledged() throws Exception {
        web = new TestWwwServer(KEY, 4);
        store = PresenceStores.open(data);
        PresenceBook book = PresenceBook.in(store);
        notifier = notifierFor(book, new PresenceSubscriptions(Map.of(ALICE, new WwwServer("web", web.url(), KEY))));

        // three changes while the server fails
        notifier.changed(change(book, ALICE, PresenceState.VISITING, "192.0.2.50").orElseThrow());
        notifier.changed(change(book, ALICE, PresenceState.VISITING, "198.51.100.7").orElseThrow());
        notifier.changed(change(book, ALICE, PresenceState.OUT_OF_ZONE, null).orElseThrow());

        assertThat(web.nextAcknowledged().sequence()).isEqualTo(1);
        assertThat(web.nextAcknowledged().sequence()).isEqualTo(2);
        TestWwwServer.Attempt third = web.nextAcknowledged();
        assertThat(third.sequence()).isEqualTo(3);
        assertThat(third.state()).isEqualTo("OUT_OF_ZONE");
        // every attempt, failed or not, in sequence order: change 2 never left before 1 was acknowledged
        assertThat(web.attempts()).extracting(TestWwwServer.Attempt::sequence).isSorted();
        assertThat(web.attempts()).filteredOn(a -> a.status() == 204).extracting(TestWwwServer.Attempt::sequence)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void aServerThatKeepsFailingForOneNodeDoesNotHoldUpAnother() throws Exception {
        web = new TestWwwServer(KEY, 0);
        otherWeb = new TestWwwServer(KEY, Integer.MAX_VALUE);
        store = PresenceStores.open(data);
        PresenceBook book = PresenceBook.in(store);
        notifier = notifierFor(book, new PresenceSubscriptions(Map.of(
                ALICE, new WwwServer("down", otherWeb.url(), KEY),
                BOB, new WwwServer("web", web.url(), KEY))));

        notifier.changed(change(book, ALICE, PresenceState.VISITING, "192.0.2.50").orElseThrow());
        otherWeb.awaitAttempts(2); // Alice's server is refusing and being retried
        notifier.changed(change(book, BOB, PresenceState.VISITING, "192.0.2.51").orElseThrow());

        TestWwwServer.Attempt bob = web.nextAcknowledged();
        assertThat(bob.nai()).isEqualTo(BOB);
        assertThat(book.nextToSend(ALICE)).map(Presence::sequence).contains(1L);
    }

    @Test
    void aNotificationSignedWithAnotherKeyIsRefusedByTheReceiver() throws Exception {
        web = new TestWwwServer(KEY, 0);
        store = PresenceStores.open(data);
        PresenceBook book = PresenceBook.in(store);
        byte[] wrongKey = "not-the-web-key-0123456789".getBytes(StandardCharsets.US_ASCII);
        notifier = notifierFor(book, new PresenceSubscriptions(Map.of(ALICE, new WwwServer("web", web.url(), wrongKey))));

        notifier.changed(change(book, ALICE, PresenceState.VISITING, "192.0.2.50").orElseThrow());
        web.awaitAttempts(2);

        assertThat(web.attempts()).noneMatch(TestWwwServer.Attempt::signatureValid);
        assertThat(web.attempts()).extracting(TestWwwServer.Attempt::status).containsOnly(401);
        // not acknowledged: it stays in the outbox
        assertThat(book.nextToSend(ALICE)).map(Presence::sequence).contains(1L);
    }

    @Test
    void whatWasNotAcknowledgedIsSentAgainAfterARestart() throws Exception {
        web = new TestWwwServer(KEY, Integer.MAX_VALUE);
        PresenceSubscriptions subscriptions = new PresenceSubscriptions(Map.of(ALICE, new WwwServer("web", web.url(), KEY)));
        store = PresenceStores.open(data);
        PresenceBook book = PresenceBook.in(store);
        notifier = notifierFor(book, subscriptions);
        notifier.changed(change(book, ALICE, PresenceState.VISITING, "192.0.2.50").orElseThrow());
        notifier.changed(change(book, ALICE, PresenceState.AT_HOME, null).orElseThrow());
        web.awaitAttempts(1);
        notifier.close();
        store.close();

        web.failNext(0);
        store = PresenceStores.open(data);
        book = PresenceBook.in(store);
        notifier = notifierFor(book, subscriptions);
        notifier.resume();

        assertThat(web.nextAcknowledged().sequence()).isEqualTo(1);
        TestWwwServer.Attempt second = web.nextAcknowledged();
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.state()).isEqualTo("AT_HOME");
        // and the sequence goes on from where it was
        assertThat(change(book, ALICE, PresenceState.VISITING, "192.0.2.60")).map(Presence::sequence).contains(3L);
    }
}
