package org.mipaaa.mobileip;

import java.util.Arrays;

/**
 * Foreign-Home Authentication extension, type 34 (RFC 5944 §3.5.4). Appended last by the agent that sends it; never on deregistrations.
 *
 * @param spi           Security Parameter Index (unsigned 32 bits)
 * @param authenticator the authenticator bytes
 *
 * <p>Immutable, so thread-safe.
 */
public final class ForeignHomeAuthentication implements AuthenticationExtension {

    private final long spi;
    private final byte[] authenticator;

    public ForeignHomeAuthentication(long spi, byte[] authenticator) {
        authenticator = AuthenticationExtension.checked(AuthenticationKind.FOREIGN_HOME, spi, authenticator);
        this.spi = spi;
        this.authenticator = authenticator;
    }


    @Override
    public AuthenticationKind kind() {
        return AuthenticationKind.FOREIGN_HOME;
    }

    @Override
    public byte[] authenticator() {
        return authenticator.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ForeignHomeAuthentication)) {
            return false;
        }
        ForeignHomeAuthentication other = (ForeignHomeAuthentication) o;
        return spi == other.spi && Arrays.equals(authenticator, other.authenticator);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(spi) * 31 + Arrays.hashCode(authenticator);
    }

    @Override
    public String toString() {
        return "ForeignHomeAuthentication[spi=" + spi + ", authenticator=" + Bytes.hex(authenticator) + "]";
    }

    public long spi() {
        return spi;
    }
}
