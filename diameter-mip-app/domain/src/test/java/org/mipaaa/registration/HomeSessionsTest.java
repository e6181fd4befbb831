package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.state.StateStore;

/**
 * The AAAH's registrations per mobile node on real embedded Infinispan: when an STR or a failed AMR
 * may free the node's address, in the orders the races of RFC 4004 §4.1.3 produce.
 */
class HomeSessionsTest {

    private static final String MN = "mn1@home.example";

    @TempDir
    Path data;

    private StateStore store;
    private HomeSessions sessions;

    @BeforeEach
    void open() {
        store = TestStores.open(data);
        sessions = HomeSessions.in(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theHomeAgentsStrForTheCurrentRegistrationEndsItAndLeavesTheNodeIdle() {
        sessions.pending(MN, "s1");
        sessions.accepted(MN, "s1");

        assertThat(sessions.current(MN)).contains("s1");
        assertThat(sessions.end(MN, "s1")).isEqualTo(HomeSessions.Ending.ENDED_IDLE);
        assertThat(sessions.current(MN)).isEmpty();
        assertThat(sessions.end(MN, "s1")).as("a retransmitted STR").isEqualTo(HomeSessions.Ending.NOT_CURRENT);
    }

    @Test
    void eachRegistrationKnowsItsHomeAgentUntilItEnds() {
        sessions.pending(MN, "s1", "HA2.home.example");
        sessions.accepted(MN, "s1");
        sessions.pending(MN, "s2", "ha.home.example");

        assertThat(sessions.homeAgentOf("s1")).as("DiameterIdentities compare case-insensitively").contains("ha2.home.example");
        assertThat(sessions.homeAgentOf("s2")).contains("ha.home.example");
        assertThat(sessions.homeAgentOf("s3")).isEmpty();
        sessions.end(MN, "s1");
        assertThat(sessions.homeAgentOf("s1")).as("forgotten with its registration").isEmpty();
        sessions.failed(MN, "s2");
        assertThat(sessions.homeAgentOf("s2")).isEmpty();
    }

    @Test
    void anStrRacingANewRegistrationOfTheSameNodeEndsTheOldOneButKeepsTheAddress() {
        sessions.pending(MN, "s1");
        sessions.accepted(MN, "s1");
        sessions.pending(MN, "s2"); // the node registers again; its HAR is on its way

        assertThat(sessions.end(MN, "s1")).isEqualTo(HomeSessions.Ending.ENDED_PENDING);

        sessions.accepted(MN, "s2");
        assertThat(sessions.current(MN)).contains("s2");
    }

    @Test
    void aLateStrForAnOlderRegistrationEndsNothing() {
        sessions.pending(MN, "s1");
        sessions.accepted(MN, "s1");
        sessions.pending(MN, "s2");
        sessions.accepted(MN, "s2");

        assertThat(sessions.end(MN, "s1")).isEqualTo(HomeSessions.Ending.NOT_CURRENT);
        assertThat(sessions.current(MN)).contains("s2");
    }

    @Test
    void ofTwoSimultaneousRegistrationsTheFailedOneFreesNothingWhileTheOtherIsPending() {
        sessions.pending(MN, "a");
        sessions.pending(MN, "b");

        assertThat(sessions.failed(MN, "a")).as("b still needs the address").isFalse();
        assertThat(sessions.failed(MN, "b")).as("nothing left: the address can go").isTrue();
        assertThat(sessions.current(MN)).isEmpty();
    }

    @Test
    void aFailedRenewalThroughTheAaaKeepsTheAddressOfTheCurrentRegistration() {
        sessions.pending(MN, "s1");
        sessions.accepted(MN, "s1");
        sessions.pending(MN, "s2");

        assertThat(sessions.failed(MN, "s2")).isFalse();
        assertThat(sessions.current(MN)).contains("s1");
    }

    @Test
    void anAcceptedRegistrationSupersedesThePendingOnesThatBeganBeforeIt() {
        sessions.pending(MN, "in-doubt"); // no HAA and no ASA: never completes
        sessions.pending(MN, "s2");
        sessions.pending(MN, "s3");

        sessions.accepted(MN, "s2");

        assertThat(sessions.current(MN)).contains("s2");
        assertThat(sessions.end(MN, "s2")).as("s3 is still pending").isEqualTo(HomeSessions.Ending.ENDED_PENDING);
        assertThat(sessions.failed(MN, "s3")).as("the in-doubt one was superseded by s2").isTrue();
    }

    @Test
    void theRecordSurvivesARestartAndAnIdleNodeLeavesNoEntry() {
        sessions.pending(MN, "s1");
        sessions.accepted(MN, "s1");
        sessions.pending("mn2@home.example", "t1");
        sessions.failed("mn2@home.example", "t1");
        store.close();

        store = TestStores.open(data);
        sessions = HomeSessions.in(store);

        assertThat(sessions.current(MN)).contains("s1");
        assertThat(store.<String, String>cache(RegistrationCaches.HOME_SESSIONS).containsKey("mn2@home.example")).isFalse();
    }

    @Test
    void anStrWithoutUserNameFindsTheNodeByItsSessionWhileARegistrationOfTheNodeIsInIt() {
        sessions.pending(MN, "s1");
        assertThat(sessions.owner("s1")).as("pending").contains(MN);
        sessions.accepted(MN, "s1");
        assertThat(sessions.owner("s1")).as("current").contains(MN);
        sessions.pending(MN, "s1");
        sessions.failed(MN, "s1");
        assertThat(sessions.owner("s1")).as("a failed continuation leaves the current one").contains(MN);

        assertThat(sessions.end(MN, "s1")).isEqualTo(HomeSessions.Ending.ENDED_IDLE);
        assertThat(sessions.owner("s1")).as("ended").isEmpty();
        assertThat(store.<String, String>cache(RegistrationCaches.HOME_SESSION_OWNERS).containsKey("s1"))
                .as("nor kept in the index").isFalse();
        assertThat(sessions.owner("never")).isEmpty();
    }

    @Test
    void theIndexForgetsSupersededAndFailedSessions() {
        sessions.pending(MN, "a");
        sessions.pending(MN, "b");
        sessions.pending(MN, "c");
        sessions.failed(MN, "c");
        sessions.accepted(MN, "b"); // supersedes a

        assertThat(sessions.owner("a")).isEmpty();
        assertThat(sessions.owner("c")).isEmpty();
        assertThat(sessions.owner("b")).contains(MN);
        sessions.pending(MN, "d");
        sessions.accepted(MN, "d"); // replaces b as the current one
        assertThat(sessions.owner("b")).isEmpty();
        assertThat(store.<String, String>cache(RegistrationCaches.HOME_SESSION_OWNERS).keySet()).containsExactly("d");
    }
}
