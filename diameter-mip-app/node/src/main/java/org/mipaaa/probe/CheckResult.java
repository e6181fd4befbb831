package org.mipaaa.probe;

import java.util.HexFormat;
import java.util.Objects;

/**
 * One check of a probe run: what was checked and under which RFC section, the verdict and why, and
 * the bytes of the request sent and of the answer received (empty when there were none), so a lab can
 * decode them with its own tools.
 *
 * @param id       a stable name (the JSON key a lab's scripts match on)
 * @param rfc      the RFC section the peer's behaviour is judged by (for our vendor application: docs/PROTOCOL.md's)
 * @param title    what the peer should do, in a sentence
 * @param verdict  the outcome
 * @param detail   what was seen: the reason of a failure, the facts of a pass
 */
public record CheckResult(String id, String rfc, String title, Verdict verdict, String detail, byte[] sent, byte[] received) {

    /** How a check came out. */
    public enum Verdict {
        PASS, FAIL,
        /** Not run: not for this kind of peer, or an earlier check it depends on failed. */
        SKIPPED
    }

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(verdict, "verdict");
        sent = sent == null ? new byte[0] : sent.clone();
        received = received == null ? new byte[0] : received.clone();
    }

    public String sentHex() {
        return HexFormat.of().formatHex(sent);
    }

    public String receivedHex() {
        return HexFormat.of().formatHex(received);
    }
}
