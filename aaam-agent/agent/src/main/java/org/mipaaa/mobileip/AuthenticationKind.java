package org.mipaaa.mobileip;

/**
 * The four authentication extensions, each an SPI followed by an authenticator computed over the
 * message up to and including the SPI (RFC 5944 §3.5.1; RFC 4721 §6).
 *
 * <p>Immutable, so thread-safe.
 */
public enum AuthenticationKind {
    /** Type 32, RFC 5944 §3.5.2: between mobile node and home agent; authorization-enabling. */
    MOBILE_HOME(ExtensionType.MOBILE_HOME_AUTHENTICATION, 2, true),
    /** Type 33, RFC 5944 §3.5.3: between mobile node and foreign agent. */
    MOBILE_FOREIGN(ExtensionType.MOBILE_FOREIGN_AUTHENTICATION, 2, false),
    /** Type 34, RFC 5944 §3.5.4: between foreign agent and home agent. */
    FOREIGN_HOME(ExtensionType.FOREIGN_HOME_AUTHENTICATION, 2, false),
    /** Type 36 subtype 1, RFC 4721 §5-§6: between mobile node and its home AAA server; authorization-enabling. */
    MN_AAA(ExtensionType.GENERALIZED_AUTHENTICATION, 4, true);

    private final int type;
    private final int headerLength;
    private final boolean authorizationEnabling;

    AuthenticationKind(int type, int headerLength, boolean authorizationEnabling) {
        this.type = type;
        this.headerLength = headerLength;
        this.authorizationEnabling = authorizationEnabling;
    }

    /** The extension Type octet. */
    public int type() {
        return type;
    }

    /** Bytes before the SPI: Type and Length (2), or Type, Subtype and 16-bit Length (4). */
    public int headerLength() {
        return headerLength;
    }

    /** Bytes before the authenticator: the header and the 4-byte SPI. */
    public int bytesBeforeAuthenticator() {
        return headerLength + 4;
    }

    /**
     * RFC 5944 §1.6 / §3.5.2 and RFC 4721 §1: an extension that makes the message acceptable to its
     * ultimate recipient; the foreign agent forwards everything up to the last of them unchanged.
     */
    public boolean isAuthorizationEnabling() {
        return authorizationEnabling;
    }

    /** The largest authenticator the Length field can describe. */
    public int maxAuthenticatorLength() {
        return headerLength == 2 ? 255 - 4 : 0xFFFF - 4;
    }

    /** The smallest authenticator allowed: 1 byte, or 16 for MN-AAA ("Length MUST be at least 20", RFC 4721 §5). */
    public int minAuthenticatorLength() {
        return this == MN_AAA ? 16 : 1;
    }
}
