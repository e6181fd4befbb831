package org.mipaaa.agent.services;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the mobile node's account at its AAAH (seed Fig. 4), as a Charge-Entry AVP shows it
 * (docs/PROTOCOL.md §6).
 *
 * @param date         when the charge arose
 * @param kind         communication fee or transferred charge
 * @param state        valid, or invalidated (then it counts for nothing)
 * @param amount       the charge
 * @param usage        for a communication fee: the usage charged
 * @param payee        for a transferred charge: who is paid
 * @param settlementId for a transferred charge: its settlement, when it has one
 * @param goods        for a transferred charge: what was bought
 */
public record ChargeEntry(Instant date, Kind kind, State state, Amount amount, Optional<Usage> usage,
                          Optional<String> payee, Optional<String> settlementId, List<String> goods) {

    public ChargeEntry {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(settlementId, "settlementId");
        goods = List.copyOf(goods);
    }

    /** Entry-Kind. */
    public enum Kind { COMMUNICATION_FEE, TRANSFERRED_CHARGE }

    /** Entry-State. */
    public enum State { VALID, INVALIDATED }

    /** Connect time and traffic of a communication fee (RFC 4004 §10 counters; input = from the mobile node). */
    public record Usage(long seconds, long inputOctets, long outputOctets, long inputPackets, long outputPackets) {
    }
}
