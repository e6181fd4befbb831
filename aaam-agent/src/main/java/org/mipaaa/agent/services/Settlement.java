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
 */
public record Settlement(String settlementId, String payee, String orderReference, Amount amount, SettlementMode mode,
                         Optional<Instant> confirmedAt) {

    public Settlement {
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(orderReference, "orderReference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
    }
}
