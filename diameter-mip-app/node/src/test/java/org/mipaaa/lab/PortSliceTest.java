package org.mipaaa.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Two claims never get the same slice while a free one is left (here: within one JVM, as two forks would across JVMs). */
class PortSliceTest {

    @Test
    void aSliceHeldByAnotherClaimIsNotHandedOutAgain() {
        int first = PortSlice.claim(64);
        int second = PortSlice.claim(64);

        assertThat(first).isBetween(0, 63);
        assertThat(second).isBetween(0, 63).isNotEqualTo(first);
    }
}
