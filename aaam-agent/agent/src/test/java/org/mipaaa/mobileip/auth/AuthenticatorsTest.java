package org.mipaaa.mobileip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mipaaa.mobileip.AuthenticationKind;
import org.mipaaa.mobileip.ExtensionField;
import org.mipaaa.mobileip.GeneralizedMnAaaAuthentication;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MalformedRegistrationException;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.MobileNodeNai;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.RegistrationRequest;

/**
 * Authenticator checks: a good one passes, any bad one fails (wrong key, SPI, algorithm, challenge,
 * byte), and the RFC 4004 AMR form (offsets from MIP-MN-AAA-Auth) agrees with the packet form.
 * The comparison itself is {@code MessageDigest.isEqual} (constant time; see {@link Authenticators}).
 */
class AuthenticatorsTest {

    private static final byte[] KEY = HexFormat.of().parseHex("0123456789abcdeffedcba9876543210");
    private static final byte[] AAA_KEY = HexFormat.of().parseHex("6161612d7365637265742d6b65792d31");
    private static final byte[] CHALLENGE = HexFormat.of().parseHex("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    private static final RegistrationRequest FIXED = new RegistrationRequest(2, 1800, Ipv4.UNSPECIFIED,
            Ipv4.parse("192.0.2.1"), Ipv4.parse("198.51.100.1"), 42L);

    @Test
    void goodAuthenticatorPassesAndEveryWrongOneFails() throws MalformedRegistrationException {
        MobilitySecurityAssociation sa = MobilitySecurityAssociation.hmacMd5(256, KEY);
        RegistrationPacket p = RegistrationCodec.decode(
                RegistrationBuilder.request(FIXED).authenticate(AuthenticationKind.MOBILE_HOME, sa).toBytes());
        ExtensionField mh = p.extensions().get(0);

        assertThat(Authenticators.verify(p, mh, sa)).isTrue();
        byte[] otherKey = KEY.clone();
        otherKey[15] ^= 1;
        assertThat(Authenticators.verify(p, mh, MobilitySecurityAssociation.hmacMd5(256, otherKey))).isFalse();
        assertThat(Authenticators.verify(p, mh, MobilitySecurityAssociation.hmacMd5(257, KEY))).isFalse();
        assertThat(Authenticators.verify(p, mh, new MobilitySecurityAssociation(256, AuthAlgorithm.HMAC_SHA1, KEY))).isFalse();
        assertThat(Authenticators.verify(p, mh,
                new MobilitySecurityAssociation(256, AuthAlgorithm.KEYED_MD5_PREFIX_SUFFIX, KEY))).isFalse();

        byte[] bad = p.bytes();
        bad[bad.length - 1] ^= (byte) 0x80;
        RegistrationPacket tampered = RegistrationCodec.decode(bad);
        assertThat(Authenticators.verify(tampered, tampered.extensions().get(0), sa)).isFalse();
    }

    @Test
    void verifyRefusesAFieldOfAnotherMessage() throws MalformedRegistrationException {
        MobilitySecurityAssociation sa = MobilitySecurityAssociation.hmacMd5(256, KEY);
        RegistrationPacket p = RegistrationCodec.decode(RegistrationBuilder.request(FIXED)
                .add(new MobileNodeNai("a@b")).authenticate(AuthenticationKind.MOBILE_HOME, sa).toBytes());
        assertThatThrownBy(() -> Authenticators.verify(p, p.extensions().get(0), sa))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mnAaaWithTheChallengeInBothAlgorithmsAndInTheRfc4004AvpForm() throws MalformedRegistrationException {
        for (MnAaaSecurityAssociation sa : List.of(MnAaaSecurityAssociation.of(256, AAA_KEY),
                MnAaaSecurityAssociation.of(MnAaaAlgorithm.CHAP_SPI, AAA_KEY))) {
            byte[] request = RegistrationBuilder.request(FIXED)
                    .add(new MobileNodeNai("mn1@home.example"))
                    .add(new MnFaChallenge(CHALLENGE))
                    .authenticate(AuthenticationKind.MN_AAA, sa.forChallenge(CHALLENGE))
                    .toBytes();
            RegistrationPacket p = RegistrationCodec.decodeRequest(request);
            assertThat(Authenticators.verifyMnAaa(p, sa)).as("%s", sa).isTrue();

            // as the AAAH gets it in an AMR: MIP-Reg-Request, MIP-MN-AAA-Auth offsets, MIP-FA-Challenge
            ExtensionField f = p.fields(GeneralizedMnAaaAuthentication.class).get(0);
            assertThat(Authenticators.verifyMnAaa(request, f.authenticatorOffset(), f.authenticatorOffset(),
                    f.authenticatorLength(), sa, CHALLENGE)).isTrue();
            byte[] otherChallenge = CHALLENGE.clone();
            otherChallenge[0] ^= 1;
            otherChallenge[15] ^= 1;
            // HMAC-MD5 covers the challenge through the message bytes; CHAP takes it as an input too
            if (sa.algorithm() == MnAaaAlgorithm.CHAP_MD5) {
                assertThat(Authenticators.verifyMnAaa(request, f.authenticatorOffset(), f.authenticatorOffset(),
                        f.authenticatorLength(), sa, otherChallenge)).isFalse();
            }
            assertThat(Authenticators.verifyMnAaa(request, f.authenticatorOffset(), f.authenticatorOffset(),
                    f.authenticatorLength(), new MnAaaSecurityAssociation(sa.spi(), sa.algorithm(), KEY), CHALLENGE))
                    .isFalse();
            assertThat(Authenticators.verifyMnAaa(request, f.authenticatorOffset(), f.authenticatorOffset(),
                    f.authenticatorLength(), MnAaaSecurityAssociation.of(999, AAA_KEY), CHALLENGE)).isFalse();
            assertThatThrownBy(() -> Authenticators.verifyMnAaa(request, f.authenticatorOffset(),
                    f.authenticatorOffset(), f.authenticatorLength() + 1, sa, CHALLENGE))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void chapAuthenticatorFollowsRfc4721Section8() {
        // the formula spelled out with MessageDigest directly, for a challenge shorter and longer than 237
        byte[] data = "preceding Mobile IP data || Type, Subtype, Length, SPI".getBytes();
        for (int n : new int[] {1, 16, 237, 238, 255}) {
            byte[] challenge = new byte[n];
            for (int i = 0; i < n; i++) {
                challenge[i] = (byte) (i * 13 + 5);
            }
            byte[] expected = md5(concat(new byte[] {challenge[0]}, AAA_KEY, md5(data),
                    java.util.Arrays.copyOfRange(challenge, Math.max(0, n - 237), n)));
            assertThat(Authenticators.mnAaaAuthenticator(MnAaaAlgorithm.CHAP_MD5, AAA_KEY, challenge, data, data.length))
                    .as("challenge of %d bytes", n).isEqualTo(expected);
        }
    }

    @Test
    void spiConventions() {
        assertThat(MnAaaAlgorithm.forSpi(2)).isEqualTo(MnAaaAlgorithm.CHAP_MD5);
        assertThat(MnAaaAlgorithm.forSpi(256)).isEqualTo(MnAaaAlgorithm.HMAC_MD5);
        assertThat(MnAaaAlgorithm.forSpi(0xFFFF_FFFFL)).isEqualTo(MnAaaAlgorithm.HMAC_MD5);
        assertThatThrownBy(() -> MnAaaAlgorithm.forSpi(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MnAaaAlgorithm.forSpi(255)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MobilitySecurityAssociation.hmacMd5(255, KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MnAaaSecurityAssociation(200, MnAaaAlgorithm.HMAC_MD5, KEY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AuthAlgorithm.fromIdentifier(1)).isEqualTo(AuthAlgorithm.HMAC_MD5);
        assertThat(AuthAlgorithm.fromIdentifier(2)).isEqualTo(AuthAlgorithm.HMAC_SHA1);
        assertThatThrownBy(() -> AuthAlgorithm.fromIdentifier(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysNeverShowInToString() {
        assertThat(MobilitySecurityAssociation.hmacMd5(256, KEY).toString()).doesNotContain("0123", "[B@");
        assertThat(MnAaaSecurityAssociation.of(256, AAA_KEY).toString()).doesNotContain("6161", "[B@");
    }

    private static byte[] md5(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
