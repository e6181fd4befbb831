package org.mipaaa.agent.services;

import java.util.List;
import java.util.Objects;

/**
 * What the AAAH holds about the mobile node's charges in one billing period (a Charge-Query-Answer,
 * docs/PROTOCOL.md §4.6; seed Fig. 8 S25, "own communication charges").
 *
 * @param period   the billing period, "YYYY-MM"
 * @param entries  the entries of the period, invalidated ones included, by date
 * @param total    the total of the valid entries
 * @param tariffs  the prices the entries were charged with
 *
 * <p>Immutable, so thread-safe.
 */
public final class CommunicationCharges {

    private final String period;
    private final List<ChargeEntry> entries;
    private final Amount total;
    private final List<TariffLine> tariffs;

    public CommunicationCharges(String period, List<ChargeEntry> entries, Amount total, List<TariffLine> tariffs) {
        Objects.requireNonNull(period, "period");
        entries = List.copyOf(entries);
        Objects.requireNonNull(total, "total");
        tariffs = List.copyOf(tariffs);
        this.period = period;
        this.entries = entries;
        this.total = total;
        this.tariffs = tariffs;
    }


    public String period() {
        return period;
    }

    public List<ChargeEntry> entries() {
        return entries;
    }

    public Amount total() {
        return total;
    }

    public List<TariffLine> tariffs() {
        return tariffs;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CommunicationCharges)) {
            return false;
        }
        CommunicationCharges other = (CommunicationCharges) o;
        return java.util.Objects.equals(period, other.period)
                && java.util.Objects.equals(entries, other.entries)
                && java.util.Objects.equals(total, other.total)
                && java.util.Objects.equals(tariffs, other.tariffs);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(period, entries, total, tariffs);
    }

    @Override
    public String toString() {
        return "CommunicationCharges[" + "period=" + period + ", " + "entries=" + entries + ", " + "total=" + total + ", " + "tariffs=" + tariffs + "]";
    }
}
