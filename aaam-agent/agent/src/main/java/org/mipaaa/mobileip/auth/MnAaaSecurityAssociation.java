package org.mipaaa.mobileip.auth;

import java.util.Arrays;
import java.util.Objects;
import org.mipaaa.mobileip.AuthenticationKey;

/**
 * The AAA Security Association between a mobile node and its home AAA server (RFC 3957 §2,
 * RFC 4721 §6): the SPI of the MN-AAA Authentication extension, the algorithm it selects, and the
 * AAA-key. The same AAA-key derives the MN-HA and MN-FA keys ({@link KeyDerivation}).
 *
 * @param spi       {@link MnAaaAlgorithm#CHAP_SPI} (or another reserved SPI configured as CHAP_SPI)
 *                  for {@link MnAaaAlgorithm#CHAP_MD5}; 256 or more for {@link MnAaaAlgorithm#HMAC_MD5}
 * @param algorithm the computation
 * @param key       the AAA-key
 *
 * <p>Immutable, so thread-safe.
 */
public final class MnAaaSecurityAssociation {

    private final long spi;
    private final MnAaaAlgorithm algorithm;
    private final byte[] key;

    public MnAaaSecurityAssociation(long spi, MnAaaAlgorithm algorithm, byte[] key) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (spi < 0 || spi > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SPI out of range: " + spi);
        }
        if (algorithm == MnAaaAlgorithm.HMAC_MD5 && spi < MobilitySecurityAssociation.FIRST_UNRESERVED_SPI) {
            throw new IllegalArgumentException("HMAC-MD5 MN-AAA needs an SPI outside 0-255 (RFC 4721 §6)");
        }
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("empty AAA-key");
        }
        key = key.clone();
        this.spi = spi;
        this.algorithm = algorithm;
        this.key = key;
    }


    /**
     * The challenge used where there is no foreign agent challenge (co-located care-of address):
     * RFC 4721 §3.5 and §8 say "the Challenge value 0"; this implementation reads it as one zero octet.
     */
    public static final byte[] COLOCATED_CHALLENGE = {0};

    /** The association whose algorithm {@code spi} selects by the RFC 4721 conventions. */
    public static MnAaaSecurityAssociation of(long spi, byte[] key) {
        return new MnAaaSecurityAssociation(spi, MnAaaAlgorithm.forSpi(spi), key);
    }

    public byte[] key() {
        return key.clone();
    }

    /**
     * What computes the MN-AAA authenticator of a request answering {@code challenge} (the value of
     * its MN-FA Challenge extension; {@link #COLOCATED_CHALLENGE} when there is none). HMAC-MD5
     * ignores it here: the challenge extension is part of the data it covers.
     */
    public AuthenticationKey forChallenge(byte[] challenge) {
        byte[] c = Objects.requireNonNull(challenge, "challenge").clone();
        if (algorithm == MnAaaAlgorithm.CHAP_MD5 && c.length == 0) {
            throw new IllegalArgumentException("CHAP-style MN-AAA needs a non-empty challenge (RFC 4721 §8)");
        }
        return new AuthenticationKey() {
            @Override
            public long spi() {
                return spi;
            }

            @Override
            public int authenticatorLength() {
                return 16;
            }

            @Override
            public byte[] authenticator(byte[] message, int protectedLength) {
                return Authenticators.mnAaaAuthenticator(algorithm, key, c, message, protectedLength);
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MnAaaSecurityAssociation)) {
            return false;
        }
        MnAaaSecurityAssociation other = (MnAaaSecurityAssociation) o;
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
        return "MnAaaSecurityAssociation[spi=" + spi + ", algorithm=" + algorithm + "]";
    }

    public long spi() {
        return spi;
    }

    public MnAaaAlgorithm algorithm() {
        return algorithm;
    }
}
