package org.mipaaa.payee;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.state.StateStore;

/**
 * Issue 14, attack 4: SCRs for made-up Settlement-Ids each stored a void record at the AAAY, without
 * limit. On the real embedded Infinispan.
 */
class UnbookedVoidsTest {

    private static final Path CONFIG = Path.of("../../config/infinispan.xml");
    private static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");
    private static final String AAAH_REALM = "home.example";

    @TempDir
    Path dir;

    private static PayeeSettlement booking(String id) {
        return new PayeeSettlement(id, "shop@shop.example", "A-1001", "mn1@home.example", new BigDecimal("9.90"),
                Currency.getInstance("EUR"), Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT, false);
    }

    @Test
    void aVoidedSettlementIsNeverBookedAfterwardsAndABookedOneIsNotVoided() {
        try (StateStore state = StateStore.open(CONFIG, dir, "voids-" + System.nanoTime())) {
            PayeeLedger ledger = PayeeLedger.in(state);
            UnbookedVoids voids = new UnbookedVoids(ledger, Duration.ofHours(24), 10, Clock.fixed(NOON, ZoneOffset.UTC));

            assertThat(voids.voidUnlessBooked("late", "mn1@home.example", AAAH_REALM)).get()
                    .extracting(PayeeSettlement::isVoided).isEqualTo(true);
            assertThat(ledger.book(booking("late")).isVoided()).as("the late PNR books nothing").isTrue();

            ledger.book(booking("booked"));
            assertThat(voids.voidUnlessBooked("booked", "mn1@home.example", AAAH_REALM)).get()
                    .extracting(PayeeSettlement::isVoided).as("the booking stays, to be reversed").isEqualTo(false);
        }
    }

    @Test
    void attack4_madeUpSettlementIdsStoreAtMostTheRealmsHourlyAllowanceThenNothing() {
        try (StateStore state = StateStore.open(CONFIG, dir, "voids-" + System.nanoTime())) {
            PayeeLedger ledger = PayeeLedger.in(state);
            MutableClock clock = new MutableClock(NOON);
            UnbookedVoids voids = new UnbookedVoids(ledger, Duration.ofHours(24), 3, clock);

            for (int i = 0; i < 3; i++) {
                assertThat(voids.voidUnlessBooked("made-up-" + i, "mn1@home.example", AAAH_REALM)).isPresent();
            }
            assertThat(voids.voidUnlessBooked("made-up-3", "mn1@home.example", AAAH_REALM)).isEmpty();
            assertThat(ledger.find("made-up-3")).as("nothing written beyond the allowance").isEmpty();
            assertThat(voids.voidUnlessBooked("other-0", "mn1@other.example", "other.example"))
                    .as("another realm has its own allowance").isPresent();

            clock.now = NOON.plus(Duration.ofHours(1));
            assertThat(voids.voidUnlessBooked("made-up-3", "mn1@home.example", AAAH_REALM)).as("the next hour").isPresent();
        }
    }

    @Test
    void aVoidRecordIsKeptForItsTimeOnly() throws InterruptedException {
        try (StateStore state = StateStore.open(CONFIG, dir, "voids-" + System.nanoTime())) {
            PayeeLedger ledger = PayeeLedger.in(state);
            UnbookedVoids voids = new UnbookedVoids(ledger, Duration.ofMillis(300), 10, Clock.systemUTC());

            assertThat(voids.voidUnlessBooked("short", "mn1@home.example", AAAH_REALM)).isPresent();
            assertThat(ledger.find("short")).isPresent();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Optional<PayeeSettlement> kept = ledger.find("short");
            while (kept.isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(10);
                kept = ledger.find("short");
            }
            assertThat(kept).as("expired").isEmpty();
        }
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
