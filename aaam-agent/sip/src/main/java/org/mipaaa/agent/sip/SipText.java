package org.mipaaa.agent.sip;

/**
 * What may go into a SIP header this package writes (RFC 3261 §25.1): a SIP or SIPS URI of the
 * characters its grammar allows, a header value without CR, LF or NUL, each of bounded length, so no
 * value given by a caller or taken from a peer's message can end a header line and start another
 * (header injection).
 */
final class SipText {

    /** The longest URI accepted: far above any real one, well below a datagram. */
    static final int MAX_URI_LENGTH = 512;
    /** The longest header value accepted, from a caller or a peer. */
    static final int MAX_HEADER_VALUE_LENGTH = 1024;

    private SipText() {
    }

    /** {@code uri} if it is a sip: or sips: URI of RFC 3261 characters only (no space, no angle bracket, no quote); else throws. */
    static String requireUri(String uri, String what) {
        if (!isUri(uri)) {
            throw new IllegalArgumentException(what + " is not a SIP URI of RFC 3261 characters (1.." + MAX_URI_LENGTH
                    + " octets, sip: or sips:)");
        }
        return uri;
    }

    /** Whether {@code uri} is a sip: or sips: URI of RFC 3261 characters, at most {@link #MAX_URI_LENGTH} long. */
    static boolean isUri(String uri) {
        if (uri == null || uri.length() > MAX_URI_LENGTH) {
            return false;
        }
        String lower = uri.toLowerCase(java.util.Locale.ROOT);
        int scheme = lower.startsWith("sip:") ? 4 : lower.startsWith("sips:") ? 5 : -1;
        if (scheme < 0 || uri.length() == scheme) {
            return false;
        }
        for (int i = scheme; i < uri.length(); i++) {
            if (!uriCharacter(uri.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** unreserved, reserved and escaped of RFC 3261 §25.1, plus the brackets of an IPv6 reference. */
    private static boolean uriCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.!~*'()%;/?:@&=+$,[]".indexOf(c) >= 0;
    }

    /** Whether {@code value} can be written as a header value: no CR, LF or NUL, at most {@link #MAX_HEADER_VALUE_LENGTH}. */
    static boolean isHeaderValue(String value) {
        if (value == null || value.length() > MAX_HEADER_VALUE_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return false;
            }
        }
        return true;
    }
}
