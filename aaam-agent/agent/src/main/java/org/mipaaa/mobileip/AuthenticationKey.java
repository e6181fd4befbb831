package org.mipaaa.mobileip;

/**
 * What computes the authenticator of one authentication extension: an SPI and a keyed function
 * over the protected bytes. Implemented in {@code org.mipaaa.mobileip.auth} by the mobility
 * security associations of RFC 5944 §3.5.1 / §5.1 and the MN-AAA credentials of RFC 4721 §6, §8.
 *
 * <p>Implementations should be immutable: the keys of this library are.
 */
public interface AuthenticationKey {

    /** The SPI written in the extension (unsigned 32 bits). */
    long spi();

    /** Number of bytes {@link #authenticator} returns (it goes in the extension's Length field). */
    int authenticatorLength();

    /**
     * The authenticator over {@code message[0, protectedLength)}: the UDP payload up to and
     * including the extension's Type, (Subtype,) Length and SPI (RFC 5944 §3.5.1, RFC 4721 §6).
     */
    byte[] authenticator(byte[] message, int protectedLength);
}
