package org.mipaaa.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The anti-replay window of docs/PROTOCOL.md §3.2. */
class ReplayWindowTest {

    /** A counter as the agent and the AAAH make them: the clock in microseconds. */
    private static final long NOW = 1_796_608_480_741_000L;

    private static ReplayWindow accepted(ReplayWindow w, long counter) {
        return w.accept(counter).orElseThrow(() -> new AssertionError(counter + " refused by " + w));
    }

    @Test
    void pipelinedCountersMillisecondsApartArrivingInAnyOrderAreEachAcceptedExactlyOnce() {
        List<Long> counters = new ArrayList<>();
        for (int i = 0; i < ReplayWindow.SIZE; i++) {
            counters.add(NOW + i * 1_357L); // signed about a millisecond apart
        }
        Collections.shuffle(counters, new Random(7));
        ReplayWindow w = ReplayWindow.empty();
        for (long c : counters) {
            w = accepted(w, c);
        }
        for (long c : counters) {
            assertThat(w.accept(c)).as("%d again", c).isEmpty();
        }
        assertThat(w.highest()).isEqualTo(NOW + (ReplayWindow.SIZE - 1) * 1_357L);
    }

    @Test
    void onceSizeNewerCountersWereAcceptedAnOlderOneIsRefusedZeroAndNegativeAlways() {
        ReplayWindow w = accepted(ReplayWindow.empty(), NOW);
        assertThat(w.accept(NOW - 1_000_000)).as("older, never seen, still told apart").isPresent();
        for (int i = 1; i <= ReplayWindow.SIZE; i++) {
            w = accepted(w, NOW + i);
        }
        assertThat(w.accept(NOW)).as("fell out of the window").isEmpty();
        assertThat(w.accept(NOW - 5)).isEmpty();
        assertThat(w.accept(NOW + ReplayWindow.SIZE + 10)).isPresent();
        assertThat(ReplayWindow.empty().accept(0)).isEmpty();
        assertThat(ReplayWindow.empty().accept(-1)).isEmpty();
    }

    @Test
    void encodedAndDecodedItIsTheSameWindowAndTheEarlierPlainHighestMeansAllBelowSeen() {
        ReplayWindow w = accepted(accepted(accepted(ReplayWindow.empty(), NOW), NOW - 2_000), NOW + 1);
        assertThat(ReplayWindow.decode(w.encode())).isEqualTo(w);
        assertThat(w.encode()).doesNotContain(" ");
        ReplayWindow old = ReplayWindow.decode("100");
        assertThat(old.accept(99)).isEmpty();
        assertThat(old.accept(100)).isEmpty();
        assertThat(old.accept(101)).isPresent();
    }

    @Test
    void aStoredWindowThatIsNotOneIsRefusedWhole() {
        StringBuilder tooMany = new StringBuilder("0/");
        for (int i = 1; i <= ReplayWindow.SIZE + 1; i++) {
            tooMany.append(i == 1 ? "" : ",").append(i);
        }
        assertThatThrownBy(() -> ReplayWindow.decode(tooMany.toString())).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> ReplayWindow.decode("10/5")).as("below its floor").isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> ReplayWindow.decode("0/7,3")).as("not ascending").isInstanceOf(NumberFormatException.class);
    }
}
