package org.mipaaa.mobileip;

import java.util.Arrays;

/**
 * MN-FA Challenge extension, type 132, skippable (RFC 4721 §4): {@code Type | Length | Challenge},
 * the challenge copied from the foreign agent's advertisement. In a request it precedes the MN-AAA
 * and the Mobile-Foreign Authentication extensions (RFC 4721 §3.1), so both authenticators cover it.
 *
 * @param challenge 1..255 bytes (the RFC says it SHOULD be at least 4)
 *
 * <p>Immutable, so thread-safe.
 */
public final class MnFaChallenge implements Extension {

    private final byte[] challenge;

    public MnFaChallenge(byte[] challenge) {
        challenge = Bytes.copy(challenge, "challenge");
        if (challenge.length < 1 || challenge.length > 255) {
            throw new IllegalArgumentException("a challenge must be 1..255 bytes, not " + challenge.length);
        }
        this.challenge = challenge;
    }


    public byte[] challenge() {
        return challenge.clone();
    }

    @Override
    public int type() {
        return ExtensionType.MN_FA_CHALLENGE;
    }

    @Override
    public int encodedLength() {
        return 2 + challenge.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MnFaChallenge)) {
            return false;
        }
        MnFaChallenge other = (MnFaChallenge) o;
        return Arrays.equals(challenge, other.challenge);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(challenge);
    }

    @Override
    public String toString() {
        return "MnFaChallenge[" + Bytes.hex(challenge) + "]";
    }
}
