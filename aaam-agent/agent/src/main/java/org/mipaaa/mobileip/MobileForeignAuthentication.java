package org.mipaaa.mobileip;

import java.util.Arrays;

/**
 * Mobile-Foreign Authentication extension, type 33 (RFC 5944 §3.5.3). When present it is the last extension (RFC 5944 §3.6.1.3 item e, §3.7.3.2).
 *
 * @param spi           Security Parameter Index (unsigned 32 bits)
 * @param authenticator the authenticator bytes
 *
 * <p>Immutable, so thread-safe.
 */
public final class MobileForeignAuthentication implements AuthenticationExtension {

    private final long spi;
    private final byte[] authenticator;

    public MobileForeignAuthentication(long spi, byte[] authenticator) {
        authenticator = AuthenticationExtension.checked(AuthenticationKind.MOBILE_FOREIGN, spi, authenticator);
        this.spi = spi;
        this.authenticator = authenticator;
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
        if (!(o instanceof MobileForeignAuthentication)) {
            return false;
        }
        MobileForeignAuthentication other = (MobileForeignAuthentication) o;
        return spi == other.spi && Arrays.equals(authenticator, other.authenticator);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(spi) * 31 + Arrays.hashCode(authenticator);
    }

    @Override
    public String toString() {
        return "MobileForeignAuthentication[spi=" + spi + ", authenticator=" + Bytes.hex(authenticator) + "]";
    }

    public long spi() {
        return spi;
    }
}
