package org.mipaaa.mobileip.auth;

import java.util.Arrays;
import java.util.Objects;
import org.mipaaa.mobileip.AuthenticationKey;

/**
 * One side of a Mobility Security Association (RFC 5944 §1.6, §3.2): the SPI, the transform and
 * the key that compute or check the Mobile-Home, Mobile-Foreign or Foreign-Home authenticator
 * (RFC 5944 §3.5.1: over the UDP payload, all prior extensions, and this extension's Type, Length
 * and SPI).
 *
 * <p>RFC 4004 §8: the receiver of the authenticated messages chooses the SPI, so the two directions
 * between two nodes share a key but may have different SPIs.
 *
 * @param spi       256..2^32-1 (0-255 are reserved, RFC 5944 §1.6)
 * @param algorithm the transform
 * @param key       the shared key (arbitrary binary, RFC 5944 §5.1)
 *
 * <p>Immutable, so thread-safe.
 */
public final class MobilitySecurityAssociation implements AuthenticationKey {

    private final long spi;
    private final AuthAlgorithm algorithm;
    private final byte[] key;

    public MobilitySecurityAssociation(long spi, AuthAlgorithm algorithm, byte[] key) {
        if (spi < FIRST_UNRESERVED_SPI || spi > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SPI " + spi + " is reserved or out of range (RFC 5944 §1.6)");
        }
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("empty key");
        }
        key = key.clone();
        this.spi = spi;
        this.algorithm = algorithm;
        this.key = key;
    }


    /** RFC 5944 §1.6: SPI values 0 through 255 are reserved. */
    public static final long FIRST_UNRESERVED_SPI = 256;

    /** An HMAC-MD5 association, the RFC 5944 default. */
    public static MobilitySecurityAssociation hmacMd5(long spi, byte[] key) {
        return new MobilitySecurityAssociation(spi, AuthAlgorithm.HMAC_MD5, key);
    }

    public byte[] key() {
        return key.clone();
    }

    @Override
    public int authenticatorLength() {
        return algorithm.length();
    }

    @Override
    public byte[] authenticator(byte[] message, int protectedLength) {
        return algorithm.compute(key, message, protectedLength);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MobilitySecurityAssociation)) {
            return false;
        }
        MobilitySecurityAssociation other = (MobilitySecurityAssociation) o;
        return spi == other.spi && algorithm == other.algorithm
                && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(spi) * 31 + algorithm.hashCode();
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "MobilitySecurityAssociation[spi=" + spi + ", algorithm=" + algorithm + "]";
    }

    public long spi() {
        return spi;
    }

    public AuthAlgorithm algorithm() {
        return algorithm;
    }
}
