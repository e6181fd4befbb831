package org.mipaaa.mobileip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.mobileip.auth.Authenticators;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.auth.MobilitySecurityAssociation;

/**
 * What the codec lets each node do (RFC 5944 §3.6.1.3, §3.7.2.2, §3.7.3.2, §3.8.2.1): the mobile
 * node builds a request, the foreign agent checks and strips its Mobile-Foreign authentication and
 * appends its own extensions, the home agent checks what the mobile node and the foreign agent
 * authenticated; and the reply takes the way back.
 */
class AgentRelayTest {

    private final MobilitySecurityAssociation mnToHa = MobilitySecurityAssociation.hmacMd5(256, key(1));
    private final MobilitySecurityAssociation haToMn = MobilitySecurityAssociation.hmacMd5(4098, key(1));
    private final MobilitySecurityAssociation mnToFa = MobilitySecurityAssociation.hmacMd5(4097, key(2));
    private final MobilitySecurityAssociation faToMn = MobilitySecurityAssociation.hmacMd5(8194, key(2));
    private final MobilitySecurityAssociation faToHa = new MobilitySecurityAssociation(8193, AuthAlgorithm.HMAC_SHA1, key(3));
    private final MnAaaSecurityAssociation aaa = MnAaaSecurityAssociation.of(256, key(4));
    private final byte[] challenge = {1, 2, 3, 4, 5, 6, 7, 8};

    private final RegistrationRequest fixed = new RegistrationRequest(
            RequestFlag.octet(RequestFlag.REVERSE_TUNNELING), 1800, Ipv4.parse("203.0.113.5"),
            Ipv4.parse("192.0.2.1"), Ipv4.parse("198.51.100.1"), 0x1122334455667788L);

    @Test
    void requestFromMobileNodeThroughForeignAgentToHomeAgent() throws MalformedRegistrationException {
        // mobile node (RFC 5944 §3.6.1.3 a-e; RFC 4721 §3.1)
        byte[] fromMn = RegistrationBuilder.request(fixed)
                .add(new MobileNodeNai("mn1@home.example"))
                .authenticate(AuthenticationKind.MOBILE_HOME, mnToHa)
                .add(new MnFaChallenge(challenge))
                .authenticate(AuthenticationKind.MN_AAA, aaa.forChallenge(challenge))
                .add(new NormalVendorExtension(32473, 1, new byte[] {9}))   // for the FA only
                .authenticate(AuthenticationKind.MOBILE_FOREIGN, mnToFa)
                .toBytes();

        // foreign agent: exactly one Mobile-Foreign authentication, valid (§3.7.2.1)
        RegistrationPacket atFa = RegistrationCodec.decodeRequest(fromMn);
        List<ExtensionField> mf = atFa.fields(MobileForeignAuthentication.class);
        assertThat(mf).hasSize(1);
        assertThat(Authenticators.verify(atFa, mf.get(0), mnToFa)).isTrue();
        // keep up to the last authorization-enabling extension, remove the rest, append its own (§3.7.2.2)
        int keep = atFa.lastAuthorizationEnablingIndex().orElseThrow();
        assertThat(atFa.extensions().get(keep).extension()).isInstanceOf(GeneralizedMnAaaAuthentication.class);
        byte[] toHa = RegistrationBuilder.continuing(atFa.bytesThrough(keep))
                .add(new NormalVendorExtension(32473, 2, new byte[] {7}))
                .authenticate(AuthenticationKind.FOREIGN_HOME, faToHa)
                .toBytes();

        // home agent: the mobile node's authenticators are intact, the FA's is new (§3.8.2.1 a, c)
        RegistrationPacket atHa = RegistrationCodec.decodeRequest(toHa);
        assertThat(atHa.request()).isEqualTo(fixed);
        assertThat(atHa.fields(MobileForeignAuthentication.class)).isEmpty();
        assertThat(Authenticators.verify(atHa, atHa.fields(MobileHomeAuthentication.class).get(0), mnToHa)).isTrue();
        assertThat(Authenticators.verifyMnAaa(atHa, aaa)).isTrue();
        ExtensionField fh = atHa.fields(ForeignHomeAuthentication.class).get(0);
        assertThat(Authenticators.verify(atHa, fh, faToHa)).isTrue();
        assertThat(fh.authenticatorLength()).isEqualTo(20);
        // the first bytes are the mobile node's, byte for byte
        assertThat(java.util.Arrays.copyOf(toHa, atFa.extensions().get(keep).end()))
                .isEqualTo(java.util.Arrays.copyOf(fromMn, atFa.extensions().get(keep).end()));
    }

    @Test
    void replyFromHomeAgentThroughForeignAgentToMobileNode() throws MalformedRegistrationException {
        RegistrationReply accepted = new RegistrationReply(ReplyCode.ACCEPTED, 1200, fixed.homeAddress(),
                fixed.homeAgent(), fixed.identification());
        // home agent (§3.8.3.3; RFC 4721 §3.4: the challenge after the Mobile-Home authentication)
        byte[] fromHa = RegistrationBuilder.reply(accepted)
                .add(new MobileNodeNai("mn1@home.example"))
                .authenticate(AuthenticationKind.MOBILE_HOME, haToMn)
                .add(new MnFaChallenge(challenge))
                .authenticate(AuthenticationKind.FOREIGN_HOME, faToHa)
                .toBytes();

        // foreign agent: check the FA-HA authenticator, drop what follows the Mobile-Home one,
        // add a fresh challenge and its own Mobile-Foreign authenticator (§3.7.3.1, §3.7.3.2; RFC 4721 §3.3)
        RegistrationPacket atFa = RegistrationCodec.decodeReply(fromHa);
        assertThat(Authenticators.verify(atFa, atFa.fields(ForeignHomeAuthentication.class).get(0), faToHa)).isTrue();
        byte[] toMn = RegistrationBuilder.continuing(atFa.bytesThrough(atFa.lastAuthorizationEnablingIndex().orElseThrow()))
                .add(new MnFaChallenge(new byte[] {8, 7, 6, 5}))
                .authenticate(AuthenticationKind.MOBILE_FOREIGN, faToMn)
                .toBytes();

        // mobile node checks both
        RegistrationPacket atMn = RegistrationCodec.decodeReply(toMn);
        assertThat(atMn.reply()).isEqualTo(accepted);
        assertThat(atMn.extensionValues()).hasSize(4);
        assertThat(Authenticators.verify(atMn, atMn.fields(MobileHomeAuthentication.class).get(0), haToMn)).isTrue();
        assertThat(Authenticators.verify(atMn, atMn.fields(MobileForeignAuthentication.class).get(0), faToMn)).isTrue();
        assertThat(atMn.first(MnFaChallenge.class).orElseThrow().challenge()).containsExactly(8, 7, 6, 5);
    }

    @Test
    void builderRefusesWhatIsNotAMessageAndBuildChecksTheOrder() {
        assertThatThrownBy(() -> RegistrationBuilder.continuing(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        RegistrationBuilder wrongOrder = RegistrationBuilder.request(fixed)
                .authenticate(AuthenticationKind.MOBILE_HOME, mnToHa)
                .add(new MobileNodeNai("mn1@home.example"));
        assertThatThrownBy(wrongOrder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RFC 2794");
        assertThat(wrongOrder.toBytes()).hasSize(24 + 22 + 18);
    }

    @Test
    void packetViewsAreCopies() throws MalformedRegistrationException {
        byte[] bytes = RegistrationBuilder.request(fixed).authenticate(AuthenticationKind.MOBILE_HOME, mnToHa).toBytes();
        RegistrationPacket p = RegistrationCodec.decode(bytes);
        bytes[30] ^= 1;
        p.bytes()[30] ^= 1;
        assertThat(Authenticators.verify(p, p.extensions().get(0), mnToHa)).isTrue();
        MobileHomeAuthentication a = (MobileHomeAuthentication) p.extensions().get(0).extension();
        a.authenticator()[0] ^= 1;
        assertThat(Authenticators.verify(p, p.extensions().get(0), mnToHa)).isTrue();
        assertThat(p.bytesBefore(0)).hasSize(24);
        assertThat(p.bytesBefore(1)).hasSize(bytes.length);
    }

    private static byte[] key(int seed) {
        byte[] k = new byte[16];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed + i * 17);
        }
        return k;
    }
}
