package org.mipaaa.mobileip;

/**
 * An extension made of an SPI and an authenticator (RFC 5944 §3.5.2-§3.5.4, RFC 4721 §5-§6). The
 * authenticator covers the UDP payload up to and including this extension's SPI (RFC 5944 §3.5.1);
 * {@link ExtensionField#authenticatorOffset()} says where that is in a decoded message.
 *
 * <p>Its implementations are immutable, so thread-safe.
 */
public interface AuthenticationExtension extends Extension {

    AuthenticationKind kind();

    /** Security Parameter Index, unsigned 32 bits. */
    long spi();

    /** A copy of the authenticator bytes. */
    byte[] authenticator();

    @Override
    default int type() {
        return kind().type();
    }

    @Override
    default int encodedLength() {
        return kind().bytesBeforeAuthenticator() + authenticator().length;
    }

    /** Checks the SPI and authenticator of a new authentication extension record. */
    static byte[] checked(AuthenticationKind kind, long spi, byte[] authenticator) {
        Bytes.checkU32(spi, "SPI");
        byte[] copy = Bytes.copy(authenticator, "authenticator");
        if (copy.length < kind.minAuthenticatorLength() || copy.length > kind.maxAuthenticatorLength()) {
            throw new IllegalArgumentException(kind + " authenticator must be " + kind.minAuthenticatorLength()
                    + ".." + kind.maxAuthenticatorLength() + " bytes, not " + copy.length);
        }
        return copy;
    }
}
