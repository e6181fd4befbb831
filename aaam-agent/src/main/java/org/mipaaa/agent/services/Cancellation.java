package org.mipaaa.agent.services;

import java.util.Objects;

/**
 * A cancelled settlement (docs/PROTOCOL.md §4.5): its entry is invalidated at the AAAH and the amount
 * credited back.
 *
 * @param settlementId the settlement cancelled
 * @param refunded     the amount credited back (CC-Money of the SCA)
 */
public record Cancellation(String settlementId, Amount refunded) {

    public Cancellation {
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(refunded, "refunded");
    }
}
