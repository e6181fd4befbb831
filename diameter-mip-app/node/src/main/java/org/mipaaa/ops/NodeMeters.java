package org.mipaaa.ops;

import java.time.Duration;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The registries of one of our nodes: Prometheus (read by {@link OpsEndpoint}) and, unless
 * {@code ops.jmx=false}, JMX under the domain {@code mip-aaa.<host>}; with the JVM's own meters (heap,
 * GC pauses, threads, CPU) beside the node's.
 */
public final class NodeMeters implements AutoCloseable {

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JmxMeterRegistry jmx;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public NodeMeters(String host, boolean jmx) {
        registry.add(prometheus);
        this.jmx = jmx ? new JmxMeterRegistry(new Jmx("mip-aaa." + host), Clock.SYSTEM) : null;
        if (this.jmx != null) {
            registry.add(this.jmx);
        }
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** Where the node's meters go. */
    public CompositeMeterRegistry registry() {
        return registry;
    }

    public PrometheusMeterRegistry prometheus() {
        return prometheus;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
        prometheus.close();
        if (jmx != null) {
            jmx.close();
        }
    }

    private record Jmx(String domain) implements JmxConfig {
        @Override
        public String get(String key) {
            return null;
        }

        @Override
        public Duration step() {
            return Duration.ofMinutes(1);
        }
    }
}
