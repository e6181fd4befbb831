package org.mipaaa.mobileip;

import java.util.Objects;

/**
 * An extension as found in a decoded message: its value and where its bytes are in the UDP payload.
 *
 * @param extension the decoded extension
 * @param offset    index of its Type octet in the message
 * @param length    number of bytes it takes, header included
 *
 * <p>Immutable, so thread-safe.
 */
public final class ExtensionField {

    private final Extension extension;
    private final int offset;
    private final int length;

    public ExtensionField(Extension extension, int offset, int length) {
        Objects.requireNonNull(extension, "extension");
        if (offset < 0 || length < 1) {
            throw new IllegalArgumentException("offset " + offset + ", length " + length);
        }
        this.extension = extension;
        this.offset = offset;
        this.length = length;
    }


    /** Index just past this extension. */
    public int end() {
        return offset + length;
    }

    public int type() {
        return extension.type();
    }

    /** Whether this is one of the four authentication extensions. */
    public boolean isAuthentication() {
        return extension instanceof AuthenticationExtension;
    }

    /** Whether this is an authorization-enabling extension (Mobile-Home or MN-AAA authentication). */
    public boolean isAuthorizationEnabling() {
        if (!(extension instanceof AuthenticationExtension)) {
            return false;
        }
        AuthenticationExtension a = (AuthenticationExtension) extension;
        return a.kind().isAuthorizationEnabling();
    }

    /**
     * Index of the authenticator in the message. Everything before it — the fixed part, all prior
     * extensions, and this extension's Type, (Subtype,) Length and SPI — is what the authenticator
     * protects (RFC 5944 §3.5.1, RFC 4721 §6). It is also the RFC 4004 §7.6.2
     * MIP-Auth-Input-Data-Length and, for MN-AAA, the §7.6.4 MIP-Authenticator-Offset.
     *
     * @throws IllegalStateException if this is not an authentication extension
     */
    public int authenticatorOffset() {
        return offset + authentication().kind().bytesBeforeAuthenticator();
    }

    /** Number of authenticator bytes (RFC 4004 §7.6.3 MIP-Authenticator-Length). */
    public int authenticatorLength() {
        return end() - authenticatorOffset();
    }

    /** This field's extension as an authentication extension. */
    public AuthenticationExtension authentication() {
        if (extension instanceof AuthenticationExtension) {
            AuthenticationExtension a = (AuthenticationExtension) extension;
            return a;
        }
        throw new IllegalStateException("not an authentication extension: " + extension);
    }

    public Extension extension() {
        return extension;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ExtensionField)) {
            return false;
        }
        ExtensionField other = (ExtensionField) o;
        return java.util.Objects.equals(extension, other.extension)
                && offset == other.offset
                && length == other.length;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(extension, offset, length);
    }

    @Override
    public String toString() {
        return "ExtensionField[" + "extension=" + extension + ", " + "offset=" + offset + ", " + "length=" + length + "]";
    }
}
