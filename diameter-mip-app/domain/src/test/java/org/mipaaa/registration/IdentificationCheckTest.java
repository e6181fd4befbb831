package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.mipaaa.mobileip.Identification;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.registration.IdentificationCheck.Accepted;
import org.mipaaa.registration.IdentificationCheck.Reason;
import org.mipaaa.registration.IdentificationCheck.Refused;
import org.mipaaa.registration.IdentificationCheck.Verdict;

/** RFC 5944 §5.7.1 timestamp replay protection as the home agent applies it. */
class IdentificationCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final IdentificationCheck check = new IdentificationCheck(IdentificationCheck.DEFAULT_TOLERANCE);

    private static long at(Instant t) {
        return Identification.ntpTimestamp(t, 3);
    }

    @Test
    void aFreshTimestampNewerThanTheLastAcceptedIsAcceptedAndCopiedWhole() {
        long last = at(NOW.minusSeconds(60));
        long id = at(NOW.minusMillis(200));

        Verdict v = check.check(id, OptionalLong.of(last), NOW);

        assertThat(v).isEqualTo(new Accepted(id));
        assertThat(v.accepted()).isTrue();
        assertThat(v.replyIdentification()).isEqualTo(id);
    }

    @Test
    void aFirstRegistrationHasOnlyTheClockToPass() {
        assertThat(check.check(at(NOW.plusSeconds(3)), OptionalLong.empty(), NOW).accepted()).isTrue();
    }

    @Test
    void theSameIdentificationAgainIsARetransmissionOrAReplayAndIsRefused() {
        long id = at(NOW.minusSeconds(1));

        Verdict v = check.check(id, OptionalLong.of(id), NOW);

        assertThat(v).isInstanceOf(Refused.class);
        Refused r = (Refused) v;
        assertThat(r.reason()).isEqualTo(Reason.NOT_NEWER);
        assertThat(r.replyCode()).isEqualTo(ReplyCode.HA_IDENTIFICATION_MISMATCH).isEqualTo(133);
        // the request's low-order 32 bits, the home agent's time in the high-order 32 bits
        assertThat(Identification.low(r.replyIdentification())).isEqualTo(Identification.low(id));
        assertThat(Identification.high(r.replyIdentification()))
                .isEqualTo(NOW.getEpochSecond() + Identification.NTP_UNIX_OFFSET_SECONDS);
    }

    @Test
    void anOlderIdentificationIsRefusedEvenWithinTheClockWindow() {
        long last = at(NOW.minusSeconds(1));

        Verdict v = check.check(last - 1, OptionalLong.of(last), NOW);

        assertThat(v).isEqualTo(new Refused(Reason.NOT_NEWER, Identification.resynchronizing(last - 1, NOW)));
        assertThat(check.check(last + 1, OptionalLong.of(last), NOW).accepted()).isTrue();
    }

    @Test
    void aTimestampOutsideTheToleranceIsRefusedEitherWay() {
        OptionalLong last = OptionalLong.of(at(NOW.minusSeconds(3600)));

        assertThat(check.check(at(NOW.minusSeconds(7)), last, NOW).accepted()).isTrue();
        assertThat(check.check(at(NOW.plusSeconds(7)), last, NOW).accepted()).isTrue();
        assertThat(check.check(at(NOW.minusSeconds(8)), last, NOW)).extracting(v -> ((Refused) v).reason())
                .isEqualTo(Reason.TOO_OLD);
        assertThat(check.check(at(NOW.plusSeconds(8)), last, NOW)).extracting(v -> ((Refused) v).reason())
                .isEqualTo(Reason.TOO_NEW);
        // a narrower window, as a mobility security association may specify
        IdentificationCheck strict = new IdentificationCheck(Duration.ofSeconds(4));
        assertThat(strict.check(at(NOW.minusSeconds(5)), last, NOW).accepted()).isFalse();
        assertThat(strict.check(at(NOW.minusSeconds(4)), last, NOW).accepted()).isTrue();
    }

    @Test
    void identificationsCompareAsUnsigned64BitNumbers() {
        // NTP seconds of 1968-01-20T03:14:07Z are 0x7FFFFFFF: the top bit flips after it, as in today's dates
        Instant beforeFlip = Instant.ofEpochSecond(0x7FFF_FFFFL - Identification.NTP_UNIX_OFFSET_SECONDS);
        Instant afterFlip = beforeFlip.plusSeconds(2);
        long last = at(beforeFlip);
        long id = at(afterFlip);
        assertThat(last).isPositive();
        assertThat(id).isNegative();

        assertThat(check.check(id, OptionalLong.of(last), afterFlip).accepted()).isTrue();
        assertThat(check.check(last, OptionalLong.of(id), afterFlip)).extracting(v -> ((Refused) v).reason())
                .isEqualTo(Reason.NOT_NEWER);
    }

    @Test
    void garbageIsFarFromAnyClock() {
        assertThat(check.check(0L, OptionalLong.empty(), NOW)).extracting(v -> ((Refused) v).reason()).isEqualTo(Reason.TOO_OLD);
        assertThat(check.check(-1L, OptionalLong.empty(), NOW)).extracting(v -> ((Refused) v).reason()).isEqualTo(Reason.TOO_NEW);
    }
}
