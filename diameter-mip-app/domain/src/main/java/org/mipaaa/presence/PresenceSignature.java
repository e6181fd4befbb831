package org.mipaaa.presence;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a presence notification: HMAC-SHA256 (RFC 2104, FIPS 180-4) over the exact bytes of
 * the body with the key shared with that WWW server, sent as {@value #HEADER}: {@code hmac-sha256=<hex>}
 * beside {@value #KEY_ID_HEADER} naming the key. The WWW server side verifies with {@link #verifies}:
 * a notification signed with another key, or altered on the way, fails.
 */
public final class PresenceSignature {

    public static final String HEADER = "X-MipAaa-Signature";
    public static final String KEY_ID_HEADER = "X-MipAaa-Key-Id";
    private static final String SCHEME = "hmac-sha256=";

    private PresenceSignature() {
    }

    /** The header value for {@code body} signed with {@code key}. */
    public static String sign(byte[] body, byte[] key) {
        return SCHEME + HexFormat.of().formatHex(mac(body, key));
    }

    /**
     * Whether {@code headerValue} (the {@value #HEADER} header, may be absent) is {@code body}'s
     * signature with {@code key}. Compared in constant time.
     */
    public static boolean verifies(byte[] body, Optional<String> headerValue, byte[] key) {
        if (headerValue.isEmpty() || !headerValue.get().startsWith(SCHEME)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(headerValue.get().substring(SCHEME.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(body, key));
    }

    private static byte[] mac(byte[] body, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
