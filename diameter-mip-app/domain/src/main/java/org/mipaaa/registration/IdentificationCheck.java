package org.mipaaa.registration;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

import org.mipaaa.mobileip.Identification;
import org.mipaaa.mobileip.ReplyCode;

/**
 * The home agent's replay check of a Registration Request's Identification with timestamps, the
 * method every home agent MUST implement (RFC 5944 §5.7, §5.7.1; check (b) of §3.8.2.1):
 * <ul>
 * <li>the Identification is an NTP-format time and must be "close enough to the home agent's
 *     time-of-day clock": within {@link #tolerance()} either side (7 seconds by default, as §5.7.1
 *     suggests; it "SHOULD be greater than 3 seconds");</li>
 * <li>it "MUST be greater than all previously accepted timestamps for the requesting mobile node":
 *     greater than the binding's last accepted Identification, compared as the unsigned 64-bit numbers
 *     they are (the NTP seconds of today's dates have the top bit set), so a retransmission with the
 *     same Identification is refused too (§3.6.3: "a new registration Identification is chosen for
 *     each retransmission").</li>
 * </ul>
 * A refusal is answered with code 133 "registration Identification mismatch", whose reply carries the
 * request's low-order 32 bits and the home agent's own time in the high-order 32 bits, so the mobile
 * node can resynchronize (§5.7.1); an accepted request's reply copies the whole Identification.
 *
 * <p>Pure: the caller passes the home agent's time and the binding's last accepted Identification,
 * and stores the new one in the binding only if it accepts the registration.
 */
public final class IdentificationCheck {

    /** RFC 5944 §5.7.1: "a default value of 7 seconds MAY be used". */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(7);

    private final Duration tolerance;

    /** @param tolerance how far the mobile node's clock may be from the home agent's, either way */
    public IdentificationCheck(Duration tolerance) {
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("negative clock tolerance");
        }
        this.tolerance = tolerance;
    }

    public Duration tolerance() {
        return tolerance;
    }

    /**
     * The verdict on a request's {@code identification} at the home agent's time {@code now}.
     *
     * @param lastAccepted the Identification of the last accepted request of this mobile node (its
     *                     binding's); empty for a node without a binding
     */
    public Verdict check(long identification, OptionalLong lastAccepted, Instant now) {
        Objects.requireNonNull(lastAccepted, "lastAccepted");
        Objects.requireNonNull(now, "now");
        if (lastAccepted.isPresent() && Long.compareUnsigned(identification, lastAccepted.getAsLong()) <= 0) {
            return refuse(Reason.NOT_NEWER, identification, now);
        }
        Instant stamped = Identification.toInstant(identification);
        if (stamped.isBefore(now.minus(tolerance))) {
            return refuse(Reason.TOO_OLD, identification, now);
        }
        if (stamped.isAfter(now.plus(tolerance))) {
            return refuse(Reason.TOO_NEW, identification, now);
        }
        return new Accepted(identification);
    }

    private static Verdict refuse(Reason reason, long identification, Instant now) {
        return new Refused(reason, Identification.resynchronizing(identification, now));
    }

    /** Why an Identification was refused (for the home agent's security log, RFC 5944 §3.8.2.1 b). */
    public enum Reason {
        /** Not greater than the last accepted one: a replay, or a request delayed past a newer one. */
        NOT_NEWER,
        /** Earlier than the home agent's time minus the tolerance. */
        TOO_OLD,
        /** Later than the home agent's time plus the tolerance. */
        TOO_NEW
    }

    /** The outcome of {@link #check}. */
    public sealed interface Verdict permits Accepted, Refused {

        /** The Identification the home agent's Registration Reply carries. */
        long replyIdentification();

        boolean accepted();
    }

    /**
     * The Identification is valid.
     *
     * @param replyIdentification the request's whole Identification, copied into the reply (§5.7.1)
     */
    public record Accepted(long replyIdentification) implements Verdict {
        @Override
        public boolean accepted() {
            return true;
        }
    }

    /**
     * The Identification is not valid: the home agent rejects the request and does no further
     * processing with it (RFC 5944 §3.8.2.1 b).
     *
     * @param reason              why
     * @param replyIdentification the request's low-order 32 bits with the home agent's time in the
     *                            high-order 32 bits (§5.7.1)
     */
    public record Refused(Reason reason, long replyIdentification) implements Verdict {

        /** 133, "registration Identification mismatch" (RFC 5944 §3.4, §5.7.1). */
        public int replyCode() {
            return ReplyCode.HA_IDENTIFICATION_MISMATCH;
        }

        @Override
        public boolean accepted() {
            return false;
        }
    }
}
