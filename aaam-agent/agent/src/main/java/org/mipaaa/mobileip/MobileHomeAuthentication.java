package org.mipaaa.mobileip;

import java.util.Arrays;

/**
 * Mobile-Home Authentication extension, type 32 (RFC 5944 §3.5.2). Always authorization-enabling; it MUST be the first authentication extension of a request (RFC 5944 §3.2).
 *
 * @param spi           Security Parameter Index (unsigned 32 bits)
 * @param authenticator the authenticator bytes
 *
 * <p>Immutable, so thread-safe.
 */
public final class MobileHomeAuthentication implements AuthenticationExtension {

    private final long spi;
    private final byte[] authenticator;

    public MobileHomeAuthentication(long spi, byte[] authenticator) {
        authenticator = AuthenticationExtension.checked(AuthenticationKind.MOBILE_HOME, spi, authenticator);
        this.spi = spi;
        this.authenticator = authenticator;
    }


    @Override
    public AuthenticationKind kind() {
        return AuthenticationKind.MOBILE_HOME;
    }

    @Override
    public byte[] authenticator() {
        return authenticator.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MobileHomeAuthentication)) {
            return false;
        }
        MobileHomeAuthentication other = (MobileHomeAuthentication) o;
        return spi == other.spi && Arrays.equals(authenticator, other.authenticator);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(spi) * 31 + Arrays.hashCode(authenticator);
    }

    @Override
    public String toString() {
        return "MobileHomeAuthentication[spi=" + spi + ", authenticator=" + Bytes.hex(authenticator) + "]";
    }

    public long spi() {
        return spi;
    }
}
