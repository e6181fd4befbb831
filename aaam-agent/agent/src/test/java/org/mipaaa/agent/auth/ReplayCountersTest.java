package org.mipaaa.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCountersTest {

    @TempDir
    Path dir;

    @Test
    void outgoingCountersIncreaseStrictlyFromTheClock() throws IOException {
        InMemoryReplayCounters counters = new InMemoryReplayCounters();
        long before = ReplayCounters.clockFloor();

        long first = counters.nextOutgoing();
        long second = counters.nextOutgoing();
        long third = counters.nextOutgoing();

        assertThat(first).isGreaterThanOrEqualTo(before);
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void anIncomingCounterIsAcceptedOnceAboveTheHighestOrReorderedWithinTheWindowNeverBelowIt() {
        InMemoryReplayCounters counters = new InMemoryReplayCounters();

        assertThat(counters.acceptIncoming(10)).isTrue();
        assertThat(counters.acceptIncoming(10)).isFalse();
        assertThat(counters.acceptIncoming(9)).as("overtaken by 10 on the way: accepted once").isTrue();
        assertThat(counters.acceptIncoming(9)).isFalse();
        assertThat(counters.acceptIncoming(11)).isTrue();
        for (long c = 12; c < 12 + ReplayWindow.SIZE; c++) {
            assertThat(counters.acceptIncoming(c)).isTrue();
        }
        assertThat(counters.acceptIncoming(8)).as("below the window: too old to tell, refused").isFalse();
    }

    @Test
    void theFileKeepsBothCountersAcrossARestart() throws IOException {
        Path file = dir.resolve("aaam.counters");
        FileReplayCounters before = new FileReplayCounters(file);
        long used = before.nextOutgoing();
        before.acceptIncoming(500);

        FileReplayCounters after = new FileReplayCounters(file);

        assertThat(after.nextOutgoing()).isGreaterThan(used);
        assertThat(after.acceptIncoming(500)).as("a replayed answer after the restart").isFalse();
        assertThat(after.acceptIncoming(501)).isTrue();
    }

    @Test
    void aCounterAheadOfTheClockIsContinuedNotRestartedFromTheClock() throws IOException {
        Path file = dir.resolve("aaam.counters");
        long ahead = ReplayCounters.clockFloor() + 1_000_000_000L;
        Files.writeString(file, ahead + " 0\n");

        assertThat(new FileReplayCounters(file).nextOutgoing()).isEqualTo(ahead + 1);
        assertThat(Files.readString(file).strip()).isEqualTo((ahead + 1) + " 0/");
    }

    @Test
    void aFileThatIsNotACounterFileIsRefused() throws IOException {
        Path file = dir.resolve("broken");
        Files.writeString(file, "not numbers");

        assertThatThrownBy(() -> new FileReplayCounters(file)).isInstanceOf(IOException.class);
    }
}
