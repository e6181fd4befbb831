package org.mipaaa.mobileip.auth;

import java.security.SecureRandom;
import java.util.Objects;
import org.mipaaa.mobileip.MobileNodeNai;
import org.mipaaa.mobileip.RegistrationPacket;

/**
 * Registration keys from AAA key generation nonces (RFC 3957 §5), as the home AAA server derives
 * them for the home and foreign agents and the mobile node derives them from the nonces in the
 * Registration Reply (RFC 4004 §3.4, §8.2-§8.4: "the key derived by the MN from the ... nonce is
 * identical to the ... session key provided to the HA/FA"):
 *
 * <pre>
 * key = HMAC-SHA1(AAA-key, Key Generation Nonce || mobile node identifier)
 * </pre>
 *
 * where the identifier is the NAI from the request's Mobile Node NAI extension or, without one,
 * the request's Home Address (4 octets). The same formula makes the MN-HA key (nonce of the MN-HA
 * Key Generation Nonce Reply) and the MN-FA key (nonce of the MN-FA one).
 *
 * <p>SPIs (RFC 4004 §8, §9): the mobile node authenticates to the home agent with the HA SPI of the
 * MN-HA reply extension, and checks the home agent's authenticators under the Mobile Node SPI it
 * put in its MN-HA request extension; the same holds for the foreign agent with the FA SPI.
 *
 * <p>Stateless (static members only): thread-safe.
 */
public final class KeyDerivation {

    /** RFC 3957 §5 and RFC 4004 §8.2: nonces and FA-HA session keys are at least 128 bits. */
    public static final int NONCE_LENGTH = 16;

    private KeyDerivation() {
    }

    /** HMAC-SHA1(aaaKey, nonce || mobileNodeIdentifier): the transform every node MUST implement (RFC 3957 §5). */
    public static byte[] deriveKey(byte[] aaaKey, byte[] nonce, byte[] mobileNodeIdentifier) {
        return deriveKey(AuthAlgorithm.HMAC_SHA1, aaaKey, nonce, mobileNodeIdentifier);
    }

    /**
     * The same with another keyed hash, for an AAA Security Association configured with one
     * ("Other message authentication codes or keyed hash functions MAY also be used", RFC 3957 §5).
     *
     * @throws IllegalArgumentException for keyed MD5, which is no HMAC
     */
    public static byte[] deriveKey(AuthAlgorithm transform, byte[] aaaKey, byte[] nonce, byte[] mobileNodeIdentifier) {
        if (transform == AuthAlgorithm.KEYED_MD5_PREFIX_SUFFIX) {
            throw new IllegalArgumentException("keys are derived with an HMAC (RFC 3957 §5)");
        }
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(mobileNodeIdentifier, "mobileNodeIdentifier");
        if (nonce.length == 0 || mobileNodeIdentifier.length == 0) {
            throw new IllegalArgumentException("empty nonce or mobile node identifier");
        }
        byte[] input = new byte[nonce.length + mobileNodeIdentifier.length];
        System.arraycopy(nonce, 0, input, 0, nonce.length);
        System.arraycopy(mobileNodeIdentifier, 0, input, nonce.length, mobileNodeIdentifier.length);
        return transform.compute(aaaKey, input, input.length);
    }

    /**
     * The mobile node identifier of RFC 3957 §5 for {@code request}: the bytes of its Mobile Node
     * NAI extension, else the 4 octets of its Home Address.
     */
    public static byte[] mobileNodeIdentifier(RegistrationPacket request) {
        return request.first(MobileNodeNai.class).map(MobileNodeNai::naiBytes)
                .orElseGet(() -> request.request().homeAddress().getAddress());
    }

    /** A fresh key generation nonce of 128 bits (RFC 3957 §5 step 2). */
    public static byte[] newNonce(SecureRandom random) {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        return nonce;
    }

    /** A fresh FA-HA session key of 128 bits (RFC 4004 §8.2: a random value, no nonce). */
    public static byte[] newSessionKey(SecureRandom random) {
        return newNonce(random);
    }
}
