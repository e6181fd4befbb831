package org.mipaaa.trace;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.json.JsonStrings;

/** Renders trace events as one readable line or as one JSON object (JSON lines). */
public final class TraceFormat {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private TraceFormat() {
    }

    /** {@code 10:00:01.123 [S104] aaaf.visited.example -> aaah.home.example  AMR  sid=... } */
    public static String line(TraceEvent e) {
        StringBuilder b = new StringBuilder(160);
        b.append(CLOCK.format(e.time())).append(' ');
        b.append(String.format("%-7s", e.step() == null ? "" : "[" + e.step() + "]"));
        b.append(String.format("%-24s -> %-24s ", e.from(), e.to()));
        b.append(String.format("%-5s", e.command()));
        if (e.retransmit()) {
            b.append(" (T)");
        }
        if (e.resultCode() != null) {
            b.append("  ").append(e.resultCode()).append(' ').append(ResultCodes.name(e.resultCode().intValue()));
        }
        if (e.failedAvp() != null) {
            b.append("  Failed-AVP=").append(e.failedAvp());
        }
        if (e.sessionId() != null) {
            b.append("  sid=").append(e.sessionId());
        }
        return b.toString();
    }

    public static String json(TraceEvent e) {
        StringBuilder b = new StringBuilder(256).append('{');
        field(b, "time", e.time().toString()).append(',');
        field(b, "from", e.from()).append(',');
        field(b, "to", e.to()).append(',');
        field(b, "command", e.command()).append(',');
        b.append("\"request\":").append(e.request()).append(',');
        b.append("\"error\":").append(e.error()).append(',');
        b.append("\"retransmit\":").append(e.retransmit()).append(',');
        b.append("\"application\":").append(e.application()).append(',');
        b.append("\"hopByHop\":").append(e.hopByHop()).append(',');
        b.append("\"endToEnd\":").append(e.endToEnd());
        if (e.sessionId() != null) {
            field(b.append(','), "sessionId", e.sessionId());
        }
        if (e.resultCode() != null) {
            b.append(",\"resultCode\":").append(e.resultCode());
        }
        if (e.failedAvp() != null) {
            b.append(",\"failedAvp\":").append(e.failedAvp());
        }
        if (e.step() != null) {
            field(b.append(','), "step", e.step());
        }
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":");
        return value == null ? b.append("null") : JsonStrings.append(b, value);
    }
}
