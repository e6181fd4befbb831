package org.mipaaa.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TraceFormatTest {

    private final TraceEvent answer = new TraceEvent(Instant.parse("2026-11-26T10:00:01.123Z"), "aaah.home.example",
            "aaaf.visited.example", "AMA", false, false, false, 2, "aaaf;1;\"x\"", 5005L, 318, "S106", 7, 9);

    @Test
    void aLineShowsHopCommandResultAndStep() {
        String line = TraceFormat.line(answer);

        assertThat(line).startsWith("10:00:01.123 [S106]").contains("aaah.home.example", "-> aaaf.visited.example",
                "AMA", "5005 DIAMETER_MISSING_AVP", "Failed-AVP=318", "sid=aaaf;1;\"x\"");
    }

    @Test
    void jsonEscapesAndOmitsWhatIsAbsent() {
        String json = TraceFormat.json(answer);

        assertThat(json).startsWith("{\"time\":\"2026-11-26T10:00:01.123Z\"")
                .contains("\"sessionId\":\"aaaf;1;\\\"x\\\"\"", "\"resultCode\":5005", "\"step\":\"S106\"", "\"request\":false");
        TraceEvent cer = new TraceEvent(answer.time(), "a", "b", "CER", true, false, false, 0, null, null, null, null, 1, 2);
        assertThat(TraceFormat.json(cer)).doesNotContain("sessionId", "resultCode", "step");
    }
}
