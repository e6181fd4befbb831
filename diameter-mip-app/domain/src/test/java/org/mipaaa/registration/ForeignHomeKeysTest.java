package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.mipaaa.mobileip.AuthenticationKind;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MalformedRegistrationException;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.auth.MobilitySecurityAssociation;

class ForeignHomeKeysTest {

    private static final byte[] KEY = "demo-fa-ha-key!!".getBytes(StandardCharsets.US_ASCII);
    private static final String SETTING = "10.1.0.1=300:" + HexFormat.of().formatHex(KEY);

    @Test
    void aConfiguredPeerHasItsHmacMd5AssociationAndOthersNone() {
        ForeignHomeKeys keys = ForeignHomeKeys.parse(SETTING + ", 10.2.0.1=301:" + HexFormat.of().formatHex(new byte[20]));

        assertThat(keys.with(Ipv4.parse("10.1.0.1"))).contains(MobilitySecurityAssociation.hmacMd5(300, KEY));
        assertThat(keys.with(Ipv4.parse("10.2.0.1")).orElseThrow().spi()).isEqualTo(301);
        assertThat(keys.with(Ipv4.parse("10.3.0.1"))).isEmpty();
        assertThat(ForeignHomeKeys.parse(" ").with(Ipv4.parse("10.1.0.1"))).isEmpty();
    }

    @Test
    void reservedSpisShortKeysAndGarbageAreRefused() {
        assertThatThrownBy(() -> ForeignHomeKeys.parse("10.1.0.1=255:" + HexFormat.of().formatHex(KEY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ForeignHomeKeys.parse("10.1.0.1=300:00112233")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ForeignHomeKeys.parse("10.1.0.1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exactlyOneValidAuthenticatorUnderTheAssociationsSpiVerifies() throws Exception {
        MobilitySecurityAssociation sa = MobilitySecurityAssociation.hmacMd5(300, KEY);
        RegistrationRequest fixed = new RegistrationRequest(0, 600, Ipv4.parse("10.1.0.100"), Ipv4.parse("10.1.0.1"),
                Ipv4.parse("127.0.0.1"), 42);
        byte[] signed = RegistrationBuilder.request(fixed).authenticate(AuthenticationKind.FOREIGN_HOME, sa).toBytes();
        byte[] otherKey = RegistrationBuilder.request(fixed)
                .authenticate(AuthenticationKind.FOREIGN_HOME, MobilitySecurityAssociation.hmacMd5(300, new byte[16])).toBytes();
        byte[] otherSpi = RegistrationBuilder.request(fixed)
                .authenticate(AuthenticationKind.FOREIGN_HOME, MobilitySecurityAssociation.hmacMd5(301, KEY)).toBytes();
        byte[] twice = RegistrationBuilder.continuing(signed).authenticate(AuthenticationKind.FOREIGN_HOME, sa).toBytes();

        assertThat(ForeignHomeKeys.verifies(RegistrationCodec.decodeRequest(signed), sa)).isTrue();
        assertThat(ForeignHomeKeys.verifies(RegistrationCodec.decodeRequest(otherKey), sa)).isFalse();
        assertThat(ForeignHomeKeys.verifies(RegistrationCodec.decodeRequest(otherSpi), sa)).isFalse();
        // two are refused earlier, by the codec's placement rules (RFC 5944 §3.7.3.2: exactly one)
        assertThatThrownBy(() -> RegistrationCodec.decodeRequest(twice)).isInstanceOf(MalformedRegistrationException.class);
        assertThat(ForeignHomeKeys.verifies(RegistrationCodec.decodeRequest(RegistrationBuilder.request(fixed).toBytes()), sa)).isFalse();
    }
}
