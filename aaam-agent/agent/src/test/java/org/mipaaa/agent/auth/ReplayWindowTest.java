package org.mipaaa.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The anti-replay window (RFC 4303 §3.4.3's scheme) of docs/PROTOCOL.md §3. */
class ReplayWindowTest {

    private static ReplayWindow accepted(ReplayWindow w, long counter) {
        return w.accept(counter).orElseThrow(() -> new AssertionError(counter + " refused by " + w));
    }

    @Test
    void pipelinedCountersArrivingInAnyOrderAreEachAcceptedExactlyOnce() {
        List<Long> counters = new ArrayList<>();
        for (long c = 1_000; c < 1_000 + ReplayWindow.SIZE; c++) {
            counters.add(c);
        }
        Collections.shuffle(counters, new Random(7));
        ReplayWindow w = ReplayWindow.empty();
        for (long c : counters) {
            w = accepted(w, c);
        }
        for (long c : counters) {
            assertThat(w.accept(c)).as("%d again", c).isEmpty();
        }
        assertThat(w.highest()).isEqualTo(1_000 + ReplayWindow.SIZE - 1);
    }

    @Test
    void aCounterBelowTheWindowZeroOrNegativeIsRefused() {
        ReplayWindow w = accepted(ReplayWindow.empty(), 500);
        assertThat(w.accept(500 - ReplayWindow.SIZE)).isEmpty();
        assertThat(w.accept(500 - ReplayWindow.SIZE + 1)).isPresent();
        assertThat(ReplayWindow.empty().accept(0)).isEmpty();
        assertThat(ReplayWindow.empty().accept(-1)).isEmpty();
    }

    @Test
    void aJumpForwardForgetsWhatFallsOutOfTheWindow() {
        ReplayWindow w = accepted(accepted(ReplayWindow.empty(), 10), 12);
        w = accepted(w, 12 + 3);
        assertThat(w.accept(11)).as("still inside, never seen").isPresent();
        assertThat(w.accept(10)).as("seen").isEmpty();
        w = accepted(w, 10_000);
        assertThat(w.accept(11)).isEmpty();
    }

    @Test
    void encodedAndDecodedItIsTheSameWindowAndTheEarlierPlainHighestMeansAllBelowSeen() {
        ReplayWindow w = accepted(accepted(accepted(ReplayWindow.empty(), 100), 98), 101);
        assertThat(ReplayWindow.decode(w.encode())).isEqualTo(w);
        ReplayWindow old = ReplayWindow.decode("100");
        assertThat(old.accept(99)).isEmpty();
        assertThat(old.accept(100)).isEmpty();
        assertThat(old.accept(101)).isPresent();
    }
}
