package org.mipaaa.dictionary;

import java.util.Locale;

/**
 * What an AVP definition says about one AVP header flag (M, V or P), as in the flag-rule columns of
 * the RFC AVP tables. The XML token is the one jDiameter and Wireshark both use.
 */
public enum FlagRule {
    /** The flag MUST be set. */
    MUST("must"),
    /** The flag MAY be set. */
    MAY("may"),
    /** The flag SHOULD NOT be set. */
    SHOULD_NOT("shouldnot"),
    /** The flag MUST NOT be set. */
    MUST_NOT("mustnot");

    private final String xmlToken;

    FlagRule(String xmlToken) {
        this.xmlToken = xmlToken;
    }

    /** The token of the dictionary formats: must, may, shouldnot, mustnot. */
    public String xmlToken() {
        return xmlToken;
    }

    /**
     * Parses an XML token (case-insensitive).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static FlagRule fromXml(String token) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        for (FlagRule r : values()) {
            if (r.xmlToken.equals(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("not a flag rule (must, may, shouldnot, mustnot): '" + token + "'");
    }
}
