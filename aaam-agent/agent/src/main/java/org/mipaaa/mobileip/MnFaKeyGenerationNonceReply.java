package org.mipaaa.mobileip;

import java.util.Arrays;

/**
 * MN-FA Key Generation Nonce From AAA: the Generalized MN-FA Key Generation Nonce Reply extension,
 * type 41 (not skippable), subtype 1 (RFC 3957 §6.2, figure 3), long format:
 *
 * <pre>
 * Type=41 | Subtype=1 | Length (16) | Lifetime (32) | AAA SPI (32) | FA SPI (32) | Algorithm Identifier (16) | Key Generation Nonce
 * </pre>
 *
 * Length counts the subtype data only: 14 + the nonce. It MUST come before the Mobile-Foreign
 * Authentication extension of the reply.
 *
 * @param lifetime            seconds the keying material is valid
 * @param aaaSpi              the SPI of the mobile node's AAA security association (selects the
 *                            key derivation transform, RFC 3957 §5)
 * @param faSpi               the SPI of the new MN-FA security association
 * @param algorithmIdentifier the transform for later Mobile-Foreign authenticators, from the IPsec
 *                            "Authentication Algorithm" registry (RFC 3957 §4): 1 HMAC-MD5, 2 HMAC-SHA1
 * @param nonce               the key generation nonce, at least 16 bytes (128 bits, RFC 3957 §5)
 *
 * <p>Immutable, so thread-safe.
 */
public final class MnFaKeyGenerationNonceReply implements Extension {

    private final long lifetime;
    private final long aaaSpi;
    private final long faSpi;
    private final int algorithmIdentifier;
    private final byte[] nonce;

    public MnFaKeyGenerationNonceReply(long lifetime, long aaaSpi, long faSpi, int algorithmIdentifier, byte[] nonce) {
        Bytes.checkU32(lifetime, "lifetime");
        Bytes.checkU32(aaaSpi, "aaaSpi");
        Bytes.checkU32(faSpi, "faSpi");
        Bytes.checkU16(algorithmIdentifier, "algorithmIdentifier");
        nonce = Bytes.copy(nonce, "nonce");
        if (nonce.length < MIN_NONCE_LENGTH || nonce.length > 0xFFFF - 14) {
            throw new IllegalArgumentException("a key generation nonce must be at least 16 bytes, not " + nonce.length);
        }
        this.lifetime = lifetime;
        this.aaaSpi = aaaSpi;
        this.faSpi = faSpi;
        this.algorithmIdentifier = algorithmIdentifier;
        this.nonce = nonce;
    }


    /** RFC 3957 §5: "a random value of at least 128 bits". */
    public static final int MIN_NONCE_LENGTH = 16;

    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public int type() {
        return ExtensionType.MN_FA_KEY_GENERATION_NONCE_REPLY;
    }

    @Override
    public int encodedLength() {
        return 4 + 14 + nonce.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MnFaKeyGenerationNonceReply)) {
            return false;
        }
        MnFaKeyGenerationNonceReply other = (MnFaKeyGenerationNonceReply) o;
        return lifetime == other.lifetime
                && aaaSpi == other.aaaSpi && faSpi == other.faSpi
                && algorithmIdentifier == other.algorithmIdentifier && Arrays.equals(nonce, other.nonce);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lifetime ^ (aaaSpi << 7) ^ (faSpi << 13)) * 31 + algorithmIdentifier * 17
                + Arrays.hashCode(nonce);
    }

    @Override
    public String toString() {
        return "MnFaKeyGenerationNonceReply[lifetime=" + lifetime + ", aaaSpi=" + aaaSpi + ", faSpi=" + faSpi
                + ", algorithmIdentifier=" + algorithmIdentifier + ", nonce=" + Bytes.hex(nonce) + "]";
    }

    public long lifetime() {
        return lifetime;
    }

    public long aaaSpi() {
        return aaaSpi;
    }

    public long faSpi() {
        return faSpi;
    }

    public int algorithmIdentifier() {
        return algorithmIdentifier;
    }
}
