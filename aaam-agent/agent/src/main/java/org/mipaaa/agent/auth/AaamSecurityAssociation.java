package org.mipaaa.agent.auth;

import java.util.Arrays;
import java.util.Objects;

/**
 * The security association between a mobile node's AAAM and its AAAH (docs/PROTOCOL.md §3): the NAI it
 * belongs to, the AAAM-SPI that selects it, and the HMAC-SHA-256 key ({@link AaamKeys#derive}).
 *
 * @param nai the mobile node's NAI; the only User-Name the AAAH accepts under this association
 * @param spi the AAAM-SPI, 256 or more (0-255 are reserved)
 * @param key the AAAM key, at least 32 octets
 *
 * <p>Immutable, so thread-safe.
 */
public final class AaamSecurityAssociation {

    private final String nai;
    private final long spi;
    private final byte[] key;

    public AaamSecurityAssociation(String nai, long spi, byte[] key) {
        Objects.requireNonNull(nai, "nai");
        if (nai.isEmpty()) {
            throw new IllegalArgumentException("empty NAI");
        }
        if (spi < FIRST_UNRESERVED_SPI || spi > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("AAAM-SPI must be 256..2^32-1, not " + spi);
        }
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("an AAAM key has at least " + MIN_KEY_LENGTH + " octets, not " + key.length);
        }
        key = key.clone();
        this.nai = nai;
        this.spi = spi;
        this.key = key;
    }


    /** SPI values below this are reserved (PROTOCOL §3). */
    public static final long FIRST_UNRESERVED_SPI = 256;
    /** HMAC-SHA-256 keys of fewer octets are refused (PROTOCOL §3: at least 256 bits). */
    public static final int MIN_KEY_LENGTH = 32;

    /** The association of {@code nai} under {@code spi}, its key derived from the MN-AAA key ({@link AaamKeys#derive}). */
    public static AaamSecurityAssociation fromMnAaaKey(String nai, long spi, byte[] mnAaaKey) {
        return new AaamSecurityAssociation(nai, spi, AaamKeys.derive(mnAaaKey, nai, spi));
    }

    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AaamSecurityAssociation)) {
            return false;
        }
        AaamSecurityAssociation other = (AaamSecurityAssociation) o;
        return spi == other.spi && nai.equals(other.nai)
                && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nai, spi);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "AaamSecurityAssociation[nai=" + nai + ", spi=" + spi + "]";
    }

    public String nai() {
        return nai;
    }

    public long spi() {
        return spi;
    }
}
