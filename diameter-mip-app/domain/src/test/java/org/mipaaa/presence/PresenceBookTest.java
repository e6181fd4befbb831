package org.mipaaa.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.state.StateStore;

/** The presence book and its outboxes on real embedded Infinispan. */
class PresenceBookTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String NAI = "mn1@home.example";

    @TempDir
    Path data;

    private static PresenceBook.Look visiting(String careOf) {
        return new PresenceBook.Look(PresenceState.VISITING, Optional.of(Ipv4.parse(careOf)), Optional.empty(), false);
    }

    @Test
    void sequencesGoUpByOneAndTheSameLookIsNoChange() {
        try (StateStore store = PresenceStores.open(data)) {
            PresenceBook book = PresenceBook.in(store);
            assertThat(book.change(NAI, c -> visiting("192.0.2.50"), T0, true)).map(Presence::sequence).contains(1L);
            assertThat(book.change(NAI, c -> visiting("192.0.2.50"), T0, true)).isEmpty();
            assertThat(book.change(NAI, c -> visiting("192.0.2.51"), T0, true)).map(Presence::sequence).contains(2L);
            assertThat(book.current(NAI)).map(Presence::careOfAddress).contains(Optional.of(Ipv4.parse("192.0.2.51")));
        }
    }

    @Test
    void theOutboxKeepsChangesInOrderUntilAcknowledgedAndSurvivesAReopen() {
        try (StateStore store = PresenceStores.open(data)) {
            PresenceBook book = PresenceBook.in(store);
            book.change(NAI, c -> visiting("192.0.2.50"), T0, true);
            book.change(NAI, c -> visiting("192.0.2.51"), T0, true);
            book.change("quiet@home.example", c -> visiting("192.0.2.52"), T0, false);
            book.acknowledged(NAI, 1);
        }
        try (StateStore store = PresenceStores.open(data)) {
            PresenceBook book = PresenceBook.in(store);
            assertThat(book.withOutbox()).containsExactly(NAI);
            assertThat(book.nextToSend(NAI)).map(Presence::sequence).contains(2L);
            book.acknowledged(NAI, 2);
            assertThat(book.nextToSend(NAI)).isEmpty();
            assertThat(book.current(NAI)).map(Presence::sequence).contains(2L);
            assertThat(book.current("quiet@home.example")).isPresent();
        }
    }

    @Test
    void aFullOutboxDropsItsOldestChange() {
        try (StateStore store = PresenceStores.open(data)) {
            PresenceBook book = PresenceBook.in(store);
            for (int i = 0; i <= PresenceBook.MAX_OUTBOX; i++) {
                int n = i;
                book.change(NAI, c -> new PresenceBook.Look(PresenceState.VISITING, Optional.empty(), Optional.empty(), n % 2 == 0),
                        T0, true);
            }
            assertThat(book.nextToSend(NAI)).map(Presence::sequence).contains(2L);
        }
    }
}
