package org.mipaaa.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mipaaa.probe.CheckResult.Verdict;

class ProbeReportTest {

    private static final CheckResult PASSED = new CheckResult("device-watchdog", "RFC 6733 §5.5", "answers a DWR", Verdict.PASS,
            "answer 280/0, Result-Code 2001", new byte[] {1, 0, 0, 20}, new byte[] {1, (byte) 0xff});
    private static final CheckResult FAILED = new CheckResult("avp-missing", "RFC 6733 §7.1.5", "answers 5005", Verdict.FAIL,
            "Result-Code is not 5005 (got \"5012\")\n", null, null);

    @Test
    void theJsonHasEveryCheckWithItsBytesInHexAndTheCounts() {
        String json = new ProbeReport("AAAH aaah.home.example", List.of(PASSED, FAILED)).json();

        assertThat(json).startsWith("{\"target\":\"AAAH aaah.home.example\",\"passed\":1,\"failed\":1,\"skipped\":0,\"checks\":[")
                .contains("{\"id\":\"device-watchdog\",\"rfc\":\"RFC 6733 §5.5\",\"title\":\"answers a DWR\",\"verdict\":\"PASS\","
                        + "\"detail\":\"answer 280/0, Result-Code 2001\",\"sent\":\"01000014\",\"received\":\"01ff\"}")
                // what the peer said is quoted, never pasted: a lab's JSON parser reads it back
                .contains("\"detail\":\"Result-Code is not 5005 (got \\\"5012\\\")\\n\",\"sent\":\"\",\"received\":\"\"}")
                .endsWith("]}\n");
    }

    @Test
    void aReportWithAFailureHasNotPassedAndSaysWhichInItsText() {
        ProbeReport report = new ProbeReport("HA ha.home.example", List.of(PASSED, FAILED));

        assertThat(report.passed()).isFalse();
        assertThat(report.text()).contains("FAIL    avp-missing").contains("1 passed, 1 failed, 0 skipped");
        assertThat(new ProbeReport("HA", List.of(PASSED)).passed()).isTrue();
    }
}
