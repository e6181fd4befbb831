package org.mipaaa.mobileip.auth;

/**
 * How the MN-AAA authenticator is computed; the SPI of the MN-AAA Authentication extension selects
 * it (RFC 4721 §6, §8).
 *
 * <p>Immutable, so thread-safe.
 */
public enum MnAaaAlgorithm {

    /**
     * RFC 4721 §6, the default: HMAC-MD5(AAA-key, preceding Mobile IP data || Type, Subtype, Length,
     * SPI). The challenge is covered because its extension precedes this one. Any SPI outside the
     * reserved range 0-255 can select it.
     */
    HMAC_MD5,

    /**
     * RFC 4721 §8, selected by SPI {@link #CHAP_SPI}: the RADIUS-style
     * MD5(challenge[0] || AAA-key || MD5(preceding Mobile IP data || Type, Subtype, Length, SPI) ||
     * the least-order 237 octets of the challenge). Less secure than HMAC-MD5; MUST be avoided where
     * possible (RFC 4721 §12).
     */
    CHAP_MD5;

    /** CHAP_SPI, default value 2 (RFC 4721 §9, IANA-assigned reserved SPI, §11). */
    public static final long CHAP_SPI = 2;

    /**
     * The algorithm an SPI selects with the RFC 4721 conventions: {@link #CHAP_SPI} selects
     * {@link #CHAP_MD5}; SPIs 256 and above select {@link #HMAC_MD5}.
     *
     * @throws IllegalArgumentException for another reserved SPI (0-255)
     */
    public static MnAaaAlgorithm forSpi(long spi) {
        if (spi == CHAP_SPI) {
            return CHAP_MD5;
        }
        if (spi >= MobilitySecurityAssociation.FIRST_UNRESERVED_SPI && spi <= 0xFFFF_FFFFL) {
            return HMAC_MD5;
        }
        throw new IllegalArgumentException("SPI " + spi + " is reserved and selects no MN-AAA algorithm (RFC 4721 §7)");
    }
}
