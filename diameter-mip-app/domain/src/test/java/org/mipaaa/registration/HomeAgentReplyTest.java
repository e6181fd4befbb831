package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mipaaa.mobileip.AuthenticationKind;
import org.mipaaa.mobileip.ExtensionField;
import org.mipaaa.mobileip.Identification;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.MnFaKeyGenerationNonceReply;
import org.mipaaa.mobileip.MnFaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceReply;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MobileHomeAuthentication;
import org.mipaaa.mobileip.MobileNodeNai;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.RequestFlag;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.mobileip.auth.Authenticators;
import org.mipaaa.mobileip.auth.KeyDerivation;
import org.mipaaa.mobileip.auth.MnAaaAlgorithm;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.auth.MobilitySecurityAssociation;

/**
 * The pure part of S104-S106 without jDiameter: the AAAH's key material ({@link SessionKeys}) and the
 * home agent's reply ({@link HomeAgentReply}) checked the way the mobile node checks them, with keys
 * it derives itself from the nonces and its AAA-key (RFC 3957 §5, RFC 4004 §8.3-§8.4).
 */
class HomeAgentReplyTest {

    private static final String NAI = "mn1@home.example";
    /** "demo-mn1-aaa-key", as in config/aaah/subscribers.properties. */
    private static final byte[] AAA_KEY = HexFormat.of().parseHex("64656d6f2d6d6e312d6161612d6b6579");
    private static final MnAaaSecurityAssociation MN_AAA = new MnAaaSecurityAssociation(256, MnAaaAlgorithm.HMAC_MD5, AAA_KEY);
    private static final long MN_HA_SPI = 1000;
    private static final long MN_FA_SPI = 1001;
    private static final long HA_SPI = 70000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static RegistrationPacket request() {
        byte[] challenge = new byte[16];
        RANDOM.nextBytes(challenge);
        RegistrationRequest fixed = RegistrationRequest.of(EnumSet.noneOf(RequestFlag.class), 1800, Ipv4.parse("0.0.0.0"),
                Ipv4.parse("10.1.0.1"), Ipv4.parse("198.51.100.7"), Identification.ntpTimestamp(Instant.now(), 42));
        return RegistrationBuilder.request(fixed)
                .add(new MobileNodeNai(NAI))
                .add(new MnFaChallenge(challenge))
                .add(new MnHaKeyGenerationNonceRequest(MN_HA_SPI))
                .add(new MnFaKeyGenerationNonceRequest(MN_FA_SPI))
                .authenticate(AuthenticationKind.MN_AAA, MN_AAA.forChallenge(challenge))
                .build();
    }

    @Test
    void theKeysAreWhatTheMobileNodeDerivesFromTheNoncesAndAreFresh() {
        RegistrationPacket request = request();
        SessionKeys keys = SessionKeys.generate(AAA_KEY, KeyDerivation.mobileNodeIdentifier(request), RANDOM);
        byte[] nai = NAI.getBytes(StandardCharsets.US_ASCII);

        assertThat(keys.mnHaNonce()).hasSize(16).isNotEqualTo(keys.mnFaNonce());
        assertThat(keys.mnHaKey()).hasSize(20).isEqualTo(KeyDerivation.deriveKey(AAA_KEY, keys.mnHaNonce(), nai));
        assertThat(keys.mnFaKey()).isEqualTo(KeyDerivation.deriveKey(AAA_KEY, keys.mnFaNonce(), nai));
        SessionKeys other = SessionKeys.generate(AAA_KEY, nai, RANDOM);
        assertThat(other.mnHaNonce()).isNotEqualTo(keys.mnHaNonce());
        assertThat(other.mnHaKey()).isNotEqualTo(keys.mnHaKey());
        assertThat(keys.toString()).doesNotContain(HexFormat.of().formatHex(keys.mnHaKey()));
    }

    @Test
    void theAcceptedReplyCarriesTheNoncesAndAMobileHomeAuthenticatorTheMobileNodeVerifies() throws Exception {
        RegistrationPacket request = request();
        SessionKeys keys = SessionKeys.generate(AAA_KEY, KeyDerivation.mobileNodeIdentifier(request), RANDOM);
        MnHaSecurityAssociation mnHa = new MnHaSecurityAssociation(HA_SPI, MN_HA_SPI, AuthAlgorithm.HMAC_SHA1, keys.mnHaKey());
        long identification = request.request().identification();

        byte[] bytes = HomeAgentReply.accepted(1800, Ipv4.parse("10.1.0.100"), Ipv4.parse("10.1.0.1"), identification,
                new HomeAgentReply.Keys(256, mnHa, keys.mnHaNonce(), Optional.of(keys.mnFaNonce()), MN_FA_SPI, 3600),
                request.nai());

        RegistrationPacket reply = RegistrationCodec.decodeReply(bytes);
        assertThat(reply.reply().code()).isEqualTo(ReplyCode.ACCEPTED);
        assertThat(reply.reply().lifetime()).isEqualTo(1800);
        assertThat(reply.reply().homeAddress()).isEqualTo(Ipv4.parse("10.1.0.100"));
        assertThat(reply.reply().homeAgent()).isEqualTo(Ipv4.parse("10.1.0.1"));
        assertThat(reply.reply().identification()).isEqualTo(identification);
        // order: the request's MN-NAI (RFC 2794 §3: the reply MUST include it), MN-HA nonce reply, MN-FA
        // nonce reply, then the authenticator that covers them all
        assertThat(request.nai()).contains(NAI);
        assertThat(reply.extensionValues()).hasSize(4);
        assertThat(reply.extensionValues().get(0)).isEqualTo(new MobileNodeNai(NAI));
        MnHaKeyGenerationNonceReply ha = (MnHaKeyGenerationNonceReply) reply.extensionValues().get(1);
        MnFaKeyGenerationNonceReply fa = (MnFaKeyGenerationNonceReply) reply.extensionValues().get(2);
        assertThat(reply.extensionValues().get(3)).isInstanceOf(MobileHomeAuthentication.class);
        assertThat(ha.nonce()).isEqualTo(keys.mnHaNonce());
        assertThat(ha.aaaSpi()).isEqualTo(256);
        assertThat(ha.haSpi()).isEqualTo(HA_SPI);
        assertThat(ha.algorithmIdentifier()).isEqualTo(2);
        assertThat(ha.lifetime()).isEqualTo(3600);
        assertThat(fa.nonce()).isEqualTo(keys.mnFaNonce());
        assertThat(fa.faSpi()).isEqualTo(MN_FA_SPI);

        // the mobile node: its own key from the nonce, its SPI from its key request
        byte[] nai = NAI.getBytes(StandardCharsets.US_ASCII);
        MobilitySecurityAssociation mnSide = new MobilitySecurityAssociation(MN_HA_SPI, AuthAlgorithm.fromIdentifier(
                ha.algorithmIdentifier()), KeyDerivation.deriveKey(AAA_KEY, ha.nonce(), nai));
        ExtensionField auth = reply.fields(MobileHomeAuthentication.class).get(0);
        assertThat(Authenticators.verify(reply, auth, mnSide)).isTrue();
        assertThat(KeyDerivation.deriveKey(AAA_KEY, fa.nonce(), nai)).isEqualTo(keys.mnFaKey());

        // a flipped bit anywhere before the authenticator (here: in the nonce) fails
        byte[] tampered = bytes.clone();
        tampered[auth.offset() - 1] ^= 1;
        RegistrationPacket bad = RegistrationCodec.decodeReply(tampered);
        assertThat(Authenticators.verify(bad, bad.fields(MobileHomeAuthentication.class).get(0), mnSide)).isFalse();
        // and a wrong AAA-key derives a key that does not verify
        byte[] wrongKey = KeyDerivation.deriveKey(new byte[16], ha.nonce(), nai);
        assertThat(Authenticators.verify(reply, auth, new MobilitySecurityAssociation(MN_HA_SPI, AuthAlgorithm.HMAC_SHA1,
                wrongKey))).isFalse();
    }

    @Test
    void withoutAnMnFaKeyRequestThereIsNoMnFaNonceReply() throws Exception {
        MnHaSecurityAssociation mnHa = new MnHaSecurityAssociation(HA_SPI, MN_HA_SPI, AuthAlgorithm.HMAC_SHA1, new byte[20]);
        byte[] bytes = HomeAgentReply.accepted(60, Ipv4.parse("10.1.0.100"), Ipv4.parse("10.1.0.1"), 7,
                new HomeAgentReply.Keys(256, mnHa, new byte[16], Optional.empty(), 0, 60), Optional.empty());
        RegistrationPacket reply = RegistrationCodec.decodeReply(bytes);
        assertThat(reply.first(MnFaKeyGenerationNonceReply.class)).isEmpty();
        assertThat(reply.first(MnHaKeyGenerationNonceReply.class)).isPresent();
    }

    @Test
    void aDeniedReplyIsAuthenticatedWithTheNewKeyToo() throws Exception {
        MnHaSecurityAssociation mnHa = new MnHaSecurityAssociation(HA_SPI, MN_HA_SPI, AuthAlgorithm.HMAC_SHA1, new byte[20]);
        byte[] bytes = HomeAgentReply.denied(ReplyCode.HA_IDENTIFICATION_MISMATCH, Ipv4.parse("10.1.0.100"),
                Ipv4.parse("10.1.0.1"), 99, mnHa, Optional.empty(), Optional.empty());
        RegistrationPacket reply = RegistrationCodec.decodeReply(bytes);
        assertThat(reply.reply().code()).isEqualTo(ReplyCode.HA_IDENTIFICATION_MISMATCH);
        assertThat(reply.reply().lifetime()).isZero();
        assertThat(reply.extensionValues()).hasSize(1);
        assertThat(Authenticators.verify(reply, reply.fields(MobileHomeAuthentication.class).get(0), mnHa.forReplies())).isTrue();

        // without a binding, the new key's nonce comes along so the mobile node can derive the key
        byte[] withNonce = HomeAgentReply.denied(ReplyCode.HA_IDENTIFICATION_MISMATCH, Ipv4.parse("10.1.0.100"),
                Ipv4.parse("10.1.0.1"), 99, mnHa, Optional.of(new HomeAgentReply.Keys(256, mnHa, new byte[16],
                        Optional.empty(), 0, 60)), Optional.empty());
        RegistrationPacket denial = RegistrationCodec.decodeReply(withNonce);
        assertThat(denial.first(MnHaKeyGenerationNonceReply.class)).isPresent();
        assertThat(Authenticators.verify(denial, denial.fields(MobileHomeAuthentication.class).get(0), mnHa.forReplies())).isTrue();
    }
}
