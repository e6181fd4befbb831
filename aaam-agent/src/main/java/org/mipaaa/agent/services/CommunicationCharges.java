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
 */
public record CommunicationCharges(String period, List<ChargeEntry> entries, Amount total, List<TariffLine> tariffs) {

    public CommunicationCharges {
        Objects.requireNonNull(period, "period");
        entries = List.copyOf(entries);
        Objects.requireNonNull(total, "total");
        tariffs = List.copyOf(tariffs);
    }
}
