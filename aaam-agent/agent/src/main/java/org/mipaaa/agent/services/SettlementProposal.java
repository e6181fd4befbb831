package org.mipaaa.agent.services;

import java.util.Objects;

/**
 * What the AAAH asks the user to confirm (User-Confirmation-Request): the settlement it has opened, what
 * is paid and how.
 *
 * @param settlementId the AAAH's Settlement-Id
 * @param purchase     the purchase as the AAAH will settle it (payee, order, goods, amount)
 * @param mode         the settlement mode
 *
 * <p>Immutable, so thread-safe.
 */
public final class SettlementProposal {

    private final String settlementId;
    private final PurchaseInfo purchase;
    private final SettlementMode mode;

    public SettlementProposal(String settlementId, PurchaseInfo purchase, SettlementMode mode) {
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(purchase, "purchase");
        Objects.requireNonNull(mode, "mode");
        this.settlementId = settlementId;
        this.purchase = purchase;
        this.mode = mode;
    }


    public String settlementId() {
        return settlementId;
    }

    public PurchaseInfo purchase() {
        return purchase;
    }

    public SettlementMode mode() {
        return mode;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SettlementProposal)) {
            return false;
        }
        SettlementProposal other = (SettlementProposal) o;
        return java.util.Objects.equals(settlementId, other.settlementId)
                && java.util.Objects.equals(purchase, other.purchase)
                && java.util.Objects.equals(mode, other.mode);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(settlementId, purchase, mode);
    }

    @Override
    public String toString() {
        return "SettlementProposal[" + "settlementId=" + settlementId + ", " + "purchase=" + purchase + ", " + "mode=" + mode + "]";
    }
}
