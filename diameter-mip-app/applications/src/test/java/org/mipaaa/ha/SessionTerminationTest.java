package org.mipaaa.ha;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where the home agent's STR goes: the AAAH that began the session (RFC 6733 §8.8, §8.4.1). */
class SessionTerminationTest {

    @Test
    void theStrGoesToTheAaahWhoseIdentityBeginsTheSessionId() {
        assertThat(SessionTermination.authorizingServer("aaah-2.home.example;1733551234;17;mip")).contains("aaah-2.home.example");
    }

    @Test
    void aSessionIdWithoutAnIdentityLeavesTheStrToRealmRouting() {
        assertThat(SessionTermination.authorizingServer("no-separator")).isEmpty();
        assertThat(SessionTermination.authorizingServer(";1;2")).isEmpty();
        assertThat(SessionTermination.authorizingServer("not an identity;1;2")).isEmpty();
    }
}
