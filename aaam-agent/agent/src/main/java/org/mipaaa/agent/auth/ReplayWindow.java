package org.mipaaa.agent.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * The anti-replay window of one security association and direction (docs/PROTOCOL.md §3.2): the
 * {@value #SIZE} highest counters accepted, and a floor at or below which every counter counts as seen.
 * A counter above the floor and not among those accepted is accepted once; anything else is a replay.
 * So requests an agent pipelines, which the AAAH's handler threads (or the network) may reorder, are
 * not refused, and none is ever accepted twice. RFC 4303 §3.4.3 keeps a bitmap of the last 64 sequence
 * numbers; our counters follow the clock in microseconds, so two messages a millisecond apart differ by
 * a thousand, and the window holds the counters themselves instead.
 *
 * <p>Immutable: {@link #accept} returns the next state, to be stored with a compare-and-set.
 */
public final class ReplayWindow {

    /** Counters above the floor that are told apart. */
    public static final int SIZE = 64;

    private static final ReplayWindow EMPTY = new ReplayWindow(0, new long[0]);

    private final long floor;
    /** Ascending, each above {@link #floor}, at most {@link #SIZE}. */
    private final long[] accepted;

    private ReplayWindow(long floor, long[] accepted) {
        this.floor = floor;
        this.accepted = accepted;
    }

    /** Nothing accepted yet. */
    public static ReplayWindow empty() {
        return EMPTY;
    }

    /**
     * The window of a store that kept only the highest counter accepted (this project's earlier format):
     * every counter up to it counts as seen.
     */
    public static ReplayWindow upTo(long highest) {
        return highest <= 0 ? EMPTY : new ReplayWindow(highest, new long[0]);
    }

    /** The window after accepting {@code counter}; empty when it is a replay (or too old to tell). */
    public Optional<ReplayWindow> accept(long counter) {
        if (counter <= floor) {
            return Optional.empty();
        }
        int at = Arrays.binarySearch(accepted, counter);
        if (at >= 0) {
            return Optional.empty();
        }
        int insert = -at - 1;
        long[] next = new long[accepted.length + 1];
        System.arraycopy(accepted, 0, next, 0, insert);
        next[insert] = counter;
        System.arraycopy(accepted, insert, next, insert + 1, accepted.length - insert);
        if (next.length <= SIZE) {
            return Optional.of(new ReplayWindow(floor, next));
        }
        // the lowest falls out: it and everything below it count as seen from now on
        return Optional.of(new ReplayWindow(next[0], Arrays.copyOfRange(next, 1, next.length)));
    }

    /** The highest counter accepted (the floor when the window holds none). */
    public long highest() {
        return accepted.length == 0 ? floor : accepted[accepted.length - 1];
    }

    /** "floor/c1,c2,..." in decimal, ascending, no spaces: how stores keep it. */
    public String encode() {
        StringBuilder text = new StringBuilder().append(floor).append('/');
        for (int i = 0; i < accepted.length; i++) {
            text.append(i == 0 ? "" : ",").append(accepted[i]);
        }
        return text.toString();
    }

    /**
     * The window {@link #encode} wrote, or {@link #upTo} of a plain decimal (the earlier format).
     *
     * @throws NumberFormatException when {@code text} is neither
     */
    public static ReplayWindow decode(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            return upTo(Long.parseLong(t));
        }
        long floor = Long.parseLong(t.substring(0, slash));
        String list = t.substring(slash + 1);
        String[] parts = list.isEmpty() ? new String[0] : list.split(",", -1);
        if (parts.length > SIZE) {
            throw new NumberFormatException("more than " + SIZE + " counters in a replay window");
        }
        long[] accepted = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            accepted[i] = Long.parseLong(parts[i]);
            if (accepted[i] <= floor || (i > 0 && accepted[i] <= accepted[i - 1])) {
                throw new NumberFormatException("not a replay window: " + t);
            }
        }
        return new ReplayWindow(Math.max(floor, 0), accepted);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplayWindow && ((ReplayWindow) o).floor == floor && Arrays.equals(((ReplayWindow) o).accepted, accepted);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(floor) + Arrays.hashCode(accepted);
    }

    @Override
    public String toString() {
        return encode();
    }
}
