package org.mipaaa.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mipaaa.ledger.LedgerFixture.VISITED;
import static org.mipaaa.ledger.LedgerFixture.eur;
import static org.mipaaa.ledger.LedgerFixture.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.billing.BillingPeriod;
import org.mipaaa.state.StateStore;

/** Fees from cumulative counters, priced per visited realm and date; expected amounts computed by hand. */
class LedgerRecordUsageTest {

    static final String NAI = "mn1@home.example";
    static final BillingPeriod NOVEMBER = LedgerFixture.MONTHLY.periodOf(Instant.parse("2026-11-10T00:00:00Z"));

    @TempDir
    Path data;
    StateStore store;
    InfinispanAccountDatabase ledger;

    @BeforeEach
    void open() {
        store = LedgerFixture.open(data);
        ledger = LedgerFixture.database(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void eachRecordIsChargedTheDeltaOfItsCumulativeCountersUpToTheStop() {
        Recorded start = ledger.recordUsage(report("s1", 0, RecordType.START, VISITED, "2026-11-10T10:00:00Z", 0, 0, 0, 0, 0));
        // delta 60 s, 150 000 octets: 60 x 0.002 + 150 kB x 0.0001 = 0.12 + 0.015 = 0.135 -> 0.14 (half-even)
        Recorded first = ledger.recordUsage(report("s1", 1, RecordType.INTERIM, VISITED, "2026-11-10T10:01:00Z", 60, 100_000, 50_000, 100, 80));
        // delta 120 s, 350 000 octets: 0.24 + 0.035 = 0.275 -> 0.28
        Recorded second = ledger.recordUsage(report("s1", 2, RecordType.INTERIM, VISITED, "2026-11-10T10:03:00Z", 180, 400_000, 150_000, 300, 200));
        // delta 20 s, 20 000 octets: 0.04 + 0.002 = 0.042 -> 0.04
        Recorded stop = ledger.recordUsage(report("s1", 3, RecordType.STOP, VISITED, "2026-11-10T10:03:20Z", 200, 410_000, 160_000, 310, 205));

        assertThat(start.entry()).isEmpty();
        assertThat(start.duplicate()).isFalse();
        assertThat(first.entry()).get().extracting(AccountEntry::amount).isEqualTo(eur("0.14"));
        assertThat(second.entry()).get().extracting(AccountEntry::amount).isEqualTo(eur("0.28"));
        assertThat(stop.entry()).get().extracting(AccountEntry::amount).isEqualTo(eur("0.04"));
        EntryContent.CommunicationFee fee = (EntryContent.CommunicationFee) stop.entry().orElseThrow().content();
        assertThat(fee.usage()).isEqualTo(new UsageCounters(20, 10_000, 10_000, 10, 5));
        assertThat(fee.recordType()).isEqualTo(RecordType.STOP);
        assertThat(fee.tariff().effectiveFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));

        List<AccountEntry> entries = ledger.entries(NAI, NOVEMBER);
        assertThat(entries).extracting(AccountEntry::id)
                .containsExactly("fee:s1#1", "fee:s1#2", "fee:s1#3");
        assertThat(entries).extracting(AccountEntry::kind).containsOnly(EntryKind.COMMUNICATION_FEE);
    }

    @Test
    void aRealmWithoutItsOwnTariffIsPricedWithTheDefault() {
        // default: 60 x 0.001 + 0.15 MB x 0.05 + 180 packets x 0.0001 = 0.06 + 0.0075 + 0.018 = 0.0855 -> 0.09
        Recorded r = ledger.recordUsage(report("s2", 1, RecordType.INTERIM, "other.example", "2026-11-10T10:01:00Z", 60, 100_000, 50_000, 100, 80));
        assertThat(r.entry()).get().extracting(AccountEntry::amount).isEqualTo(eur("0.09"));
        assertThat(((EntryContent.CommunicationFee) r.entry().orElseThrow().content()).tariff().realm()).isEqualTo("default");
    }

    @Test
    void aTariffChangeInsideThePeriodPricesRecordsBeforeAndAfterItDifferently() {
        ledger.recordUsage(report("s3", 1, RecordType.INTERIM, VISITED, "2026-11-14T23:59:00Z", 60, 100_000, 50_000, 0, 0));
        // after 2026-11-15: 60 x 0.001 + 150 kB x 0.0001 = 0.06 + 0.015 = 0.075 -> 0.08
        ledger.recordUsage(report("s3", 2, RecordType.STOP, VISITED, "2026-11-15T00:01:00Z", 120, 200_000, 100_000, 0, 0));
        assertThat(ledger.entries(NAI, NOVEMBER)).extracting(AccountEntry::amount).containsExactly(eur("0.14"), eur("0.08"));
    }

    @Test
    void theSameRecordTwiceIsChargedOnceAndAnsweredAsTheFirstTime() {
        UsageReport interim = report("s4", 1, RecordType.INTERIM, VISITED, "2026-11-10T10:01:00Z", 60, 100_000, 50_000, 0, 0);
        Recorded first = ledger.recordUsage(interim);
        Recorded again = ledger.recordUsage(interim);
        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.entry()).isEqualTo(first.entry());
        UsageReport start = report("s4", 0, RecordType.START, VISITED, "2026-11-10T10:00:00Z", 0, 0, 0, 0, 0);
        assertThat(ledger.recordUsage(start)).isEqualTo(new Recorded(java.util.Optional.empty(), true));
        assertThat(ledger.entries(NAI, NOVEMBER)).hasSize(1);
    }

    @Test
    void aRecordSeenBeforeARestartIsADuplicateAfterIt() {
        UsageReport interim = report("s5", 1, RecordType.INTERIM, VISITED, "2026-11-10T10:01:00Z", 60, 100_000, 50_000, 0, 0);
        Recorded first = ledger.recordUsage(interim);
        store.close();
        store = LedgerFixture.open(data);
        ledger = LedgerFixture.database(store);
        Recorded again = ledger.recordUsage(interim);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.entry()).isEqualTo(first.entry());
        // the session goes on from where it was: 120 s, 300 000 octets more = 0.24 + 0.03 = 0.27
        Recorded next = ledger.recordUsage(report("s5", 2, RecordType.STOP, VISITED, "2026-11-10T10:03:00Z", 180, 300_000, 150_000, 0, 0));
        assertThat(next.entry()).get().extracting(AccountEntry::amount).isEqualTo(eur("0.27"));
        assertThat(ledger.entries(NAI, NOVEMBER)).hasSize(2);
    }

    @Test
    void aCrashAfterTheEntryBeforeTheProgressNeitherChargesTwiceNorLoses() {
        ledger.recordUsage(report("s6", 0, RecordType.START, VISITED, "2026-11-10T10:00:00Z", 0, 0, 0, 0, 0));
        String progressBefore = store.<String, String>cache(LedgerCaches.ACCOUNT_SESSIONS).get("s6");
        UsageReport interim = report("s6", 1, RecordType.INTERIM, VISITED, "2026-11-10T10:01:00Z", 60, 100_000, 50_000, 0, 0);
        Recorded first = ledger.recordUsage(interim);
        // as if the node died between writing the entry and advancing the progress
        store.<String, String>cache(LedgerCaches.ACCOUNT_SESSIONS).put("s6", progressBefore);
        store.close();
        store = LedgerFixture.open(data);
        ledger = LedgerFixture.database(store);

        Recorded replay = ledger.recordUsage(interim);
        assertThat(replay.duplicate()).isTrue();
        assertThat(replay.entry()).isEqualTo(first.entry());
        assertThat(ledger.recordUsage(interim).duplicate()).isTrue();
        assertThat(ledger.entries(NAI, NOVEMBER)).extracting(AccountEntry::amount).containsExactly(eur("0.14"));
    }

    @Test
    void countersGoingBackwardsOrASessionOfAnotherUserAreRefused() {
        ledger.recordUsage(report("s7", 1, RecordType.INTERIM, VISITED, "2026-11-10T10:01:00Z", 60, 100_000, 50_000, 0, 0));
        assertThatThrownBy(() -> ledger.recordUsage(report("s7", 2, RecordType.INTERIM, VISITED, "2026-11-10T10:02:00Z", 59, 100_000, 50_000, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backwards");
        assertThatThrownBy(() -> ledger.recordUsage(new UsageReport("mn2@home.example", "s7", 3, RecordType.STOP, VISITED,
                Instant.parse("2026-11-10T10:02:00Z"), 120, 100_000, 50_000, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mn1@home.example");
        assertThat(ledger.entries(NAI, NOVEMBER)).hasSize(1);
    }
}
