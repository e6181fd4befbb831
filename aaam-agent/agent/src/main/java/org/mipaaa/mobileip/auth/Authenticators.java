package org.mipaaa.mobileip.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import org.mipaaa.mobileip.AuthenticationExtension;
import org.mipaaa.mobileip.AuthenticationKey;
import org.mipaaa.mobileip.ExtensionField;
import org.mipaaa.mobileip.GeneralizedMnAaaAuthentication;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.RegistrationPacket;

/**
 * Computes and checks registration authenticators. Every check recomputes the authenticator over
 * the received bytes and compares with {@link MessageDigest#isEqual} (constant time in the content).
 *
 * <p>Stateless (static members only): thread-safe.
 */
public final class Authenticators {

    /** RFC 4721 §8: the number of least-order challenge octets appended. */
    private static final int CHAP_CHALLENGE_TAIL = 237;

    private Authenticators() {
    }

    /**
     * Whether the authentication extension in {@code field} of {@code packet} carries the
     * authenticator {@code key} computes over the bytes before it (RFC 5944 §3.5.1 for types
     * 32/33/34, RFC 4721 §6/§8 for MN-AAA). False if the SPIs differ or the lengths differ.
     *
     * @throws IllegalArgumentException if {@code field} is not an authentication extension of {@code packet}
     */
    public static boolean verify(RegistrationPacket packet, ExtensionField field, AuthenticationKey key) {
        Objects.requireNonNull(key, "key");
        if (!packet.extensions().contains(field) || !(field.extension() instanceof AuthenticationExtension)) {
            throw new IllegalArgumentException("not an authentication extension of this message: " + field);
        }
        AuthenticationExtension ext = (AuthenticationExtension) field.extension();
        if (ext.spi() != key.spi() || field.authenticatorLength() != key.authenticatorLength()) {
            return false;
        }
        byte[] expected = key.authenticator(packet.bytes(), field.authenticatorOffset());
        return MessageDigest.isEqual(expected, ext.authenticator());
    }

    /**
     * Checks the MN-AAA Authentication extension of a request against the AAA Security Association,
     * using the request's MN-FA Challenge (or {@link MnAaaSecurityAssociation#COLOCATED_CHALLENGE}
     * when there is none). False unless there is exactly one MN-AAA extension with {@code sa}'s SPI
     * and a correct authenticator.
     */
    public static boolean verifyMnAaa(RegistrationPacket request, MnAaaSecurityAssociation sa) {
        List<ExtensionField> mnAaa = request.fields(GeneralizedMnAaaAuthentication.class);
        if (mnAaa.size() != 1) {
            return false;
        }
        byte[] challenge = request.first(MnFaChallenge.class).map(MnFaChallenge::challenge)
                .orElse(MnAaaSecurityAssociation.COLOCATED_CHALLENGE);
        return verify(request, mnAaa.get(0), sa.forChallenge(challenge));
    }

    /**
     * Checks an MN-AAA authenticator as the home AAA server receives it in an AMR (RFC 4004 §7.6,
     * §7.7): the Registration Request from MIP-Reg-Request, the input length, offset and length
     * from MIP-MN-AAA-Auth, and the challenge from MIP-FA-Challenge. The SPI written just before
     * the authenticator must be {@code sa}'s.
     *
     * @throws IllegalArgumentException if the lengths and offset do not fit the request
     */
    public static boolean verifyMnAaa(byte[] registrationRequest, long inputLength, long authenticatorOffset,
                                      long authenticatorLength, MnAaaSecurityAssociation sa, byte[] challenge) {
        int n = registrationRequest.length;
        if (authenticatorLength < 1 || authenticatorOffset < 4 || authenticatorOffset + authenticatorLength > n
                || inputLength < 4 || inputLength > authenticatorOffset) {
            throw new IllegalArgumentException("MN-AAA input length " + inputLength + ", authenticator offset "
                    + authenticatorOffset + " and length " + authenticatorLength + " do not fit a " + n
                    + "-byte request");
        }
        int off = (int) authenticatorOffset;
        long spiInMessage = ((registrationRequest[off - 4] & 0xFFL) << 24) | ((registrationRequest[off - 3] & 0xFF) << 16)
                | ((registrationRequest[off - 2] & 0xFF) << 8) | (registrationRequest[off - 1] & 0xFF);
        if (spiInMessage != sa.spi() || authenticatorLength != 16) {
            return false;
        }
        byte[] expected = mnAaaAuthenticator(sa.algorithm(), sa.key(), challenge, registrationRequest, (int) inputLength);
        byte[] actual = java.util.Arrays.copyOfRange(registrationRequest, off, off + (int) authenticatorLength);
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * The MN-AAA authenticator over {@code data[0, length)} (the preceding Mobile IP data and the
     * extension's Type, Subtype, Length and SPI):
     * <ul>
     *   <li>{@link MnAaaAlgorithm#HMAC_MD5}: HMAC-MD5(key, data) (RFC 4721 §6);</li>
     *   <li>{@link MnAaaAlgorithm#CHAP_MD5}: MD5(challenge[0] || key || MD5(data) ||
     *       least-order min(237, |challenge|) octets of the challenge) (RFC 4721 §8).</li>
     * </ul>
     */
    public static byte[] mnAaaAuthenticator(MnAaaAlgorithm algorithm, byte[] key, byte[] challenge, byte[] data,
                                            int length) {
        if (algorithm == MnAaaAlgorithm.HMAC_MD5) {
            return AuthAlgorithm.HMAC_MD5.compute(key, data, length);
        }
        if (challenge == null || challenge.length == 0) {
            throw new IllegalArgumentException("CHAP-style MN-AAA needs a non-empty challenge (RFC 4721 §8)");
        }
        if (length < 0 || length > data.length) {
            throw new IllegalArgumentException("protected length " + length + " of " + data.length + " bytes");
        }
        try {
            MessageDigest inner = MessageDigest.getInstance("MD5");
            inner.update(data, 0, length);
            byte[] innerDigest = inner.digest();
            MessageDigest outer = MessageDigest.getInstance("MD5");
            outer.update(challenge[0]);
            outer.update(key);
            outer.update(innerDigest);
            int tail = Math.min(CHAP_CHALLENGE_TAIL, challenge.length);
            outer.update(challenge, challenge.length - tail, tail);
            return outer.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available from the JCA", e);
        }
    }
}
