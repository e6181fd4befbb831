package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.bench.BenchResults;
import org.mipaaa.bench.RegistrationBenchmark;

/**
 * The registration benchmark measures real registrations: with tiny numbers, every one is accepted
 * and verified by the mobile node, each reached the AAAH and the home agent, the echo baseline ran
 * with a request of the AMR's size, and the counts add up. No figure is judged here: timing is the
 * benchmark command's business (docs/PERFORMANCE.md).
 */
class RegistrationBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void everyRegistrationIsAcceptedTheCountsAddUpAndTheEchoBaselineRuns() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // 8 NAIs for 40 registrations: each NAI registers five times, so a NAI registering again is accepted too
        RegistrationBenchmark.Options options = new RegistrationBenchmark.Options(TopologyFixture.configRoot(), 10, 30, 4, 8,
                RegistrationBenchmark.Transport.TLS);

        RegistrationBenchmark.Result result = new RegistrationBenchmark(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(options);
        RegistrationBenchmark.report(new PrintStream(printed, true, StandardCharsets.UTF_8), result);
        String output = printed.toString(StandardCharsets.UTF_8);

        assertThat(result.registration().errors()).as(output).isEmpty();
        assertThat(result.registration().count()).isEqualTo(30);
        assertThat(result.registration().succeeded()).isEqualTo(30);
        assertThat(result.registration().latencyMicros().getTotalCount()).as("one latency per accepted registration").isEqualTo(30);
        // warm-up and measured registrations all went FA -> AAAF -> AAAH -> HA
        assertThat(result.amrsAtAaah()).isEqualTo(40);
        assertThat(result.harsAtHa()).isEqualTo(40);

        assertThat(result.echo().errors()).as(output).isEmpty();
        assertThat(result.echo().count()).isEqualTo(30);
        assertThat(result.echo().latencyMicros().getTotalCount()).isEqualTo(30);
        assertThat(result.echoBytes()).isEqualTo(result.amrBytes());
        assertThat(result.echoBytesReceived()).as("the echo request as the AAAF decoded it").isEqualTo(result.amrBytes());

        assertThat(result.ok()).isTrue();
        assertThat(output).contains("registrations / echoes per second:");

        // what a script comparing runs reads (bench registration --json, --histogram-log)
        Path json = dir.resolve("run.json");
        Path log = dir.resolve("run.hlog");
        BenchResults.writeJson(json, BenchResults.of(result, java.time.Instant.now()));
        BenchResults.writeHistogramLog(log, Map.of("registration", result.registration().latencyMicros(),
                "echo", result.echo().latencyMicros()), java.time.Instant.now());
        JsonNode run = new ObjectMapper().readTree(json.toFile());
        assertThat(run.get("benchmark").asText()).isEqualTo("registration");
        assertThat(run.get("phases").get(0).get("name").asText()).isEqualTo("registration");
        assertThat(run.get("phases").get(0).get("count").asLong()).isEqualTo(30);
        assertThat(run.get("phases").get(0).get("latencyMs").get("count").asLong()).isEqualTo(30);
        assertThat(run.get("phases").get(1).get("perSecond").asDouble()).isEqualTo(result.echo().perSecond());
        assertThat(run.get("registrationsPerEcho").asDouble())
                .isEqualTo(result.registration().perSecond() / result.echo().perSecond());
        Map<String, Long> logged = new java.util.HashMap<>();
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
            logged.put(h.getTag(), ((Histogram) h).getTotalCount());
        }
        assertThat(logged).containsExactlyInAnyOrderEntriesOf(Map.of("registration", 30L, "echo", 30L));
    }
}
