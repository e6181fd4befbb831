package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.state.StateStore;

/** The home agent's unanswered STRs on real embedded Infinispan: they outlive a restart until answered. */
class PendingTerminationsTest {

    @TempDir
    Path data;

    @Test
    void anUnansweredStrSurvivesARestartAndAnAnsweredOneIsGone() {
        PendingTerminations.Termination expired = new PendingTerminations.Termination("aaah.home.example;1;a", "mn1@home.example", 6);
        PendingTerminations.Termination logout = new PendingTerminations.Termination("aaah.home.example;1;b", "mn2@home.example", 1);
        try (StateStore store = TestStores.open(data)) {
            PendingTerminations pending = PendingTerminations.in(store);
            pending.add(expired);
            pending.add(logout);
            pending.remove(logout.sessionId());
        }
        try (StateStore store = TestStores.open(data)) {
            assertThat(PendingTerminations.in(store).all()).containsExactly(expired);
        }
    }
}
