package org.mipaaa.mobileip;

import java.util.Objects;

/**
 * An extension as found in a decoded message: its value and where its bytes are in the UDP payload.
 *
 * @param extension the decoded extension
 * @param offset    index of its Type octet in the message
 * @param length    number of bytes it takes, header included
 */
public record ExtensionField(Extension extension, int offset, int length) {

    public ExtensionField {
        Objects.requireNonNull(extension, "extension");
        if (offset < 0 || length < 1) {
            throw new IllegalArgumentException("offset " + offset + ", length " + length);
        }
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
        return extension instanceof AuthenticationExtension a && a.kind().isAuthorizationEnabling();
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
        if (extension instanceof AuthenticationExtension a) {
            return a;
        }
        throw new IllegalStateException("not an authentication extension: " + extension);
    }
}
