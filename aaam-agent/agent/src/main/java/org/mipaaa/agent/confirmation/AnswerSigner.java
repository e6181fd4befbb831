package org.mipaaa.agent.confirmation;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;

/**
 * Signs a terminal's answers with its Ed25519 key (RFC 8032, the JDK's "Ed25519"), so a caller that
 * knows the terminal's public key (from a certificate or configured by hand) can tell its answers from
 * those of any other terminal now holding the address.
 *
 * <p>Thread-safe: a new JCA Signature per answer.
 */
public final class AnswerSigner {

    /** The JCA name of the only algorithm used. */
    public static final String ALGORITHM = "Ed25519";

    private final PrivateKey key;

    public AnswerSigner(PrivateKey key) {
        this.key = Objects.requireNonNull(key, "key");
        if (!ALGORITHM.equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("an " + ALGORITHM + " key is needed, not " + key.getAlgorithm());
        }
    }

    /** A fresh Ed25519 key pair for a terminal. */
    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM + " (Java 15+ has)", e);
        }
    }

    byte[] sign(byte[] octets) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(octets);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing an answer failed", e);
        }
    }
}
