package org.mipaaa.mobileip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mipaaa.mobileip.auth.Authenticators;
import org.mipaaa.mobileip.auth.KeyDerivation;

/**
 * The golden vectors (src/test/resources/mobileip/vectors, written by src/test/scripts/make_vectors.py
 * from the RFC figures with Python's hmac/hashlib): hex in, fields out, and back.
 */
class GoldenVectorTest {

    static List<GoldenVector> vectors() {
        return GoldenVector.all();
    }

    @Test
    void everyKindOfExtensionAndBothMessagesAreCovered() {
        List<GoldenVector> all = vectors();
        assertThat(all).hasSizeGreaterThanOrEqualTo(12);
        assertThat(all.stream().flatMap(v -> v.extensions.stream()).map(Extension::getClass).distinct())
                .contains(MobileNodeNai.class, MnFaChallenge.class, GeneralizedMnAaaAuthentication.class,
                        MobileHomeAuthentication.class, MobileForeignAuthentication.class,
                        ForeignHomeAuthentication.class, MnFaKeyGenerationNonceRequest.class,
                        MnHaKeyGenerationNonceRequest.class, MnFaKeyGenerationNonceReply.class,
                        MnHaKeyGenerationNonceReply.class, CriticalVendorExtension.class,
                        NormalVendorExtension.class, UnknownExtension.class);
        assertThat(all).anyMatch(v -> v.message instanceof RegistrationReply)
                .anyMatch(v -> v.message instanceof RegistrationRequest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesToTheFieldsOfTheVector(GoldenVector v) throws MalformedRegistrationException {
        RegistrationPacket packet = RegistrationCodec.decode(v.bytes);

        assertThat(packet.message()).isEqualTo(v.message);
        assertThat(packet.extensionValues()).containsExactlyElementsOf(v.extensions);
        assertThat(packet.length()).isEqualTo(v.bytes.length);
        int expectedOffset = v.message.fixedLength();
        for (ExtensionField f : packet.extensions()) {
            assertThat(f.offset()).as("offset of %s", f.extension()).isEqualTo(expectedOffset);
            assertThat(f.length()).isEqualTo(f.extension().encodedLength());
            expectedOffset = f.end();
        }
        assertThat(expectedOffset).isEqualTo(v.bytes.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodesTheFieldsBackToTheSameBytes(GoldenVector v) {
        assertThat(HexFormat.of().formatHex(RegistrationCodec.encode(v.message, v.extensions)))
                .isEqualTo(HexFormat.of().formatHex(v.bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void builderComputesTheSameAuthenticatorsAsTheIndependentImplementation(GoldenVector v) {
        RegistrationBuilder b = v.message instanceof RegistrationRequest r
                ? RegistrationBuilder.request(r) : RegistrationBuilder.reply((RegistrationReply) v.message);
        for (int i = 0; i < v.extensions.size(); i++) {
            Extension e = v.extensions.get(i);
            AuthenticationKey key = v.keys.get(i);
            if (key != null) {
                b.authenticate(((AuthenticationExtension) e).kind(), key);
            } else {
                b.add(e);
            }
        }
        assertThat(HexFormat.of().formatHex(b.toBytes())).isEqualTo(HexFormat.of().formatHex(v.bytes));
        assertThat(b.build().extensionValues()).containsExactlyElementsOf(v.extensions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyAuthenticatorVerifiesAndAnyChangedByteBreaksIt(GoldenVector v) throws MalformedRegistrationException {
        RegistrationPacket packet = RegistrationCodec.decode(v.bytes);
        for (Map.Entry<Integer, AuthenticationKey> e : v.keys.entrySet()) {
            ExtensionField field = packet.extensions().get(e.getKey());
            assertThat(Authenticators.verify(packet, field, e.getValue())).as("%s ext %d", v, e.getKey()).isTrue();

            // a change anywhere in the protected bytes (fixed part, prior extensions, own SPI) or in
            // the authenticator makes the check fail
            int[] positions = {1, 3, v.message.fixedLength() - 1, field.offset(), field.authenticatorOffset() - 1,
                field.authenticatorOffset(), field.end() - 1};
            for (int pos : positions) {
                byte[] tampered = v.bytes.clone();
                tampered[pos] ^= 0x01;
                RegistrationPacket p;
                try {
                    p = RegistrationCodec.decode(tampered);
                } catch (MalformedRegistrationException malformed) {
                    continue; // a changed Length or type octet: rejected before any authenticator check
                }
                ExtensionField f = p.extensions().get(e.getKey());
                assertThat(f.isAuthentication()
                        && Authenticators.verify(p, f, e.getValue()))
                        .as("%s ext %d with byte %d flipped", v, e.getKey(), pos).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void authenticatorOffsetsAreWhatRfc4004Avps(GoldenVector v) throws MalformedRegistrationException {
        RegistrationPacket packet = RegistrationCodec.decode(v.bytes);
        for (ExtensionField f : packet.fields(AuthenticationExtension.class)) {
            AuthenticationExtension a = f.authentication();
            assertThat(f.authenticatorLength()).isEqualTo(a.authenticator().length);
            byte[] inMessage = java.util.Arrays.copyOfRange(v.bytes, f.authenticatorOffset(), f.end());
            assertThat(inMessage).isEqualTo(a.authenticator());
        }
    }

    @Test
    void derivedKeysOfTheAcceptedReplyAreTheKeysItsAuthenticatorsWereMadeWith() {
        GoldenVector v = vectors().stream().filter(x -> x.name.equals("reply-accepted-with-keys")).findFirst()
                .orElseThrow();
        byte[] aaaKey = TestData.hex(v.props.getProperty("keys.aaaKey"));
        byte[] identifier = TestData.hex(v.props.getProperty("keys.identifier"));
        MnHaKeyGenerationNonceReply ha = (MnHaKeyGenerationNonceReply) v.extensions.get(2);
        MnFaKeyGenerationNonceReply fa = (MnFaKeyGenerationNonceReply) v.extensions.get(1);
        assertThat(KeyDerivation.deriveKey(aaaKey, ha.nonce(), identifier))
                .isEqualTo(TestData.hex(v.props.getProperty("keys.mnHaKey")));
        assertThat(KeyDerivation.deriveKey(aaaKey, fa.nonce(), identifier))
                .isEqualTo(TestData.hex(v.props.getProperty("keys.mnFaKey")));
    }
}
