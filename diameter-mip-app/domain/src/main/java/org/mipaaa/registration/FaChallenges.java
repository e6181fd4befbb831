package org.mipaaa.registration;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** Oldest first; past {@value #MAX_OUTSTANDING} the oldest goes (a flood of requests cannot grow it). */
    private final Map<String, Instant> issued = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_OUTSTANDING;
        }
    };
    private final SecureRandom random = new SecureRandom();
    private final Duration validity;
    private final Clock clock;

    public FaChallenges(Duration validity, Clock clock) {
        this.validity = validity;
        this.clock = clock;
    }

    /** A new challenge to advertise, or to put in a Registration Reply (RFC 4721 §3.3). */
    public byte[] issue() {
        byte[] challenge = new byte[LENGTH];
        random.nextBytes(challenge);
        Instant now = clock.instant();
        synchronized (issued) {
            issued.put(HexFormat.of().formatHex(challenge), now);
        }
        return challenge;
    }

    /** Takes a challenge back: FRESH once if this agent issued it within the window. */
    public Verdict redeem(byte[] challenge) {
        Instant issuedAt;
        synchronized (issued) {
            issuedAt = issued.remove(HexFormat.of().formatHex(challenge));
        }
        if (issuedAt == null) {
            return Verdict.UNKNOWN;
        }
        return clock.instant().isAfter(issuedAt.plus(validity)) ? Verdict.STALE : Verdict.FRESH;
    }
}
