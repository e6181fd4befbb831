package org.mipaaa.commitment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.mipaaa.billing.BillingPeriod;
import org.mipaaa.ledger.AccountDatabase;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryContent;
import org.mipaaa.ledger.Money;
import org.mipaaa.ledger.Recorded;
import org.mipaaa.ledger.UsageReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAH's account database with sponsored and credit communication applied (docs/PROTOCOL.md §4.7,
 * §4.8 "as implemented"): each communication fee is recorded as before, in full; when a commitment is
 * waiting for the user's next communication, the first accounting session whose fee is dated from the
 * commitment on is bound to it, and for each fee of that session the payer's part (the share, capped so
 * that the parts together stay within the ceiling / limit) is entered as a negative TRANSFERRED_CHARGE
 * naming the payer and the commitment: the user's total counts only its own part.
 *
 * <p>Exactly once: the part's entry is keyed by commitment and fee entry, written before the running
 * total, so a record retransmitted after a crash computes the same part and finds its entry.
 */
public final class CommittedFees implements AccountDatabase {

    private static final Logger log = LoggerFactory.getLogger(CommittedFees.class);

    private final AccountDatabase ledger;
    private final CommitmentStore commitments;

    public CommittedFees(AccountDatabase ledger, CommitmentStore commitments) {
        this.ledger = ledger;
        this.commitments = commitments;
    }

    @Override
    public Recorded recordUsage(UsageReport report) {
        Recorded recorded = ledger.recordUsage(report);
        recorded.entry().filter(AccountEntry::isValid).ifPresent(fee -> share(fee, report.sessionId()));
        return recorded;
    }

    private void share(AccountEntry fee, String sessionId) {
        if (!(fee.content() instanceof EntryContent.CommunicationFee)) {
            return;
        }
        Optional<Commitment> bound = commitments.boundTo(sessionId);
        if (bound.isEmpty()) {
            Optional<Commitment> waiting = commitments.pending(fee.nai());
            if (waiting.isEmpty() || fee.date().isBefore(waiting.get().committedAt())) {
                return;
            }
            bound = Optional.of(commitments.bind(sessionId, waiting.get()));
            log.info("commitment {} of {} applies to accounting session {}", bound.get().settlementId(), bound.get().payer(), sessionId);
        }
        Commitment c = bound.get();
        CommitmentStore.Charged charged = commitments.charged(c);
        if (charged.covers(fee.id())) {
            return;
        }
        Currency currency = fee.amount().currency();
        Money part = fee.amount().times(BigDecimal.valueOf(c.sharePercent()).movePointLeft(2));
        if (c.limit().isPresent()) {
            if (c.currencyCode() != currency.getNumericCode()) {
                log.warn("commitment {}: its limit is in currency {}, the ledger in {}; nothing charged to {}", c.settlementId(),
                        c.currencyCode(), currency, c.payer());
                return;
            }
            Money left = Money.rounded(c.limit().get(), currency).minus(Money.ofMinor(charged.minorUnits(), currency));
            if (part.compareTo(left) > 0) {
                part = left.signum() > 0 ? left : Money.zero(currency);
            }
        }
        if (part.signum() > 0) {
            ledger.recordTransferredCharge(fee.nai(), Money.zero(currency).minus(part), c.payer(),
                    partLabel(c, fee), fee.date(), "commitment " + c.settlementId() + " " + fee.id());
        }
        commitments.addCharged(c, fee.id(), part.minorUnits());
    }

    /** The goods line of the payer's part: what it is for, so a statement names fee and commitment. */
    static String partLabel(Commitment c, AccountEntry fee) {
        String what = c.kind() == CommitmentKind.SPONSORED ? "sponsored " + c.sharePercent() + " % (" + c.advertisement() + ")"
                : "credit";
        return what + " of communication fee " + fee.id() + ", commitment " + c.settlementId();
    }

    @Override
    public AccountEntry recordTransferredCharge(String nai, Money amount, String payee, String goods, Instant at, String idempotencyKey) {
        return ledger.recordTransferredCharge(nai, amount, payee, goods, at, idempotencyKey);
    }

    @Override
    public Optional<AccountEntry> invalidate(String entryId, String by, Instant at) {
        return ledger.invalidate(entryId, by, at);
    }

    @Override
    public Optional<AccountEntry> entry(String entryId) {
        return ledger.entry(entryId);
    }

    @Override
    public List<AccountEntry> entries(String nai, BillingPeriod period) {
        return ledger.entries(nai, period);
    }

    @Override
    public List<AccountEntry> allEntries(BillingPeriod period) {
        return ledger.allEntries(period);
    }

    @Override
    public void forEachEntry(BillingPeriod period, java.util.function.Consumer<AccountEntry> each) {
        ledger.forEachEntry(period, each);
    }
}
