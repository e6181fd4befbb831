package org.mipaaa.registration;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The challenges a foreign agent advertises (RFC 4721 §3; seed S101) and takes back once (S103: "checks
 * whether it is the challenge value sent by the foreign agent itself"): each is random, 16 octets,
 * valid for a window after it was advertised, and good for one registration only, so a captured
 * request cannot be replayed.
 */
public final class FaChallenges {

    /** What became of a challenge a registration request carries (RFC 4721 §3.2). */
    public enum Verdict { FRESH, UNKNOWN, STALE }

    private static final int LENGTH = 16;
    private static final int MAX_OUTSTANDING = 100_000;

    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration validity;
    private final Clock clock;

    public FaChallenges(Duration validity, Clock clock) {
        this.validity = validity;
        this.clock = clock;
    }

    /** A new challenge to advertise. */
    public byte[] issue() {
        byte[] challenge = new byte[LENGTH];
        random.nextBytes(challenge);
        Instant now = clock.instant();
        if (issued.size() >= MAX_OUTSTANDING) {
            forgetOlderThan(now.minus(validity));
        }
        issued.put(HexFormat.of().formatHex(challenge), now);
        return challenge;
    }

    /** Takes a challenge back: FRESH once if this agent issued it within the window. */
    public Verdict redeem(byte[] challenge) {
        Instant issuedAt = issued.remove(HexFormat.of().formatHex(challenge));
        if (issuedAt == null) {
            return Verdict.UNKNOWN;
        }
        return clock.instant().isAfter(issuedAt.plus(validity)) ? Verdict.STALE : Verdict.FRESH;
    }

    private void forgetOlderThan(Instant limit) {
        for (Iterator<Map.Entry<String, Instant>> it = issued.entrySet().iterator(); it.hasNext();) {
            if (it.next().getValue().isBefore(limit)) {
                it.remove();
            }
        }
    }
}
