package org.mipaaa.aaah.settlement;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;

import org.mipaaa.messages.NextHopRequest;
import org.mipaaa.settlement.SettlementRecord;
import org.mipaaa.settlement.SettlingTerminals;

/**
 * Which {@link PayeeSide} a settlement is settled at: the terminal its record names (fixed from the
 * carrier's {@link SettlingTerminals} when it was opened), else the AAAY of the payee's realm.
 */
final class PayeeSides {

    private final SettlingTerminals agreements;
    private final NextHopRequest toPayee;
    private final Predicate<String> connected;
    private final Clock clock;

    /**
     * @param toPayee   sends the PNR/SER/SCR; its timeout is how long the payee side may take
     * @param connected whether a peer is connected now
     */
    PayeeSides(SettlingTerminals agreements, NextHopRequest toPayee, Predicate<String> connected, Clock clock) {
        this.agreements = agreements;
        this.toPayee = toPayee;
        this.connected = connected;
        this.clock = clock;
    }

    /** The terminal that settles for {@code payee} by the carrier's agreement; empty: its AAAY is notified. */
    Optional<SettlingTerminals.Terminal> terminalFor(String payee) {
        return agreements.of(payee);
    }

    PayeeSide of(SettlementRecord s) {
        if (s.settledByTerminal()) {
            return new TerminalSettles(toPayee, s.terminalHost(), s.terminalRealm(), connected, clock);
        }
        return new AaayNotice(toPayee, s.payee().substring(s.payee().lastIndexOf('@') + 1), clock);
    }

    long vendorId() {
        return toPayee.vendorId();
    }
}
