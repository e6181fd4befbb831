package org.mipaaa.agent.services;

import java.util.Objects;

/**
 * What the AAAH asks the user to confirm (User-Confirmation-Request): the settlement it has opened, what
 * is paid and how.
 *
 * @param settlementId the AAAH's Settlement-Id
 * @param purchase     the purchase as the AAAH will settle it (payee, order, goods, amount)
 * @param mode         the settlement mode
 */
public record SettlementProposal(String settlementId, PurchaseInfo purchase, SettlementMode mode) {

    public SettlementProposal {
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(purchase, "purchase");
        Objects.requireNonNull(mode, "mode");
    }
}
