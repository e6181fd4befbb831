package org.mipaaa.agent.services;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A settlement the AAAH made and the payee's AAA server confirmed (S211; docs/PROTOCOL.md §4.2).
 *
 * @param settlementId   the AAAH's Settlement-Id: what {@link AaamAgent#cancel} takes
 * @param payee          who was paid
 * @param orderReference the order paid
 * @param amount         the amount charged to the node's account
 * @param mode           how it was settled
 * @param confirmedAt    when the payee side confirmed it (Event-Timestamp), if the AAAH said
 *
 * <p>Immutable, so thread-safe.
 */
public final class Settlement {

    private final String settlementId;
    private final String payee;
    private final String orderReference;
    private final Amount amount;
    private final SettlementMode mode;
    private final Optional<Instant> confirmedAt;

    public Settlement(String settlementId, String payee, String orderReference, Amount amount, SettlementMode mode, Optional<Instant> confirmedAt) {
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(orderReference, "orderReference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        this.settlementId = settlementId;
        this.payee = payee;
        this.orderReference = orderReference;
        this.amount = amount;
        this.mode = mode;
        this.confirmedAt = confirmedAt;
    }


    public String settlementId() {
        return settlementId;
    }

    public String payee() {
        return payee;
    }

    public String orderReference() {
        return orderReference;
    }

    public Amount amount() {
        return amount;
    }

    public SettlementMode mode() {
        return mode;
    }

    public Optional<Instant> confirmedAt() {
        return confirmedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Settlement)) {
            return false;
        }
        Settlement other = (Settlement) o;
        return java.util.Objects.equals(settlementId, other.settlementId)
                && java.util.Objects.equals(payee, other.payee)
                && java.util.Objects.equals(orderReference, other.orderReference)
                && java.util.Objects.equals(amount, other.amount)
                && java.util.Objects.equals(mode, other.mode)
                && java.util.Objects.equals(confirmedAt, other.confirmedAt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(settlementId, payee, orderReference, amount, mode, confirmedAt);
    }

    @Override
    public String toString() {
        return "Settlement[" + "settlementId=" + settlementId + ", " + "payee=" + payee + ", " + "orderReference=" + orderReference + ", " + "amount=" + amount + ", " + "mode=" + mode + ", " + "confirmedAt=" + confirmedAt + "]";
    }
}
