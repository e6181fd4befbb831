package org.mipaaa.commitment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryIds;
import org.mipaaa.ledger.LedgerFixture;
import org.mipaaa.ledger.RecordType;
import org.mipaaa.ledger.UsageReport;
import org.mipaaa.state.StateStore;

/** A waiting commitment applied to the next communication's fees, on the real fsynced Infinispan of config/. */
class CommittedFeesTest {

    private static final String MN1 = "mn1@home.example";
    private static final Instant COMMITTED = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    private static Commitment credit(String id, String limit) {
        return new Commitment(CommitmentKind.CREDIT, "mn1@home.example s;1 " + id, MN1, "card@credit.example", "", 100,
                Optional.ofNullable(limit).map(BigDecimal::new), 978, id, COMMITTED);
    }

    private static UsageReport usage(String session, long number, RecordType type, Instant at, long seconds) {
        return new UsageReport(MN1, session, number, type, "default", at, seconds, 0, 0, 0, 0);
    }

    @Test
    void theNextSessionsFeesGoToTheCreditCompanyWithinItsLimitOnceEach() {
        try (StateStore state = LedgerFixture.open(dir)) {
            CommitmentStore commitments = CommitmentStore.in(state);
            CommittedFees fees = new CommittedFees(LedgerFixture.database(state), commitments);
            Commitment c = commitments.record(credit("k-1", "0.15"));
            Instant t = COMMITTED.plusSeconds(60);
            fees.recordUsage(usage("fa;1", 0, RecordType.START, t, 0));
            AccountEntry interim = fees.recordUsage(usage("fa;1", 1, RecordType.INTERIM, t.plusSeconds(100), 100)).entry().orElseThrow();
            AccountEntry stop = fees.recordUsage(usage("fa;1", 2, RecordType.STOP, t.plusSeconds(200), 200)).entry().orElseThrow();
            fees.recordUsage(usage("fa;1", 2, RecordType.STOP, t.plusSeconds(200), 200));
            assertThat(interim.amount()).isEqualTo(LedgerFixture.eur("0.10"));
            assertThat(part(fees, c, interim)).contains(LedgerFixture.eur("-0.10"));
            assertThat(part(fees, c, stop)).as("what is left of the limit").contains(LedgerFixture.eur("-0.05"));
            assertThat(commitments.charged(c).minorUnits()).isEqualTo(15);
            assertThat(commitments.pending(MN1)).isEmpty();

            AccountEntry later = fees.recordUsage(usage("fa;2", 1, RecordType.STOP, t.plusSeconds(900), 100)).entry().orElseThrow();
            assertThat(part(fees, c, later)).as("the communication after the next is the user's").isEmpty();
        }
    }

    @Test
    void aFeeDatedBeforeTheCommitmentIsNotTheNextCommunication() {
        try (StateStore state = LedgerFixture.open(dir)) {
            CommitmentStore commitments = CommitmentStore.in(state);
            CommittedFees fees = new CommittedFees(LedgerFixture.database(state), commitments);
            Commitment c = commitments.record(credit("k-2", null));
            AccountEntry old = fees.recordUsage(usage("fa;3", 1, RecordType.STOP, COMMITTED.minusSeconds(600), 100)).entry().orElseThrow();
            assertThat(part(fees, c, old)).isEmpty();
            assertThat(commitments.pending(MN1)).as("still waiting").isPresent();
            AccountEntry next = fees.recordUsage(usage("fa;4", 1, RecordType.STOP, COMMITTED.plusSeconds(600), 100)).entry().orElseThrow();
            assertThat(part(fees, c, next)).as("no limit: all of it").contains(LedgerFixture.eur("-0.10"));
        }
    }

    @Test
    void aCopyOfTheRequestFindsTheFirstCommitmentAndItSurvivesARestart() {
        Commitment first = credit("k-3", "1.00");
        try (StateStore state = LedgerFixture.open(dir)) {
            CommitmentStore commitments = CommitmentStore.in(state);
            assertThat(commitments.record(first)).isEqualTo(first);
            Commitment copy = new Commitment(CommitmentKind.CREDIT, first.requestKey(), MN1, "card@credit.example", "", 100,
                    Optional.empty(), 0, "k-other", COMMITTED);
            assertThat(commitments.record(copy).settlementId()).isEqualTo("k-3");
        }
        try (StateStore state = LedgerFixture.open(dir)) {
            assertThat(CommitmentStore.in(state).pending(MN1)).contains(first);
        }
    }

    private static Optional<org.mipaaa.ledger.Money> part(CommittedFees fees, Commitment c, AccountEntry fee) {
        return fees.entry(EntryIds.transferredCharge("commitment " + c.settlementId() + " " + fee.id())).map(AccountEntry::amount);
    }
}
