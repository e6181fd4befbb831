package org.mipaaa.agent.confirmation;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The ID numbers a terminal has handed out in OK answers (S3013) and not yet seen in a call: the callee
 * side redeems the ID of an incoming call setup once ({@link #redeem}), so only a caller that was
 * confirmed, recently, can set up a call with it (seed: "this ID number can be checked at the receiving
 * terminal side"). IDs are 64 bits from {@link SecureRandom}: not guessable by another party on the path.
 *
 * <p>At most {@code capacity} IDs are outstanding, and at most {@code perSource} for one caller's
 * address. An ID that is neither expired nor redeemed is never dropped to make room: when the table, or
 * the caller's share of it, is full, {@link #issue} issues nothing (the terminal answers NG BUSY), so a
 * flood of requests can neither grow the table nor push out the ID a genuine caller is about to use.
 *
 * <p>Thread-safe.
 */
public final class IssuedConfirmations {

    /** IDs one caller's address may hold at once, unless told otherwise (and never more than the capacity). */
    public static final int DEFAULT_PER_SOURCE = 16;

    private final SecureRandom random;
    private final Clock clock;
    private final Duration validity;
    private final int capacity;
    private final int perSource;
    /** ID -> its expiry and who asked, in issue order (LinkedHashMap: the oldest, first to expire, first). */
    private final Map<Long, Issued> outstanding = new LinkedHashMap<>();
    private final Map<InetAddress, Integer> bySource = new HashMap<>();

    private static final class Issued {
        final Instant expiry;
        final InetAddress source;

        Issued(Instant expiry, InetAddress source) {
            this.expiry = expiry;
            this.source = source;
        }
    }

    /** At most {@code capacity} outstanding IDs, {@link #DEFAULT_PER_SOURCE} (or fewer) per caller's address. */
    public IssuedConfirmations(Clock clock, Duration validity, int capacity) {
        this(clock, validity, capacity, Math.min(capacity, DEFAULT_PER_SOURCE));
    }

    /** At most {@code capacity} outstanding IDs, {@code perSource} per caller's address. */
    public IssuedConfirmations(Clock clock, Duration validity, int capacity, int perSource) {
        this(new SecureRandom(), clock, validity, capacity, perSource);
    }

    IssuedConfirmations(SecureRandom random, Clock clock, Duration validity, int capacity, int perSource) {
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (validity.isNegative() || validity.isZero() || validity.getSeconds() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("validity must be 1 s to 2^32-1 s: " + validity);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        if (perSource < 1 || perSource > capacity) {
            throw new IllegalArgumentException("perSource must be 1.." + capacity + ": " + perSource);
        }
        this.validity = validity;
        this.capacity = capacity;
        this.perSource = perSource;
    }

    /** How long an issued ID stays valid. */
    public Duration validity() {
        return validity;
    }

    /**
     * A new ID for a caller at {@code source}, valid from now for {@link #validity()}; empty when the
     * table or {@code source}'s share is full of IDs still valid (none is dropped to make room).
     */
    public synchronized OptionalLong issue(InetAddress source) {
        Objects.requireNonNull(source, "source");
        Instant now = clock.instant();
        dropExpired(now);
        if (outstanding.size() >= capacity || bySource.getOrDefault(source, 0) >= perSource) {
            return OptionalLong.empty();
        }
        long id;
        do {
            id = random.nextLong();
        } while (id == 0 || outstanding.containsKey(id)); // 0 never: it reads as "no ID"
        outstanding.put(id, new Issued(now.plus(validity), source));
        bySource.merge(source, 1, Integer::sum);
        return OptionalLong.of(id);
    }

    /**
     * True when {@code id} was issued, has not expired and was not redeemed before; it is redeemed now,
     * so a second call setup with the same ID is refused.
     */
    public synchronized boolean redeem(long id) {
        Issued issued = outstanding.remove(id);
        if (issued == null) {
            return false;
        }
        release(issued.source);
        return clock.instant().isBefore(issued.expiry);
    }

    /** IDs issued and neither redeemed nor dropped (expired ones count until dropped). */
    public synchronized int outstanding() {
        return outstanding.size();
    }

    /** Drops the expired IDs: they are at the head (same validity for all, in issue order), so this stops at the first valid one. */
    private void dropExpired(Instant now) {
        Iterator<Issued> oldest = outstanding.values().iterator();
        while (oldest.hasNext()) {
            Issued issued = oldest.next();
            if (now.isBefore(issued.expiry)) {
                return;
            }
            oldest.remove();
            release(issued.source);
        }
    }

    private void release(InetAddress source) {
        bySource.computeIfPresent(source, (s, n) -> n > 1 ? n - 1 : null);
    }

    @Override
    public String toString() {
        return "IssuedConfirmations[validity " + validity + ", capacity " + capacity + ", " + perSource + " per source]";
    }
}
