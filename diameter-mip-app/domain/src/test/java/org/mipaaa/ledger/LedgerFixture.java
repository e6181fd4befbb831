package org.mipaaa.ledger;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;

import org.mipaaa.billing.BillingCalendar;
import org.mipaaa.state.StateStore;
import org.mipaaa.tariff.ByteUnit;
import org.mipaaa.tariff.Tariff;
import org.mipaaa.tariff.Tariffs;

/**
 * A real embedded Infinispan from the shipped config/infinispan.xml, and the tariffs the tests compute
 * their expected fees with by hand:
 * <pre>
 * default          from 2026-01-01: 0.001 /s, 0.05 /megabyte, 0.0001 /packet
 * visited.example  from 2026-01-01: 0.002 /s, 0.0001 /kilobyte, 0 /packet
 * visited.example  from 2026-11-15: 0.001 /s, 0.0001 /kilobyte, 0 /packet
 * </pre>
 * Billing periods: calendar months, UTC.
 */
public final class LedgerFixture {

    public static final Path CONFIG = Path.of("../../config/infinispan.xml");
    public static final Currency EUR = Currency.getInstance("EUR");
    public static final String VISITED = "visited.example";

    public static final Tariffs TARIFFS = Tariffs.of(EUR, List.of(
            tariff("default", "2026-01-01T00:00:00Z", "0.001", "0.05", ByteUnit.MEGABYTE, "0.0001"),
            tariff(VISITED, "2026-01-01T00:00:00Z", "0.002", "0.0001", ByteUnit.KILOBYTE, "0"),
            tariff(VISITED, "2026-11-15T00:00:00Z", "0.001", "0.0001", ByteUnit.KILOBYTE, "0")));

    public static final BillingCalendar MONTHLY = BillingCalendar.monthly(1, ZoneOffset.UTC);

    private LedgerFixture() {
    }

    private static Tariff tariff(String realm, String from, String perSecond, String perUnit, ByteUnit unit, String perPacket) {
        return new Tariff(realm, Instant.parse(from), EUR, new BigDecimal(perSecond), new BigDecimal(perUnit), unit,
                new BigDecimal(perPacket));
    }

    public static StateStore open(Path dataDirectory) {
        return StateStore.open(CONFIG, dataDirectory, "ledger-test-" + System.nanoTime());
    }

    public static InfinispanAccountDatabase database(StateStore store) {
        return InfinispanAccountDatabase.in(store, TARIFFS, MONTHLY);
    }

    public static Money eur(String amount) {
        return Money.of(amount, EUR);
    }

    /** A record of session {@code sessionId} of mn1@home.example, with cumulative counters. */
    public static UsageReport report(String sessionId, long number, RecordType type, String realm, String time,
                                     long seconds, long inOctets, long outOctets, long inPackets, long outPackets) {
        return new UsageReport("mn1@home.example", sessionId, number, type, realm, Instant.parse(time), seconds,
                inOctets, outOctets, inPackets, outPackets);
    }
}
