package org.mipaaa.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class AaamKeysTest {

    private static final byte[] MN_AAA_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theKeyIsTheLabelledHmacOfNaiAndSpi() throws Exception {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes("mip-aaa AAAM key v1".getBytes(StandardCharsets.US_ASCII));
        input.write(0);
        input.writeBytes("mn1@home.example".getBytes(StandardCharsets.UTF_8));
        input.write(0);
        input.writeBytes(new byte[] {0, 0, 0x10, 0x01}); // SPI 4097
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(MN_AAA_KEY, "HmacSHA256"));

        assertThat(AaamKeys.derive(MN_AAA_KEY, "mn1@home.example", 4097)).isEqualTo(mac.doFinal(input.toByteArray())).hasSize(32);
    }

    @Test
    void anotherNaiSpiOrMnAaaKeyGivesAnotherKey() {
        byte[] key = AaamKeys.derive(MN_AAA_KEY, "mn1@home.example", 4097);

        assertThat(AaamKeys.derive(MN_AAA_KEY, "mn2@home.example", 4097)).isNotEqualTo(key);
        assertThat(AaamKeys.derive(MN_AAA_KEY, "mn1@home.example", 4098)).isNotEqualTo(key);
        assertThat(AaamKeys.derive("demo-mn2-aaa-key".getBytes(StandardCharsets.US_ASCII), "mn1@home.example", 4097)).isNotEqualTo(key);
    }

    @Test
    void anAssociationFromTheMnAaaKeyHoldsTheDerivedKeyAndNeverShowsIt() {
        AaamSecurityAssociation sa = AaamSecurityAssociation.fromMnAaaKey("mn1@home.example", 4097, MN_AAA_KEY);

        assertThat(sa.key()).isEqualTo(AaamKeys.derive(MN_AAA_KEY, "mn1@home.example", 4097));
        assertThat(sa.toString()).doesNotContain("demo").contains("4097");
    }

    @Test
    void reservedSpisAndShortKeysAreRefused() {
        assertThatThrownBy(() -> new AaamSecurityAssociation("mn1@home.example", 255, new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AaamSecurityAssociation("mn1@home.example", 256, new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AaamKeys.derive(new byte[0], "mn1@home.example", 256)).isInstanceOf(IllegalArgumentException.class);
    }
}
