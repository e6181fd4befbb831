package org.mipaaa.agent.confirmation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IssuedConfirmationsTest {

    private static final InetAddress CALLER = InetAddress.getLoopbackAddress();

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-26T10:00:00Z"));

    @Test
    void anIssuedIdIsRedeemedOnceOnly() {
        IssuedConfirmations issued = new IssuedConfirmations(clock, Duration.ofSeconds(30), 10);
        long id = issued.issue(CALLER).getAsLong();
        assertThat(issued.redeem(id)).isTrue();
        assertThat(issued.redeem(id)).as("second call setup with the same ID").isFalse();
    }

    @Test
    void anIdNeverIssuedIsRefused() {
        IssuedConfirmations issued = new IssuedConfirmations(clock, Duration.ofSeconds(30), 10);
        long id = issued.issue(CALLER).getAsLong();
        assertThat(issued.redeem(id + 1)).isFalse();
        assertThat(issued.redeem(id)).isTrue();
    }

    @Test
    void anExpiredIdIsRefused() {
        IssuedConfirmations issued = new IssuedConfirmations(clock, Duration.ofSeconds(30), 10);
        long early = issued.issue(CALLER).getAsLong();
        long late = issued.issue(CALLER).getAsLong();
        clock.advance(Duration.ofSeconds(29));
        assertThat(issued.redeem(early)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(issued.redeem(late)).as("at the end of its validity").isFalse();
    }

    @Test
    void whenFullNothingStillValidIsDroppedTheNewRequestIsRefusedExpiredOnesMakeRoom() {
        IssuedConfirmations issued = new IssuedConfirmations(clock, Duration.ofSeconds(30), 3, 3);
        long first = issued.issue(CALLER).getAsLong();
        long second = issued.issue(CALLER).getAsLong();
        long third = issued.issue(CALLER).getAsLong();
        assertThat(issued.issue(CALLER)).as("full of valid IDs: nothing issued").isEmpty();
        assertThat(issued.redeem(first)).as("the oldest was not pushed out").isTrue();
        long fourth = issued.issue(CALLER).getAsLong(); // a redeemed ID made room
        clock.advance(Duration.ofSeconds(31));
        issued.issue(CALLER).getAsLong();
        issued.issue(CALLER).getAsLong();
        issued.issue(CALLER).getAsLong(); // the expired ones are dropped for the new
        assertThat(issued.outstanding()).isEqualTo(3);
        assertThat(issued.redeem(second)).isFalse();
        assertThat(issued.redeem(third)).isFalse();
        assertThat(issued.redeem(fourth)).isFalse();
    }

    @Test
    void aFloodOfOkRequestsNeverEvictsTheIdAGenuineCallerIsAboutToUse() throws Exception {
        IssuedConfirmations issued = new IssuedConfirmations(clock, Duration.ofSeconds(30), 100, 4);
        long genuine = issued.issue(CALLER).getAsLong();
        int refused = 0;
        // one flooder first: its share is full after 4
        for (int i = 0; i < 1000; i++) {
            refused += issued.issue(InetAddress.getByName("198.51.100.1")).isPresent() ? 0 : 1;
        }
        assertThat(refused).isEqualTo(1000 - 4);
        // then many addresses (spoofed sources): the table fills and stays full, never evicting
        for (int i = 0; i < 10_000; i++) {
            issued.issue(InetAddress.getByAddress(new byte[] {(byte) 203, 0, (byte) (i >> 8), (byte) i}));
        }
        assertThat(issued.outstanding()).isEqualTo(100);
        assertThat(issued.redeem(genuine)).as("the real INVITE still gets in").isTrue();
        assertThat(issued.issue(CALLER)).as("room again for one").isPresent();
    }

    @Test
    void idsAreDistinctAndNeverZero() {
        IssuedConfirmations issued = new IssuedConfirmations(clock, Duration.ofSeconds(30), 2000, 2000);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(issued.issue(CALLER).getAsLong());
        }
        assertThat(ids).hasSize(1000).doesNotContain(0L);
    }
}
