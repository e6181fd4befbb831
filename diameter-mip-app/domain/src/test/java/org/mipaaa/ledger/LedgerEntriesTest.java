package org.mipaaa.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mipaaa.ledger.LedgerFixture.eur;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.billing.BillingPeriod;
import org.mipaaa.billing.PeriodClosings;
import org.mipaaa.state.StateStore;

/** Transferred charges, invalidation and posting into closed periods. */
class LedgerEntriesTest {

    static final String NAI = "mn1@home.example";
    static final Instant OCT_31 = Instant.parse("2026-10-31T22:00:00Z");
    static final BillingPeriod OCTOBER = LedgerFixture.MONTHLY.periodOf(OCT_31);
    static final BillingPeriod NOVEMBER = LedgerFixture.MONTHLY.next(OCTOBER);

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
    void aTransferredChargeIsRecordedOncePerIdempotencyKey() {
        AccountEntry first = ledger.recordTransferredCharge(NAI, eur("4.50"), "shop.example", "order 42", OCT_31, "shop.example/42");
        AccountEntry again = ledger.recordTransferredCharge(NAI, eur("4.50"), "shop.example", "order 42", OCT_31, "shop.example/42");
        assertThat(again).isEqualTo(first);
        assertThat(first.kind()).isEqualTo(EntryKind.TRANSFERRED_CHARGE);
        assertThat(ledger.entries(NAI, OCTOBER)).containsExactly(first);
        assertThatThrownBy(() -> ledger.recordTransferredCharge(NAI, eur("5.00"), "shop.example", "order 42", OCT_31, "shop.example/42"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ledger.recordTransferredCharge(NAI, Money.of("500", Currency.getInstance("JPY")), "shop.example",
                "order 43", OCT_31, "shop.example/43")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidatingIsIdempotentAndKeepsTheFirstInvalidation() {
        AccountEntry charge = ledger.recordTransferredCharge(NAI, eur("4.50"), "shop.example", "order 42", OCT_31, "k1");
        Instant at = Instant.parse("2026-11-02T09:00:00Z");
        AccountEntry invalidated = ledger.invalidate(charge.id(), "operator-7", at).orElseThrow();
        assertThat(invalidated.state()).isEqualTo(new EntryState.Invalidated("operator-7", at));
        assertThat(ledger.invalidate(charge.id(), "operator-8", at.plusSeconds(60))).contains(invalidated);
        assertThat(ledger.entry(charge.id())).contains(invalidated);
        assertThat(ledger.invalidate("charge:none", "operator-7", at)).isEmpty();
    }

    @Test
    void anEntryDatedInAClosedPeriodIsPostedAtTheStartOfTheNextOpenOne() {
        AccountEntry before = ledger.recordTransferredCharge(NAI, eur("1.00"), "shop.example", "order 1", OCT_31, "k1");
        PeriodClosings closings = PeriodClosings.in(store);
        assertThatThrownBy(() -> closings.close(OCTOBER, "billing", Instant.parse("2026-10-31T23:00:00Z")))
                .isInstanceOf(IllegalStateException.class);
        closings.close(OCTOBER, "billing", Instant.parse("2026-11-01T06:00:00Z"));

        AccountEntry late = ledger.recordTransferredCharge(NAI, eur("2.00"), "shop.example", "order 2", OCT_31.plusSeconds(60), "k2");
        assertThat(late.date()).isEqualTo(OCT_31.plusSeconds(60));
        assertThat(late.postedAt()).isEqualTo(NOVEMBER.start());
        assertThat(ledger.entries(NAI, OCTOBER)).containsExactly(before);
        assertThat(ledger.entries(NAI, NOVEMBER)).containsExactly(late);
        assertThat(ledger.allEntries(OCTOBER)).containsExactly(before);
        // closing again keeps the first closing
        assertThat(closings.close(OCTOBER, "someone else", Instant.parse("2026-11-03T00:00:00Z")).by()).isEqualTo("billing");
    }

    @Test
    void entriesOfOneUserDoNotShowInAnothersPeriod() {
        ledger.recordTransferredCharge(NAI, eur("1.00"), "shop.example", "order 1", OCT_31, "k1");
        ledger.recordTransferredCharge("mn2@home.example", eur("3.00"), "shop.example", "order 3", OCT_31, "k3");
        assertThat(ledger.entries(NAI, OCTOBER)).extracting(AccountEntry::nai).containsOnly(NAI);
        assertThat(ledger.allEntries(OCTOBER)).extracting(AccountEntry::nai).containsExactly(NAI, "mn2@home.example");
        assertThat(ledger.entries(NAI, NOVEMBER)).isEmpty();
    }

    /**
     * A running AAAH closes a period while it records (issue 19, item 5): an entry being posted is
     * written before the closing, and one posted after the closing goes to the next open period; never
     * into the closed one.
     */
    @Test
    void closingAPeriodWaitsForAnEntryBeingPostedAndTheNextEntryGoesToTheNextPeriod() throws Exception {
        PeriodClosings closings = PeriodClosings.in(store);
        InfinispanAccountDatabase shared = InfinispanAccountDatabase.in(store, LedgerFixture.TARIFFS, LedgerFixture.MONTHLY, closings);
        CountDownLatch posting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<AccountEntry> during = CompletableFuture.supplyAsync(() -> closings.posting(() -> {
            posting.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return shared.recordTransferredCharge(NAI, eur("1.00"), "shop.example", "order 1", OCT_31, "k1");
        }));
        assertThat(posting.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<?> closing = CompletableFuture.runAsync(
                () -> closings.close(OCTOBER, "billing", Instant.parse("2026-11-01T06:00:00Z")));
        assertThatThrownBy(() -> closing.get(300, TimeUnit.MILLISECONDS)).as("not while an entry is being posted")
                .isInstanceOf(TimeoutException.class);
        assertThat(closings.isClosed(OCTOBER)).isFalse();
        release.countDown();
        closing.get(5, TimeUnit.SECONDS);

        assertThat(during.get(5, TimeUnit.SECONDS).postedAt()).isEqualTo(OCT_31);
        AccountEntry after = shared.recordTransferredCharge(NAI, eur("2.00"), "shop.example", "order 2", OCT_31.plusSeconds(60), "k2");
        assertThat(after.postedAt()).isEqualTo(NOVEMBER.start());
        assertThat(shared.allEntries(OCTOBER)).extracting(AccountEntry::id).containsExactly(during.get().id());
    }
}
