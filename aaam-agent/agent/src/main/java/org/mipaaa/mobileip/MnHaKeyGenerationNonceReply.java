package org.mipaaa.mobileip;

import java.util.Arrays;

/**
 * MN-HA Key Generation Nonce From AAA: the Generalized MN-HA Key Generation Nonce Reply extension,
 * type 43 (not skippable), subtype 1 (RFC 3957 §6.4, figures 5 and 6), long format:
 *
 * <pre>
 * Type=43 | Subtype=1 | Length (16) | Lifetime (32) | AAA SPI (32) | HA SPI (32) | Algorithm Identifier (16) | Replay Method (16) | Key Generation Nonce
 * </pre>
 *
 * Length counts the Lifetime and the subtype data: 4 + 12 + the nonce. It MUST come before the
 * Mobile-Home Authentication extension of the reply, which is computed with the new key
 * (RFC 3957 §3; RFC 4004 §8.3).
 *
 * @param lifetime            seconds the MN-HA key is valid
 * @param aaaSpi              the SPI of the mobile node's AAA security association
 * @param haSpi               the SPI of the new MN-HA security association
 * @param algorithmIdentifier the transform for later Mobile-Home authenticators (RFC 3957 §4):
 *                            1 HMAC-MD5, 2 HMAC-SHA1 (RFC 4004 §9.8 MIP-Algorithm-Type)
 * @param replayMethod        {@link #REPLAY_TIMESTAMPS} or {@link #REPLAY_NONCES} (RFC 3957 §4)
 * @param nonce               the key generation nonce, at least 16 bytes
 *
 * <p>Immutable, so thread-safe.
 */
public final class MnHaKeyGenerationNonceReply implements Extension {

    private final long lifetime;
    private final long aaaSpi;
    private final long haSpi;
    private final int algorithmIdentifier;
    private final int replayMethod;
    private final byte[] nonce;

    public MnHaKeyGenerationNonceReply(long lifetime, long aaaSpi, long haSpi, int algorithmIdentifier, int replayMethod, byte[] nonce) {
        Bytes.checkU32(lifetime, "lifetime");
        Bytes.checkU32(aaaSpi, "aaaSpi");
        Bytes.checkU32(haSpi, "haSpi");
        Bytes.checkU16(algorithmIdentifier, "algorithmIdentifier");
        Bytes.checkU16(replayMethod, "replayMethod");
        nonce = Bytes.copy(nonce, "nonce");
        if (nonce.length < MnFaKeyGenerationNonceReply.MIN_NONCE_LENGTH || nonce.length > 0xFFFF - 16) {
            throw new IllegalArgumentException("a key generation nonce must be at least 16 bytes, not " + nonce.length);
        }
        this.lifetime = lifetime;
        this.aaaSpi = aaaSpi;
        this.haSpi = haSpi;
        this.algorithmIdentifier = algorithmIdentifier;
        this.replayMethod = replayMethod;
        this.nonce = nonce;
    }


    /** Replay Method 2: timestamps (RFC 3957 §4, RFC 5944 §5.7.1). */
    public static final int REPLAY_TIMESTAMPS = 2;
    /** Replay Method 3: nonces (RFC 3957 §4, RFC 5944 §5.7.2). */
    public static final int REPLAY_NONCES = 3;

    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public int type() {
        return ExtensionType.MN_HA_KEY_GENERATION_NONCE_REPLY;
    }

    @Override
    public int encodedLength() {
        return 4 + 16 + nonce.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MnHaKeyGenerationNonceReply)) {
            return false;
        }
        MnHaKeyGenerationNonceReply other = (MnHaKeyGenerationNonceReply) o;
        return lifetime == other.lifetime
                && aaaSpi == other.aaaSpi && haSpi == other.haSpi
                && algorithmIdentifier == other.algorithmIdentifier && replayMethod == other.replayMethod
                && Arrays.equals(nonce, other.nonce);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lifetime ^ (aaaSpi << 7) ^ (haSpi << 13)) * 31 + algorithmIdentifier * 17
                + replayMethod * 7 + Arrays.hashCode(nonce);
    }

    @Override
    public String toString() {
        return "MnHaKeyGenerationNonceReply[lifetime=" + lifetime + ", aaaSpi=" + aaaSpi + ", haSpi=" + haSpi
                + ", algorithmIdentifier=" + algorithmIdentifier + ", replayMethod=" + replayMethod
                + ", nonce=" + Bytes.hex(nonce) + "]";
    }

    public long lifetime() {
        return lifetime;
    }

    public long aaaSpi() {
        return aaaSpi;
    }

    public long haSpi() {
        return haSpi;
    }

    public int algorithmIdentifier() {
        return algorithmIdentifier;
    }

    public int replayMethod() {
        return replayMethod;
    }
}
