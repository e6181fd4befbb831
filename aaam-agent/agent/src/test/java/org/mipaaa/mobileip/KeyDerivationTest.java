package org.mipaaa.mobileip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.mobileip.auth.KeyDerivation;

/** RFC 3957 §5 key derivation against vectors computed with Python's hmac and openssl. */
class KeyDerivationTest {

    static List<Path> keyFiles() {
        return TestData.files("mobileip/keys");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyFiles")
    void derivesTheIndependentlyComputedKeys(Path file) {
        Properties p = TestData.load(file);
        byte[] aaaKey = TestData.hex(p.getProperty("aaaKey"));
        byte[] identifier = TestData.hex(p.getProperty("identifier"));
        assertThat(KeyDerivation.deriveKey(aaaKey, TestData.hex(p.getProperty("mnHaNonce")), identifier))
                .isEqualTo(TestData.hex(p.getProperty("mnHaKey")));
        assertThat(KeyDerivation.deriveKey(aaaKey, TestData.hex(p.getProperty("mnFaNonce")), identifier))
                .isEqualTo(TestData.hex(p.getProperty("mnFaKey")));
    }

    @Test
    void theIdentifierIsTheNaiWhenTheRequestHasOneElseTheHomeAddress() throws MalformedRegistrationException {
        RegistrationRequest fixed = new RegistrationRequest(0, 1800, Ipv4.parse("203.0.113.5"),
                Ipv4.parse("192.0.2.1"), Ipv4.parse("198.51.100.1"), 1L);
        byte[] withNai = RegistrationCodec.encode(fixed, List.of(new MobileNodeNai("mn1@home.example")));
        byte[] without = RegistrationCodec.encode(fixed, List.of());

        assertThat(KeyDerivation.mobileNodeIdentifier(RegistrationCodec.decode(withNai)))
                .isEqualTo("mn1@home.example".getBytes(StandardCharsets.US_ASCII));
        assertThat(KeyDerivation.mobileNodeIdentifier(RegistrationCodec.decode(without)))
                .containsExactly(203, 0, 113, 5);
    }

    @Test
    void noncesAndSessionKeysAreFreshAndOf128Bits() {
        SecureRandom random = new SecureRandom();
        byte[] a = KeyDerivation.newNonce(random);
        byte[] b = KeyDerivation.newNonce(random);
        assertThat(a).hasSize(16).isNotEqualTo(b);
        assertThat(KeyDerivation.newSessionKey(random)).hasSize(16);
    }

    @Test
    void keyedMd5IsNoKeyDerivationTransform() {
        assertThatThrownBy(() -> KeyDerivation.deriveKey(AuthAlgorithm.KEYED_MD5_PREFIX_SUFFIX, new byte[16],
                new byte[16], new byte[4])).isInstanceOf(IllegalArgumentException.class);
        assertThat(KeyDerivation.deriveKey(AuthAlgorithm.HMAC_MD5, new byte[16], new byte[16], new byte[4]))
                .hasSize(16);
    }
}
