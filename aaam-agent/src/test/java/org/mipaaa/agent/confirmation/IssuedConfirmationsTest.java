package org.mipaaa.agent.confirmation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IssuedConfirmationsTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-26T10:00:00Z"));

    @Test
    void anIssuedIdIsRedeemedOnceOnly() {
        IssuedConfirmations issued = new IssuedConfirmations(clock, Duration.ofSeconds(30), 10);
        long id = issued.issue();
        assertThat(issued.redeem(id)).isTrue();
        assertThat(issued.redeem(id)).as("second call setup with the same ID").isFalse();
    }

    @Test
    void anIdNeverIssuedIsRefused() {
        IssuedConfirmations issued = new IssuedConfirmations(clock, Duration.ofSeconds(30), 10);
        long id = issued.issue();
        assertThat(issued.redeem(id + 1)).isFalse();
        assertThat(issued.redeem(id)).isTrue();
    }

    @Test
    void anExpiredIdIsRefused() {
        IssuedConfirmations issued = new IssuedConfirmations(clock, Duration.ofSeconds(30), 10);
        long early = issued.issue();
        long late = issued.issue();
        clock.advance(Duration.ofSeconds(29));
        assertThat(issued.redeem(early)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(issued.redeem(late)).as("at the end of its validity").isFalse();
    }

    @Test
    void theTableIsBoundedExpiredFirstThenOldest() {
        IssuedConfirmations issued = new IssuedConfirmations(clock, Duration.ofSeconds(30), 3);
        long first = issued.issue();
        long second = issued.issue();
        long third = issued.issue();
        long fourth = issued.issue(); // none expired: the oldest goes
        assertThat(issued.outstanding()).isEqualTo(3);
        assertThat(issued.redeem(first)).isFalse();
        assertThat(issued.redeem(second)).isTrue();
        clock.advance(Duration.ofSeconds(31));
        issued.issue();
        issued.issue();
        issued.issue(); // full again of expired ones: they are dropped, not the new
        assertThat(issued.outstanding()).isLessThanOrEqualTo(3);
        assertThat(issued.redeem(third)).isFalse();
        assertThat(issued.redeem(fourth)).isFalse();
    }

    @Test
    void idsAreDistinctAndNeverZero() {
        IssuedConfirmations issued = new IssuedConfirmations(clock, Duration.ofSeconds(30), 2000);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(issued.issue());
        }
        assertThat(ids).hasSize(1000).doesNotContain(0L);
    }
}
