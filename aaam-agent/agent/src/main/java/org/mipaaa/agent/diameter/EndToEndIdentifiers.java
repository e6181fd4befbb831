package org.mipaaa.agent.diameter;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-End Identifiers as RFC 6733 §3 suggests: the high 12 bits the low 12 bits of the time (seconds)
 * when the generator was made, the low 20 bits counting up from a random start. The random start keeps
 * two generators made in the same second (two connections, two agents of one node) from handing out the
 * same identifiers, which a server's duplicate detection (Origin-Host + End-to-End) would answer with an
 * earlier request's answer.
 *
 * <p>Thread-safe (an atomic counter).
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class EndToEndIdentifiers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final long high = (System.currentTimeMillis() / 1000 & 0xFFF) << 20;
    private final AtomicInteger low = new AtomicInteger(RANDOM.nextInt(1 << 20));

    /** The next identifier (unsigned 32 bits). */
    public long next() {
        return high | (low.incrementAndGet() & 0xFFFFF);
    }
}
