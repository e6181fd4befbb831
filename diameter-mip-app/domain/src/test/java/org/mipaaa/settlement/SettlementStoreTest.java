package org.mipaaa.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.state.StateStore;

/** The AAAH's settlements on the real embedded Infinispan of config/infinispan.xml (fsynced file store). */
class SettlementStoreTest {

    private static final Path CONFIG = Path.of("../../config/infinispan.xml");

    @TempDir
    Path dir;

    private static SettlementRecord record(String id, String key) {
        return new SettlementRecord(id, key, "mn1@home.example", "shop@shop.example", "A-1001", "A-1001: beans",
                new BigDecimal("23.40"), Currency.getInstance("EUR"), 1, Instant.parse("2026-11-26T12:00:00Z"),
                SettlementState.AWAITING_CONFIRMATION, 0, false, "", "", "", "", "", "");
    }

    private static final byte[] CONFIRMED_PURCHASE = {0, 0, 0, 1, -64, 0, 0, 16, 0, 0, 126, -39, 'A', '-', '1', '0'};
    private static final byte[] OTHER_PURCHASE = {0, 0, 0, 1, -64, 0, 0, 16, 0, 0, 126, -39, 'Z', '-', '9', '9'};

    @Test
    void aCopyOfTheRequestFindsTheFirstSettlementWithItsPurchaseAndItsIdIsNotTaken() {
        try (StateStore state = StateStore.open(CONFIG, dir, "settlement-test-" + System.nanoTime())) {
            SettlementStore store = SettlementStore.in(state);
            String key = SettlementStore.requestKey("mn1@home.example", "mn1.home.example;1;2", 0xFFFF_FFFFL);
            assertThat(key).isEqualTo("mn1@home.example mn1.home.example;1;2 4294967295");
            assertThat(store.open(record("first", key), CONFIRMED_PURCHASE)).isEmpty();
            assertThat(store.open(record("second", key), OTHER_PURCHASE)).get().extracting(SettlementRecord::settlementId).isEqualTo("first");
            assertThat(store.byId("second")).as("the copy's id points at nothing").isEmpty();
            assertThat(store.byId("first")).get().extracting(SettlementRecord::requestKey).isEqualTo(key);
            assertThat(store.purchaseInfo("first")).as("the first request's, never the copy's").hasValueSatisfying(
                    p -> assertThat(p).isEqualTo(CONFIRMED_PURCHASE));
            assertThat(store.purchaseInfo("second")).isEmpty();
        }
    }

    @Test
    void stateChangesAreCompareAndSetAndSurviveARestart() {
        String key = SettlementStore.requestKey("mn1@home.example", "s;1;1", 7);
        SettlementRecord opened = record("id-1", key);
        try (StateStore state = StateStore.open(CONFIG, dir, "settlement-test-" + System.nanoTime())) {
            SettlementStore store = SettlementStore.in(state);
            store.open(opened, CONFIRMED_PURCHASE);
            SettlementRecord confirmed = opened.in(SettlementState.CONFIRMED);
            assertThat(store.replace(opened, confirmed)).isTrue();
            assertThat(store.replace(opened, opened.in(SettlementState.TIMED_OUT))).as("moved on by someone else").isFalse();
            assertThat(store.replace(confirmed, confirmed.settled("entry-9"))).isTrue();
            assertThatThrownBy(() -> store.replace(confirmed, record("other", key))).isInstanceOf(IllegalArgumentException.class);
        }
        try (StateStore state = StateStore.open(CONFIG, dir, "settlement-test-" + System.nanoTime())) {
            SettlementRecord after = SettlementStore.in(state).byId("id-1").orElseThrow();
            assertThat(after.state()).isEqualTo(SettlementState.SETTLED);
            assertThat(after.entryId()).isEqualTo("entry-9");
            assertThat(after.amount()).isEqualByComparingTo("23.40");
            assertThat(after.openedAt()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
            assertThat(SettlementStore.in(state).purchaseInfo("id-1")).hasValueSatisfying(p -> assertThat(p).isEqualTo(CONFIRMED_PURCHASE));
        }
    }

    @Test
    void aRefusalKeepsWhatThePayeeSideSaid() {
        SettlementRecord refused = record("id-2", "k").in(SettlementState.CONFIRMED).notSettled(5802, true, "unknown payee", "aaay.shop.example");
        SettlementRecord back = SettlementRecord.decode(refused.encode());
        assertThat(back).isEqualTo(refused);
        assertThat(back.state().answered()).isTrue();
        assertThat(SettlementState.CONFIRMED.answered()).isFalse();
    }

    @Test
    void theTerminalThatSettlesItIsKeptAndARecordOfTheFormerFormatReadsAsSettledThroughTheAaay() {
        SettlementRecord r = record("id-3", "k");
        SettlementRecord atTerminal = new SettlementRecord(r.settlementId(), r.requestKey(), r.nai(), r.payee(), r.orderReference(), r.goods(),
                r.amount(), r.currency(), r.mode(), r.openedAt(), SettlementState.CONFIRMED, 0, false, "", "", "", "",
                "terminal.shop.example", "shop.example");
        SettlementRecord back = SettlementRecord.decode(atTerminal.settled("entry-1").encode());
        assertThat(back.settledByTerminal()).isTrue();
        assertThat(back.terminalHost()).isEqualTo("terminal.shop.example");
        assertThat(back.terminalRealm()).isEqualTo("shop.example");
        assertThat(back.state()).isEqualTo(SettlementState.SETTLED);

        // format 2, as stored before the terminal fields existed
        String former = org.mipaaa.state.StoredValue.encode(2, out -> {
            out.writeUTF("id-4");
            out.writeUTF("k4");
            out.writeUTF("mn1@home.example");
            out.writeUTF("shop@shop.example");
            out.writeUTF("A-1001");
            out.writeUTF("A-1001: beans");
            out.writeUTF("23.40");
            out.writeUTF("EUR");
            out.writeInt(1);
            out.writeLong(Instant.parse("2026-11-26T12:00:00Z").toEpochMilli());
            out.writeUTF("SETTLED");
            out.writeLong(0);
            out.writeBoolean(false);
            out.writeUTF("");
            out.writeUTF("");
            out.writeUTF("entry-4");
            out.writeUTF("");
        });
        SettlementRecord old = SettlementRecord.decode(former);
        assertThat(old.settlementId()).isEqualTo("id-4");
        assertThat(old.entryId()).isEqualTo("entry-4");
        assertThat(old.settledByTerminal()).isFalse();
        assertThat(old.terminalHost()).isEmpty();
    }
}
