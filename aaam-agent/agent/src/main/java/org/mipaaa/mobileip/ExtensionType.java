package org.mipaaa.mobileip;

/**
 * Type numbers of the registration-message extensions this codec knows (the IANA "Extensions to
 * Mobile IP Registration Messages" space, RFC 5944 §6.3).
 *
 * <p>RFC 5944 §1.8: an extension of type 0-127 that is not recognized makes the whole message be
 * discarded; one of type 128-255 that is not recognized is skipped by its 8-bit Length and the rest
 * of the message is processed. Skippable extensions always use the 8-bit Length (RFC 5944 §1.10).
 *
 * <p>Stateless (static members only): thread-safe.
 */
public final class ExtensionType {

    /** One-byte padding: the type byte alone, no Length (RFC 5944 §1.8, §6.3). */
    public static final int ONE_BYTE_PADDING = 0;
    /** Mobile-Home Authentication (RFC 5944 §3.5.2). */
    public static final int MOBILE_HOME_AUTHENTICATION = 32;
    /** Mobile-Foreign Authentication (RFC 5944 §3.5.3). */
    public static final int MOBILE_FOREIGN_AUTHENTICATION = 33;
    /** Foreign-Home Authentication (RFC 5944 §3.5.4). */
    public static final int FOREIGN_HOME_AUTHENTICATION = 34;
    /** Generalized Mobile IP Authentication, long format (RFC 4721 §5). */
    public static final int GENERALIZED_AUTHENTICATION = 36;
    /** Critical Vendor/Organization Specific Extension, CVSE (RFC 3115 §2.1). */
    public static final int CRITICAL_VENDOR_SPECIFIC = 38;
    /** Generalized MN-FA Key Generation Nonce Request (RFC 3957 §6.1). */
    public static final int MN_FA_KEY_GENERATION_NONCE_REQUEST = 40;
    /** Generalized MN-FA Key Generation Nonce Reply (RFC 3957 §6.2). */
    public static final int MN_FA_KEY_GENERATION_NONCE_REPLY = 41;
    /** Generalized MN-HA Key Generation Nonce Request (RFC 3957 §6.3). */
    public static final int MN_HA_KEY_GENERATION_NONCE_REQUEST = 42;
    /** Generalized MN-HA Key Generation Nonce Reply (RFC 3957 §6.4). */
    public static final int MN_HA_KEY_GENERATION_NONCE_REPLY = 43;
    /** Mobile Node NAI (RFC 2794 §2). */
    public static final int MOBILE_NODE_NAI = 131;
    /** MN-FA Challenge (RFC 4721 §4). */
    public static final int MN_FA_CHALLENGE = 132;
    /** Normal Vendor/Organization Specific Extension, NVSE (RFC 3115 §2.2). */
    public static final int NORMAL_VENDOR_SPECIFIC = 134;

    /** Subtype 1 of the Generalized Authentication extension: MN-AAA (RFC 4721 §5, §6). */
    public static final int MN_AAA_AUTHENTICATION_SUBTYPE = 1;
    /** Subtype 1 of the four key generation extensions: "from AAA" (RFC 3957 §6, §8). */
    public static final int KEY_GENERATION_FROM_AAA_SUBTYPE = 1;

    private ExtensionType() {
    }

    /** RFC 5944 §1.8: types 128-255 may be skipped when not recognized. */
    public static boolean isSkippable(int type) {
        return type >= 128 && type <= 255;
    }
}
