package org.mipaaa.mobileip.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.OptionalInt;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed transforms of a mobility security association (RFC 5944 §3.5.1, §5.1). Each computes
 * an authenticator over the protected bytes of a registration message.
 *
 * <p>Immutable, so thread-safe.
 */
public enum AuthAlgorithm {

    /**
     * HMAC-MD5 (RFC 2104), 16-byte authenticator: the default every Mobile IP node implements
     * (RFC 5944 §3.5.1, §5.1). IPsec Authentication Algorithm 1 (RFC 3957 §4).
     */
    HMAC_MD5("HmacMD5", 16, 1),

    /**
     * HMAC-SHA1 (RFC 2104), 20-byte authenticator: the transform of RFC 3957 §5 and the only
     * MIP-Algorithm-Type of RFC 4004 §9.8 (value 2). IPsec Authentication Algorithm 2.
     */
    HMAC_SHA1("HmacSHA1", 20, 2),

    /**
     * Keyed MD5 in "prefix+suffix" mode, MD5(key || data || key), 16 bytes: the default of RFC 2002
     * §3.5.1, kept for backward compatibility only (RFC 5944 §5.1: SHOULD be offered where older
     * nodes need it; considered vulnerable). No IPsec identifier.
     */
    KEYED_MD5_PREFIX_SUFFIX(null, 16, -1);

    private final String jcaName;
    private final int length;
    private final int identifier;

    AuthAlgorithm(String jcaName, int length, int identifier) {
        this.jcaName = jcaName;
        this.length = length;
        this.identifier = identifier;
    }

    /** Authenticator length in bytes. */
    public int length() {
        return length;
    }

    /**
     * The Algorithm Identifier of the RFC 3957 key generation nonce replies (IPsec "Authentication
     * Algorithm" registry, RFC 3957 §4): 1 for HMAC-MD5, 2 for HMAC-SHA1; empty for keyed MD5.
     */
    public OptionalInt identifier() {
        return identifier < 0 ? OptionalInt.empty() : OptionalInt.of(identifier);
    }

    /**
     * The transform named by an RFC 3957 Algorithm Identifier.
     *
     * @throws IllegalArgumentException for an identifier this implementation does not support
     */
    public static AuthAlgorithm fromIdentifier(int identifier) {
        for (AuthAlgorithm a : values()) {
            if (a.identifier == identifier) {
                return a;
            }
        }
        throw new IllegalArgumentException("unsupported authentication algorithm identifier " + identifier);
    }

    /** The authenticator of {@code data[0, length)} under {@code key}. */
    public byte[] compute(byte[] key, byte[] data, int length) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("empty key");
        }
        if (length < 0 || length > data.length) {
            throw new IllegalArgumentException("protected length " + length + " of " + data.length + " bytes");
        }
        try {
            if (jcaName == null) {
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                md5.update(key);
                md5.update(data, 0, length);
                md5.update(key);
                return md5.digest();
            }
            Mac mac = Mac.getInstance(jcaName);
            mac.init(new SecretKeySpec(key, jcaName));
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(this + " is not available from the JCA", e);
        }
    }
}
