package org.mipaaa.probe;

import java.util.List;

import org.mipaaa.json.JsonStrings;

/**
 * What a probe run found: the peer it was pointed at and each check, as text for a person and as JSON
 * for a lab's tools (one object: {@code target}, {@code checks} with id, rfc, title, verdict, detail
 * and the hex bytes sent and received, and the counts).
 */
public record ProbeReport(String target, List<CheckResult> checks) {

    public ProbeReport {
        checks = List.copyOf(checks);
    }

    public long count(CheckResult.Verdict verdict) {
        return checks.stream().filter(c -> c.verdict() == verdict).count();
    }

    /** True when no check failed (skipped ones do not count against the peer). */
    public boolean passed() {
        return count(CheckResult.Verdict.FAIL) == 0;
    }

    public String text() {
        StringBuilder out = new StringBuilder("mip-aaa probe of ").append(target).append('\n');
        int idWidth = checks.stream().mapToInt(c -> c.id().length()).max().orElse(10);
        for (CheckResult c : checks) {
            out.append(String.format("%-7s %-" + idWidth + "s  %-22s %s%n", c.verdict(), c.id(), c.rfc(), c.title()));
            if (!c.detail().isEmpty()) {
                out.append(" ".repeat(8 + idWidth + 2)).append(c.detail()).append('\n');
            }
        }
        out.append(String.format("%d passed, %d failed, %d skipped%n", count(CheckResult.Verdict.PASS),
                count(CheckResult.Verdict.FAIL), count(CheckResult.Verdict.SKIPPED)));
        return out.toString();
    }

    public String json() {
        StringBuilder out = new StringBuilder("{\"target\":");
        JsonStrings.append(out, target);
        out.append(",\"passed\":").append(count(CheckResult.Verdict.PASS))
                .append(",\"failed\":").append(count(CheckResult.Verdict.FAIL))
                .append(",\"skipped\":").append(count(CheckResult.Verdict.SKIPPED))
                .append(",\"checks\":[");
        for (int i = 0; i < checks.size(); i++) {
            CheckResult c = checks.get(i);
            out.append(i == 0 ? "" : ",").append("{\"id\":");
            JsonStrings.append(out, c.id());
            out.append(",\"rfc\":");
            JsonStrings.append(out, c.rfc());
            out.append(",\"title\":");
            JsonStrings.append(out, c.title());
            out.append(",\"verdict\":\"").append(c.verdict()).append("\",\"detail\":");
            JsonStrings.append(out, c.detail());
            out.append(",\"sent\":\"").append(c.sentHex()).append("\",\"received\":\"").append(c.receivedHex()).append("\"}");
        }
        return out.append("]}\n").toString();
    }
}
