package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class FaChallengesTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T10:00:00Z"));
    private final Clock clock = new Clock() {
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
            return now.get();
        }
    };
    private final FaChallenges challenges = new FaChallenges(Duration.ofSeconds(90), clock);

    @Test
    void anAdvertisedChallengeIsGoodForOneRegistration() {
        byte[] c = challenges.issue();

        assertThat(c).hasSize(16);
        assertThat(challenges.redeem(c)).isEqualTo(FaChallenges.Verdict.FRESH);
        assertThat(challenges.redeem(c)).as("replayed").isEqualTo(FaChallenges.Verdict.UNKNOWN);
    }

    @Test
    void aChallengeThisAgentNeverIssuedIsUnknown() {
        challenges.issue();
        assertThat(challenges.redeem(new byte[16])).isEqualTo(FaChallenges.Verdict.UNKNOWN);
    }

    @Test
    void aChallengeUsedAfterItsWindowIsStale() {
        byte[] c = challenges.issue();
        now.set(now.get().plusSeconds(91));

        assertThat(challenges.redeem(c)).isEqualTo(FaChallenges.Verdict.STALE);
    }

    @Test
    void aFloodOfRequestsKeepsAtMostOneHundredThousandChallengesTheOldestGoingFirst() {
        // every Registration Reply carries a new challenge (RFC 4721 §3.3), refusals of junk requests too
        byte[] oldest = challenges.issue();
        byte[] second = challenges.issue();
        byte[] newest = null;
        for (int i = 0; i < 99_999; i++) {
            newest = challenges.issue();
        }

        assertThat(challenges.redeem(oldest)).as("evicted").isEqualTo(FaChallenges.Verdict.UNKNOWN);
        assertThat(challenges.redeem(second)).isEqualTo(FaChallenges.Verdict.FRESH);
        assertThat(challenges.redeem(newest)).isEqualTo(FaChallenges.Verdict.FRESH);
    }

    @Test
    void challengesDiffer() {
        assertThat(challenges.issue()).isNotEqualTo(challenges.issue());
    }
}
