package org.mipaaa.billing.statement;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mipaaa.billing.BillingPeriod;
import org.mipaaa.billing.PeriodClosing;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryKind;
import org.mipaaa.ledger.Money;

/**
 * A user's bill for one period: communication fees and transferred charges listed apart, each with its
 * entries, invalidated ones included (shown as such) but counted for nothing in the totals.
 *
 * @param closing empty while the period is open (the statement may still grow)
 */
public record Statement(String nai, BillingPeriod period, Optional<PeriodClosing> closing, Currency currency,
                        List<AccountEntry> communicationFees, List<AccountEntry> transferredCharges) {

    public Statement {
        Objects.requireNonNull(nai, "nai");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(closing, "closing");
        Objects.requireNonNull(currency, "currency");
        communicationFees = List.copyOf(communicationFees);
        transferredCharges = List.copyOf(transferredCharges);
    }

    /** The statement of {@code nai}'s {@code entries} (those posted in {@code period}). */
    public static Statement of(String nai, BillingPeriod period, Optional<PeriodClosing> closing, Currency currency,
                               List<AccountEntry> entries) {
        List<AccountEntry> fees = new ArrayList<>();
        List<AccountEntry> charges = new ArrayList<>();
        for (AccountEntry e : entries) {
            if (!e.nai().equals(nai)) {
                throw new IllegalArgumentException("entry " + e.id() + " is " + e.nai() + "'s, not " + nai + "'s");
            }
            (e.kind() == EntryKind.COMMUNICATION_FEE ? fees : charges).add(e);
        }
        return new Statement(nai, period, closing, currency, fees, charges);
    }

    public boolean closed() {
        return closing.isPresent();
    }

    /** The valid communication fees. */
    public Money communicationFeesTotal() {
        return totalOf(communicationFees);
    }

    /** The valid transferred charges. */
    public Money transferredChargesTotal() {
        return totalOf(transferredCharges);
    }

    public Money total() {
        return communicationFeesTotal().plus(transferredChargesTotal());
    }

    private Money totalOf(List<AccountEntry> entries) {
        Money sum = Money.zero(currency);
        for (AccountEntry e : entries) {
            if (e.isValid()) {
                sum = sum.plus(e.amount());
            }
        }
        return sum;
    }
}
