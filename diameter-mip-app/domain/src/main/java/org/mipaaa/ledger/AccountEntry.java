package org.mipaaa.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the account database (seed Fig. 4): a charge to user {@code nai}.
 *
 * @param id       unique; derived from what the entry is for (see {@link EntryIds}), so recording the
 *                 same thing twice finds the first entry
 * @param date     when the charge arose (a communication fee: the record's event time)
 * @param postedAt when it counts for billing: {@code date}, unless the billing period of {@code date}
 *                 was closed when the entry was made; then the start of the first open period after it
 * @param amount   the charge, rounded once to the currency's minor unit
 * @param content  what was charged for; its {@link EntryContent#kind() kind} is the entry's
 * @param state    valid, or invalidated (then it counts for nothing)
 */
public record AccountEntry(String id, String nai, Instant date, Instant postedAt, Money amount,
                           EntryContent content, EntryState state) {

    public AccountEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(nai, "nai");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(postedAt, "postedAt");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(state, "state");
    }

    public EntryKind kind() {
        return content.kind();
    }

    public boolean isValid() {
        return state.isValid();
    }

    public AccountEntry invalidated(String by, Instant at) {
        return new AccountEntry(id, nai, date, postedAt, amount, content, new EntryState.Invalidated(by, at));
    }
}
