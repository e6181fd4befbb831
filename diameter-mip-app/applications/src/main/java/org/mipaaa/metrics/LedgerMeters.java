package org.mipaaa.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.mipaaa.ledger.LedgerWrites;

/**
 * The AAAH's ledger writes as meters: {@code mip_ledger_writes_total{kind,outcome}} and their time in
 * {@code mip_state_store_duration_seconds{operation="ledger-<kind>"}}.
 */
public final class LedgerMeters implements LedgerWrites.Observer {

    private final MeterRegistry registry;

    public LedgerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void written(String kind, boolean succeeded, long nanos) {
        Counter.builder("mip.ledger.writes").tag("kind", kind).tag("outcome", succeeded ? "written" : "failed")
                .register(registry).increment();
        NodeMetrics.stateStoreTimer(registry, "ledger-" + kind).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
