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
 *
 * <p>Immutable, so thread-safe.
 */
public final class ChargeEntry {

    private final Instant date;
    private final Kind kind;
    private final State state;
    private final Amount amount;
    private final Optional<Usage> usage;
    private final Optional<String> payee;
    private final Optional<String> settlementId;
    private final List<String> goods;

    public ChargeEntry(Instant date, Kind kind, State state, Amount amount, Optional<Usage> usage, Optional<String> payee, Optional<String> settlementId, List<String> goods) {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(settlementId, "settlementId");
        goods = List.copyOf(goods);
        this.date = date;
        this.kind = kind;
        this.state = state;
        this.amount = amount;
        this.usage = usage;
        this.payee = payee;
        this.settlementId = settlementId;
        this.goods = goods;
    }


    /** Entry-Kind. */
    public enum Kind { COMMUNICATION_FEE, TRANSFERRED_CHARGE }

    /** Entry-State. */
    public enum State { VALID, INVALIDATED }

    /** Connect time and traffic of a communication fee (RFC 4004 §10 counters; input = from the mobile node). */
    public static final class Usage {

        private final long seconds;
        private final long inputOctets;
        private final long outputOctets;
        private final long inputPackets;
        private final long outputPackets;

        public Usage(long seconds, long inputOctets, long outputOctets, long inputPackets, long outputPackets) {
            this.seconds = seconds;
            this.inputOctets = inputOctets;
            this.outputOctets = outputOctets;
            this.inputPackets = inputPackets;
            this.outputPackets = outputPackets;
        }


        public long seconds() {
            return seconds;
        }

        public long inputOctets() {
            return inputOctets;
        }

        public long outputOctets() {
            return outputOctets;
        }

        public long inputPackets() {
            return inputPackets;
        }

        public long outputPackets() {
            return outputPackets;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Usage)) {
                return false;
            }
            Usage other = (Usage) o;
            return seconds == other.seconds
                    && inputOctets == other.inputOctets
                    && outputOctets == other.outputOctets
                    && inputPackets == other.inputPackets
                    && outputPackets == other.outputPackets;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(seconds, inputOctets, outputOctets, inputPackets, outputPackets);
        }

        @Override
        public String toString() {
            return "Usage[" + "seconds=" + seconds + ", " + "inputOctets=" + inputOctets + ", " + "outputOctets=" + outputOctets + ", " + "inputPackets=" + inputPackets + ", " + "outputPackets=" + outputPackets + "]";
        }
    }

    public Instant date() {
        return date;
    }

    public Kind kind() {
        return kind;
    }

    public State state() {
        return state;
    }

    public Amount amount() {
        return amount;
    }

    public Optional<Usage> usage() {
        return usage;
    }

    public Optional<String> payee() {
        return payee;
    }

    public Optional<String> settlementId() {
        return settlementId;
    }

    public List<String> goods() {
        return goods;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ChargeEntry)) {
            return false;
        }
        ChargeEntry other = (ChargeEntry) o;
        return java.util.Objects.equals(date, other.date)
                && java.util.Objects.equals(kind, other.kind)
                && java.util.Objects.equals(state, other.state)
                && java.util.Objects.equals(amount, other.amount)
                && java.util.Objects.equals(usage, other.usage)
                && java.util.Objects.equals(payee, other.payee)
                && java.util.Objects.equals(settlementId, other.settlementId)
                && java.util.Objects.equals(goods, other.goods);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(date, kind, state, amount, usage, payee, settlementId, goods);
    }

    @Override
    public String toString() {
        return "ChargeEntry[" + "date=" + date + ", " + "kind=" + kind + ", " + "state=" + state + ", " + "amount=" + amount + ", " + "usage=" + usage + ", " + "payee=" + payee + ", " + "settlementId=" + settlementId + ", " + "goods=" + goods + "]";
    }
}
