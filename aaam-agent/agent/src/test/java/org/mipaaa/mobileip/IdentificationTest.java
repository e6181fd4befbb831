package org.mipaaa.mobileip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 5944 §5.7: NTP-format timestamps and the low-order 32 bits that tie a reply to its request. */
class IdentificationTest {

    @Test
    void ntpEpochOffsetAndKnownInstants() {
        assertThat(Identification.high(Identification.ntpTimestamp(Instant.EPOCH, 0))).isEqualTo(0x83AA7E80L);
        long id = Identification.ntpTimestamp(Instant.parse("2024-01-01T00:00:00.5Z"), 0);
        assertThat(Identification.hex(id)).isEqualTo("e93c7f0080000000");
        assertThat(Identification.toInstant(id)).isEqualTo(Instant.parse("2024-01-01T00:00:00.5Z"));
    }

    @Test
    void roundTripsToTheNanosecondAndLaterIsGreater() {
        Instant t = Instant.parse("2031-07-15T10:11:12.123456789Z");
        long id = Identification.ntpTimestamp(t, 3);
        assertThat(Math.abs(Identification.toInstant(id).getNano() - t.getNano())).isLessThanOrEqualTo(1);
        assertThat(Long.compareUnsigned(Identification.ntpTimestamp(t.plusNanos(1000), 0), id)).isPositive();
    }

    @Test
    void replyMatchesRequestByTheLowOrderBits() {
        long request = Identification.of(0xAAAA_0000L, 0x1234_5678L);
        long resync = Identification.resynchronizing(request, Instant.parse("2024-01-01T00:01:00Z"));
        assertThat(Identification.low(resync)).isEqualTo(0x1234_5678L);
        assertThat(Identification.high(resync)).isEqualTo(0xE93C7F3CL);
        assertThat(Identification.lowOrderBitsMatch(request, resync)).isTrue();
        assertThat(Identification.lowOrderBitsMatch(request, request + 1)).isFalse();
    }
}
