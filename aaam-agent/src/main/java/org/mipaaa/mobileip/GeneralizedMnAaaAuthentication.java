package org.mipaaa.mobileip;

import java.util.Arrays;

/**
 * MN-AAA Authentication extension: the Generalized Mobile IP Authentication extension, type 36, with subtype 1 (RFC 4721 §5, §6), long format (Type, Subtype, 16-bit Length). Its authenticator is computed per RFC 4721 §6 (HMAC-MD5) or, with SPI CHAP_SPI = 2, per RFC 4721 §8.
 *
 * @param spi           Security Parameter Index (unsigned 32 bits)
 * @param authenticator the authenticator bytes
 */
public record GeneralizedMnAaaAuthentication(long spi, byte[] authenticator) implements AuthenticationExtension {

    public GeneralizedMnAaaAuthentication {
        authenticator = AuthenticationExtension.checked(AuthenticationKind.MN_AAA, spi, authenticator);
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
        return o instanceof GeneralizedMnAaaAuthentication other && spi == other.spi && Arrays.equals(authenticator, other.authenticator);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(spi) * 31 + Arrays.hashCode(authenticator);
    }

    @Override
    public String toString() {
        return "GeneralizedMnAaaAuthentication[spi=" + spi + ", authenticator=" + Bytes.hex(authenticator) + "]";
    }
}
