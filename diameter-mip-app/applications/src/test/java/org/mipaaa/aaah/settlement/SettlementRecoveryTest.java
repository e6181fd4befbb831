package org.mipaaa.aaah.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.diameter.InProcessNextHop;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.messages.NextHopRequest;
import org.mipaaa.settlement.SettlementRecord;
import org.mipaaa.settlement.SettlementState;
import org.mipaaa.settlement.SettlementStore;
import org.mipaaa.settlement.SettlingTerminals;
import org.mipaaa.state.StateStore;

/**
 * What an AAAH finishes at its start of the settlements a restart left half done: alone, all of them;
 * joining a cluster whose other members may be waiting for some right now, only those no member can
 * still be waiting for (opened before the user's window and the payee's time ran out).
 */
class SettlementRecoveryTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration ORPHANED_AFTER = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private StateStore state;
    private SettlementStore store;
    private PayeeVoids voids;
    private SettlementRecovery recovery;

    @BeforeEach
    void open() throws Exception {
        state = StateStore.open(Path.of("../../config/infinispan.xml"), dir, "recovery-" + System.nanoTime());
        store = SettlementStore.in(state);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        InProcessNextHop payee = new InProcessNextHop("aaah.home.example", "home.example", Dictionary.bundled(VENDOR));
        PayeeSides payeeSides = new PayeeSides(SettlingTerminals.none(),
                new NextHopRequest(payee.client(Duration.ofSeconds(1)), VENDOR, Duration.ofSeconds(1)), host -> true, clock);
        voids = new PayeeVoids(store, payeeSides, Duration.ofSeconds(1));
        recovery = new SettlementRecovery(store, voids, clock, ORPHANED_AFTER);
    }

    @AfterEach
    void close() {
        recovery.close();
        voids.close();
        state.close();
    }

    @Test
    void anAaahAloneAtItsStartTimesOutEverySettlementStillAwaitingItsUser() {
        SettlementRecord old = open("s-old", NOW.minus(Duration.ofMinutes(10)));
        SettlementRecord recent = open("s-recent", NOW.minusSeconds(5));

        recovery.recover(true);

        assertThat(stateOf(old)).isEqualTo(SettlementState.TIMED_OUT);
        assertThat(stateOf(recent)).isEqualTo(SettlementState.TIMED_OUT);
    }

    @Test
    void aMemberJoiningOthersLeavesAloneWhatAnotherMemberMayStillBeWaitingFor() {
        SettlementRecord orphan = open("s-orphan", NOW.minus(ORPHANED_AFTER).minusSeconds(1));
        SettlementRecord waitedFor = open("s-waited-for", NOW.minusSeconds(5));
        SettlementRecord confirmedOrphan = open("s-confirmed", NOW.minus(Duration.ofMinutes(10)));
        assertThat(store.replace(confirmedOrphan, confirmedOrphan.in(SettlementState.CONFIRMED))).isTrue();

        recovery.recover(false);

        assertThat(stateOf(orphan)).isEqualTo(SettlementState.TIMED_OUT);
        assertThat(stateOf(waitedFor)).isEqualTo(SettlementState.AWAITING_CONFIRMATION);
        assertThat(stateOf(confirmedOrphan)).isIn(SettlementState.VOIDING, SettlementState.NOT_SETTLED);
    }

    private SettlementRecord open(String id, Instant openedAt) {
        SettlementRecord fresh = SettlementRecord.opened(id, SettlementStore.requestKey("mn1@home.example", "mn1;" + id, 1),
                "mn1@home.example", "cafe@shop.example", "A-1", "coffee", new BigDecimal("6.80"), Currency.getInstance("EUR"), 1,
                openedAt, "", "");
        return store.open(fresh, new byte[0]).isEmpty() ? fresh : store.byId(id).orElseThrow();
    }

    private SettlementState stateOf(SettlementRecord s) {
        return store.byId(s.settlementId()).orElseThrow().state();
    }
}
