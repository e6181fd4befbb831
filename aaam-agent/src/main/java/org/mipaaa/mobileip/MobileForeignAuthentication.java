package org.mipaaa.mobileip;

import java.util.Arrays;

/**
 * Mobile-Foreign Authentication extension, type 33 (RFC 5944 §3.5.3). When present it is the last extension (RFC 5944 §3.6.1.3 item e, §3.7.3.2).
 *
 * @param spi           Security Parameter Index (unsigned 32 bits)
 * @param authenticator the authenticator bytes
 */
public record MobileForeignAuthentication(long spi, byte[] authenticator) implements AuthenticationExtension {

    public MobileForeignAuthentication {
        authenticator = AuthenticationExtension.checked(AuthenticationKind.MOBILE_FOREIGN, spi, authenticator);
    }

    @Override
    public AuthenticationKind kind() {
        return AuthenticationKind.MOBILE_FOREIGN;
    }

    @Override
    public byte[] authenticator() {
        return authenticator.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MobileForeignAuthentication other && spi == other.spi && Arrays.equals(authenticator, other.authenticator);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(spi) * 31 + Arrays.hashCode(authenticator);
    }

    @Override
    public String toString() {
        return "MobileForeignAuthentication[spi=" + spi + ", authenticator=" + Bytes.hex(authenticator) + "]";
    }
}
