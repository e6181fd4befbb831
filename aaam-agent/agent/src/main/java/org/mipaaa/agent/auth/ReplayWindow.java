package org.mipaaa.agent.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * The anti-replay window of one security association and direction (docs/PROTOCOL.md §3; the scheme of
 * RFC 4303 §3.4.3): the highest counter accepted and which of the {@value #SIZE} counters below it were
 * accepted too. A counter above the highest, or one inside the window not seen before, is accepted once;
 * anything else is a replay. So requests an agent pipelines, which the AAAH's handler threads (or the
 * network) may reorder, are not refused, and none is ever accepted twice.
 *
 * <p>Immutable: {@link #accept} returns the next state, to be stored with a compare-and-set.
 */
public final class ReplayWindow {

    /** Counters below the highest that are still told apart. */
    public static final int SIZE = 64;

    private static final ReplayWindow EMPTY = new ReplayWindow(0, 0);

    private final long highest;
    /** Bit i set: counter {@code highest - i} was accepted. */
    private final long seen;

    private ReplayWindow(long highest, long seen) {
        this.highest = highest;
        this.seen = seen;
    }

    /** Nothing accepted yet. */
    public static ReplayWindow empty() {
        return EMPTY;
    }

    /**
     * The window of a store that kept only the highest counter accepted (this project's format before
     * the window): every counter up to it counts as seen.
     */
    public static ReplayWindow upTo(long highest) {
        return highest <= 0 ? EMPTY : new ReplayWindow(highest, -1L);
    }

    /** The window after accepting {@code counter}; empty when it is a replay (or too old to tell). */
    public Optional<ReplayWindow> accept(long counter) {
        if (counter <= 0) {
            return Optional.empty();
        }
        if (counter > highest) {
            long shift = counter - highest;
            long kept = shift >= SIZE ? 0 : seen << shift;
            return Optional.of(new ReplayWindow(counter, kept | 1L));
        }
        long age = highest - counter;
        if (age >= SIZE || (seen & (1L << age)) != 0) {
            return Optional.empty();
        }
        return Optional.of(new ReplayWindow(highest, seen | (1L << age)));
    }

    public long highest() {
        return highest;
    }

    /** "highest:seen" (seen in hex): how stores keep it. */
    public String encode() {
        return highest + ":" + Long.toHexString(seen);
    }

    /**
     * The window {@link #encode} wrote, or {@link #upTo} of a plain decimal (the earlier format).
     *
     * @throws NumberFormatException when {@code text} is neither
     */
    public static ReplayWindow decode(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return upTo(Long.parseLong(text.strip()));
        }
        return new ReplayWindow(Long.parseLong(text.substring(0, colon)), Long.parseUnsignedLong(text.substring(colon + 1).strip(), 16));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReplayWindow)) {
            return false;
        }
        ReplayWindow w = (ReplayWindow) o;
        return w.highest == highest && w.seen == seen;
    }

    @Override
    public int hashCode() {
        return Objects.hash(highest, seen);
    }

    @Override
    public String toString() {
        return encode();
    }
}
