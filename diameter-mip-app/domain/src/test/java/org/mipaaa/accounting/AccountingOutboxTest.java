package org.mipaaa.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.state.StateStore;

/** The AAAF's outbox on the shipped Infinispan configuration (fsynced file store), restarts included. */
class AccountingOutboxTest {

    private static final Path CONFIG = Path.of("../../config/infinispan.xml");

    @TempDir
    Path data;
    private StateStore store;

    @BeforeEach
    void open() {
        store = StateStore.open(CONFIG, data, "outbox-test-" + System.nanoTime());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static AccountingRecord record(String session, long number, int type, Instant at) {
        return new AccountingRecord(session, type, number, "mn1@home.example", "multi-1", 10 * number, 20 * number,
                number, number, number, 0, Ipv4.parse("10.1.0.1"), Ipv4.parse("10.1.0.100"), at);
    }

    @Test
    void eachSessionHandsOutItsOldestRecordFirstAndTheNextOnlyOnceThatOneIsGone() {
        AccountingOutbox outbox = AccountingOutbox.in(store);
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        AccountingRecord a0 = record("fa;1;1", 0, Enumerations.ACCOUNTING_RECORD_TYPE_START_RECORD, t);
        AccountingRecord a1 = record("fa;1;1", 1, Enumerations.ACCOUNTING_RECORD_TYPE_INTERIM_RECORD, t.plusSeconds(30));
        AccountingRecord b0 = record("fa;1;2", 0, Enumerations.ACCOUNTING_RECORD_TYPE_START_RECORD, t.plusSeconds(5));
        outbox.store(a1);
        outbox.store(b0);
        outbox.store(a0);
        outbox.store(a0); // the FA sent it again

        assertThat(outbox.size()).isEqualTo(3);
        assertThat(outbox.heads()).containsExactly(a0, b0);

        outbox.remove(a0);
        assertThat(outbox.heads()).containsExactly(b0, a1);

        outbox.reject(b0, 5005);
        assertThat(outbox.heads()).containsExactly(a1);
        assertThat(outbox.rejectedCount()).isEqualTo(1);
    }

    @Test
    void aSessionIdThatLooksLikeAnotherOnesKeyPrefixIsStillItsOwnSession() {
        AccountingOutbox outbox = AccountingOutbox.in(store);
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        AccountingRecord plain = record("fa;1;3", 0, Enumerations.ACCOUNTING_RECORD_TYPE_START_RECORD, t);
        AccountingRecord hashed = record("fa;1;3#1", 0, Enumerations.ACCOUNTING_RECORD_TYPE_START_RECORD, t.plusSeconds(1));
        outbox.store(plain);
        outbox.store(hashed);

        assertThat(outbox.heads()).containsExactly(plain, hashed);
    }

    @Test
    void whatWasStoredIsHandedOutAgainAfterARestart() {
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        AccountingRecord a0 = record("fa;1;1", 0, Enumerations.ACCOUNTING_RECORD_TYPE_START_RECORD, t);
        AccountingRecord a1 = record("fa;1;1", 1, Enumerations.ACCOUNTING_RECORD_TYPE_STOP_RECORD, t.plusSeconds(30));
        AccountingOutbox before = AccountingOutbox.in(store);
        before.store(a0);
        before.store(a1);
        before.remove(a0);
        String node = "outbox-test-restart-" + System.nanoTime();
        store.close();

        store = StateStore.open(CONFIG, data, node);
        AccountingOutbox after = AccountingOutbox.in(store);

        assertThat(after.heads()).containsExactly(a1);
        assertThat(after.size()).isEqualTo(1);
    }
}
