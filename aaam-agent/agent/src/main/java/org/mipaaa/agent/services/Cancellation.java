package org.mipaaa.agent.services;

import java.util.Objects;

/**
 * A cancelled settlement (docs/PROTOCOL.md §4.5): its entry is invalidated at the AAAH and the amount
 * credited back.
 *
 * @param settlementId the settlement cancelled
 * @param refunded     the amount credited back (CC-Money of the SCA)
 *
 * <p>Immutable, so thread-safe.
 */
public final class Cancellation {

    private final String settlementId;
    private final Amount refunded;

    public Cancellation(String settlementId, Amount refunded) {
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(refunded, "refunded");
        this.settlementId = settlementId;
        this.refunded = refunded;
    }


    public String settlementId() {
        return settlementId;
    }

    public Amount refunded() {
        return refunded;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Cancellation)) {
            return false;
        }
        Cancellation other = (Cancellation) o;
        return java.util.Objects.equals(settlementId, other.settlementId)
                && java.util.Objects.equals(refunded, other.refunded);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(settlementId, refunded);
    }

    @Override
    public String toString() {
        return "Cancellation[" + "settlementId=" + settlementId + ", " + "refunded=" + refunded + "]";
    }
}
