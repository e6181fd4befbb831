package org.mipaaa.mobileip;

import java.util.Arrays;

/**
 * MN-AAA Authentication extension: the Generalized Mobile IP Authentication extension, type 36, with subtype 1 (RFC 4721 §5, §6), long format (Type, Subtype, 16-bit Length). Its authenticator is computed per RFC 4721 §6 (HMAC-MD5) or, with SPI CHAP_SPI = 2, per RFC 4721 §8.
 *
 * @param spi           Security Parameter Index (unsigned 32 bits)
 * @param authenticator the authenticator bytes
 *
 * <p>Immutable, so thread-safe.
 */
public final class GeneralizedMnAaaAuthentication implements AuthenticationExtension {

    private final long spi;
    private final byte[] authenticator;

    public GeneralizedMnAaaAuthentication(long spi, byte[] authenticator) {
        authenticator = AuthenticationExtension.checked(AuthenticationKind.MN_AAA, spi, authenticator);
        this.spi = spi;
        this.authenticator = authenticator;
    }


    @Override
    public AuthenticationKind kind() {
        return AuthenticationKind.MN_AAA;
    }

    @Override
    public byte[] authenticator() {
        return authenticator.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GeneralizedMnAaaAuthentication)) {
            return false;
        }
        GeneralizedMnAaaAuthentication other = (GeneralizedMnAaaAuthentication) o;
        return spi == other.spi && Arrays.equals(authenticator, other.authenticator);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(spi) * 31 + Arrays.hashCode(authenticator);
    }

    @Override
    public String toString() {
        return "GeneralizedMnAaaAuthentication[spi=" + spi + ", authenticator=" + Bytes.hex(authenticator) + "]";
    }

    public long spi() {
        return spi;
    }
}
