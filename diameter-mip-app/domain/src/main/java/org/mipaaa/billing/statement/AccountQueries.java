package org.mipaaa.billing.statement;

import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

import org.mipaaa.billing.BillingCalendar;
import org.mipaaa.billing.BillingPeriod;
import org.mipaaa.billing.PeriodClosings;
import org.mipaaa.ledger.AccountDatabase;

/**
 * What the AAAH answers about charges: a mobile node's own statement for a period (the handler must
 * have authenticated the NAI; this class trusts it), and the CSV of a whole period for the billing
 * system.
 */
public final class AccountQueries {

    private final AccountDatabase ledger;
    private final BillingCalendar calendar;
    private final PeriodClosings closings;
    private final Currency currency;

    public AccountQueries(AccountDatabase ledger, BillingCalendar calendar, PeriodClosings closings, Currency currency) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.closings = Objects.requireNonNull(closings, "closings");
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    /** The billing period {@code t} falls in. */
    /** The currency of the account database: every amount it records is in it. */
    public Currency currency() {
        return currency;
    }

    public BillingPeriod periodOf(Instant t) {
        return calendar.periodOf(t);
    }

    /** The billing period a month names (the Billing-Period AVP, {@link BillingCalendar#periodNamed}). */
    public BillingPeriod periodNamed(java.time.YearMonth month) {
        return calendar.periodNamed(month);
    }

    /** {@code nai}'s statement for {@code period}: its entries, invalidated ones shown, and totals. */
    public Statement statement(String nai, BillingPeriod period) {
        return Statement.of(nai, period, closings.closing(period), currency, ledger.entries(nai, period));
    }

    /** {@code nai}'s statement of the period running at {@code now} (open: more entries may come). */
    public Statement currentStatement(String nai, Instant now) {
        return statement(nai, periodOf(now));
    }

    /** Every entry of {@code period}, all users, as RFC 4180 CSV ({@link PeriodCsv}); a scan of the database. */
    public String periodCsv(BillingPeriod period) {
        return PeriodCsv.render(ledger.allEntries(period));
    }

    /**
     * The same CSV written to {@code out} as the database is scanned, one entry held at a time (a period
     * of millions of entries, from a running node), in the store's order rather than by user and date.
     */
    public void writePeriodCsv(BillingPeriod period, Appendable out) throws java.io.IOException {
        out.append(PeriodCsv.header());
        try {
            ledger.forEachEntry(period, e -> {
                try {
                    out.append(PeriodCsv.row(e));
                } catch (java.io.IOException failed) {
                    throw new java.io.UncheckedIOException(failed);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
