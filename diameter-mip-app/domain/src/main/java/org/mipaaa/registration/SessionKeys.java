package org.mipaaa.registration;

import java.security.SecureRandom;
import java.util.Objects;

import org.mipaaa.mobileip.auth.KeyDerivation;

/**
 * The key material the home AAA server makes for one registration (RFC 4004 §8.2-§8.4, RFC 3957 §5):
 * a fresh random MN-HA nonce and MN-FA nonce of 128 bits each, and the session keys the mobile node
 * will derive from them itself, {@code HMAC-SHA1(AAA-key, nonce || mobile node identifier)}. The
 * nonces travel to the mobile node (through the home agent's Registration Reply), the keys to the
 * home agent (MIP-HA-to-MN-MSA) and to the foreign agent (MIP-FA-to-MN-MSA). No jDiameter type.
 *
 * @param mnHaNonce the MN-HA Key Generation Nonce (MIP-MN-to-HA-MSA / MIP-Nonce)
 * @param mnHaKey   the MN-HA session key (MIP-HA-to-MN-MSA / MIP-Session-Key)
 * @param mnFaNonce the MN-FA Key Generation Nonce (MIP-MN-to-FA-MSA / MIP-Nonce)
 * @param mnFaKey   the MN-FA session key (MIP-FA-to-MN-MSA / MIP-Session-Key)
 */
public record SessionKeys(byte[] mnHaNonce, byte[] mnHaKey, byte[] mnFaNonce, byte[] mnFaKey) {

    public SessionKeys {
        mnHaNonce = Objects.requireNonNull(mnHaNonce, "mnHaNonce").clone();
        mnHaKey = Objects.requireNonNull(mnHaKey, "mnHaKey").clone();
        mnFaNonce = Objects.requireNonNull(mnFaNonce, "mnFaNonce").clone();
        mnFaKey = Objects.requireNonNull(mnFaKey, "mnFaKey").clone();
    }

    /**
     * Fresh nonces from {@code random} and the keys derived from them with the subscriber's AAA-key
     * (RFC 3957 §5 steps 2-3; RFC 4004 §8.2: "the AAAH must generate a random value of at least 128
     * bits").
     *
     * @param aaaKey               the MN-AAA key of the subscriber
     * @param mobileNodeIdentifier the NAI octets of the request's MN-NAI extension (or its Home
     *                             Address), {@link KeyDerivation#mobileNodeIdentifier}
     */
    public static SessionKeys generate(byte[] aaaKey, byte[] mobileNodeIdentifier, SecureRandom random) {
        byte[] haNonce = KeyDerivation.newNonce(random);
        byte[] faNonce = KeyDerivation.newNonce(random);
        return new SessionKeys(haNonce, KeyDerivation.deriveKey(aaaKey, haNonce, mobileNodeIdentifier),
                faNonce, KeyDerivation.deriveKey(aaaKey, faNonce, mobileNodeIdentifier));
    }

    @Override
    public byte[] mnHaNonce() {
        return mnHaNonce.clone();
    }

    @Override
    public byte[] mnHaKey() {
        return mnHaKey.clone();
    }

    @Override
    public byte[] mnFaNonce() {
        return mnFaNonce.clone();
    }

    @Override
    public byte[] mnFaKey() {
        return mnFaKey.clone();
    }

    /** Never shows a key or nonce. */
    @Override
    public String toString() {
        return "SessionKeys[...]";
    }
}
