package org.mipaaa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.Test;
import org.mipaaa.diameter.CommandNames;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.VendorSettings;

/** The node's meters stay bounded whatever a peer sends: made-up command codes and Result-Codes share "other". */
class NodeMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final NodeMetrics metrics = new NodeMetrics(registry, new CommandNames(Dictionary.bundled(VendorSettings.defaults())));

    private static Request request(long application, int command) {
        Request r = mock(Request.class);
        when(r.getApplicationId()).thenReturn(application);
        when(r.getCommandCode()).thenReturn(command);
        return r;
    }

    @Test
    void aRegistrationIsCountedByCommandAndResult() {
        Request amr = request(ApplicationIds.MOBILE_IPV4, CommandCodes.AA_MOBILE_NODE);

        metrics.received(amr);
        metrics.answered(amr, "2001", 1_000_000);

        assertThat(registry.get("diameter.requests").tag("command", "AMR").counter().count()).isEqualTo(1);
        assertThat(registry.get("diameter.answers").tag("command", "AMR").tag("result", "2001").counter().count()).isEqualTo(1);
        assertThat(registry.get("diameter.request.duration").tag("command", "AMR").timer().count()).isEqualTo(1);
        assertThat(registry.get("mip.registrations").tag("result", "2001").counter().count()).isEqualTo(1);
    }

    @Test
    void madeUpCommandsAndResultsShareOneMeterPastTheirBound() {
        for (int code = 1; code <= 1_000; code++) {
            Request r = request(ApplicationIds.MOBILE_IPV4, 100_000 + code);
            metrics.received(r);
            metrics.answered(r, "3001", 1_000);
        }
        Request amr = request(ApplicationIds.MOBILE_IPV4, CommandCodes.AA_MOBILE_NODE);
        for (int result = 1; result <= 1_000; result++) {
            metrics.answered(amr, Integer.toString(result), 1_000);
        }

        assertThat(registry.find("diameter.requests").counters()).hasSizeLessThanOrEqualTo(NodeMetrics.MAX_COMMANDS + 1);
        assertThat(registry.get("diameter.requests").tag("command", "other").counter().count()).isEqualTo(1_000 - NodeMetrics.MAX_COMMANDS);
        assertThat(registry.find("mip.registrations").counters()).hasSizeLessThanOrEqualTo(NodeMetrics.MAX_RESULTS + 1);
        assertThat(registry.get("mip.registrations").tag("result", "other").counter().count()).isEqualTo(1_000 - NodeMetrics.MAX_RESULTS);
    }
}
