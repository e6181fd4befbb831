package org.mipaaa.agent.confirmation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The ID numbers a terminal has handed out in OK answers (S3013) and not yet seen in a call: the callee
 * side redeems the ID of an incoming call setup once ({@link #redeem}), so only a caller that was
 * confirmed, recently, can set up a call with it (seed: "this ID number can be checked at the receiving
 * terminal side"). IDs are 64 bits from {@link SecureRandom}: not guessable by another party on the path.
 *
 * <p>At most {@code capacity} IDs are outstanding; when full, expired ones are dropped first, then the
 * oldest, so a flood of requests cannot grow the table without bound.
 */
public final class IssuedConfirmations {

    private final SecureRandom random;
    private final Clock clock;
    private final Duration validity;
    private final int capacity;
    /** ID -> expiry, in issue order (LinkedHashMap) for dropping the oldest. */
    private final Map<Long, Instant> outstanding = new LinkedHashMap<>();

    public IssuedConfirmations(Clock clock, Duration validity, int capacity) {
        this(new SecureRandom(), clock, validity, capacity);
    }

    IssuedConfirmations(SecureRandom random, Clock clock, Duration validity, int capacity) {
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (validity.isNegative() || validity.isZero() || validity.toSeconds() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("validity must be 1 s to 2^32-1 s: " + validity);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.validity = validity;
        this.capacity = capacity;
    }

    /** How long an issued ID stays valid. */
    public Duration validity() {
        return validity;
    }

    /** A new ID, valid from now for {@link #validity()}. */
    public synchronized long issue() {
        Instant now = clock.instant();
        if (outstanding.size() >= capacity) {
            outstanding.values().removeIf(expiry -> !now.isBefore(expiry));
        }
        if (outstanding.size() >= capacity) {
            Iterator<Long> oldest = outstanding.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        long id;
        do {
            id = random.nextLong();
        } while (id == 0 || outstanding.containsKey(id)); // 0 never: it reads as "no ID"
        outstanding.put(id, now.plus(validity));
        return id;
    }

    /**
     * True when {@code id} was issued, has not expired and was not redeemed before; it is redeemed now,
     * so a second call setup with the same ID is refused.
     */
    public synchronized boolean redeem(long id) {
        Instant expiry = outstanding.remove(id);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /** IDs issued and neither redeemed nor dropped (expired ones count until dropped). */
    public synchronized int outstanding() {
        return outstanding.size();
    }

    @Override
    public String toString() {
        return "IssuedConfirmations[validity " + validity + ", capacity " + capacity + "]";
    }

}
