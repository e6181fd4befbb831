package org.mipaaa.mobileip.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.VendorIds;
import org.mipaaa.mobileip.AuthenticationKind;
import org.mipaaa.mobileip.BusySignal;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.MnFaKeyGenerationNonceReply;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceReply;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MobileForeignAuthentication;
import org.mipaaa.mobileip.MobileHomeAuthentication;
import org.mipaaa.mobileip.MobileNodeNai;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.RegistrationReply;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.auth.Authenticators;
import org.mipaaa.mobileip.auth.KeyDerivation;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.auth.MobilitySecurityAssociation;

/**
 * The mobile node against a home side played here with the codec alone: the AAAH's nonces, the keys
 * it derives from them (RFC 3957 §5), the home agent's and foreign agent's authenticators.
 */
class MobileNodeTest {

    private static final String NAI = "mn1@home.example";
    private final byte[] aaaKey = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private final MnAaaSecurityAssociation aaa = MnAaaSecurityAssociation.of(256, aaaKey);
    private final Inet4Address homeAgent = Ipv4.parse("10.1.0.1");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    private final MobileNode node = new MobileNode(NAI, aaa, homeAgent, clock);
    private final byte[] challenge = {11, 22, 33, 44, 55, 66, 77, 88};

    /** The reply as the home agent (nonces, Mobile-Home) and the foreign agent (Mobile-Foreign) build it. */
    private byte[] reply(RegistrationPacket request, byte[] haKey, byte[] faKey, byte[] haNonce, byte[] faNonce) {
        long mnSpiForHa = request.first(MnHaKeyGenerationNonceRequest.class).orElseThrow().mobileNodeSpi();
        RegistrationReply fixed = new RegistrationReply(ReplyCode.ACCEPTED, 600, Ipv4.parse("10.1.0.10"), homeAgent,
                request.request().identification());
        return RegistrationBuilder.reply(fixed)
                .add(new MobileNodeNai(NAI))
                .add(new MnHaKeyGenerationNonceReply(600, 256, 0x2000, 1, MnHaKeyGenerationNonceReply.REPLAY_TIMESTAMPS, haNonce))
                .authenticate(AuthenticationKind.MOBILE_HOME, MobilitySecurityAssociation.hmacMd5(mnSpiForHa, haKey))
                .add(new MnFaKeyGenerationNonceReply(600, 256, 0x3000, 1, faNonce))
                .authenticate(AuthenticationKind.MOBILE_FOREIGN, MobilitySecurityAssociation.hmacMd5(0x1001, faKey))
                .toBytes();
    }

    @Test
    void theFirstRegistrationCarriesTheNaiTheChallengeAndAValidMnAaaAuthenticator() throws Exception {
        MobileNode.FirstRegistration first = node.firstRegistration(Ipv4.parse("192.0.2.7"), challenge, 600);

        RegistrationPacket atAaah = RegistrationCodec.decodeRequest(first.bytes());
        assertThat(atAaah.nai()).contains(NAI);
        assertThat(atAaah.first(MnFaChallenge.class).orElseThrow().challenge()).containsExactly(challenge);
        assertThat(Authenticators.verifyMnAaa(atAaah, aaa)).isTrue();
        assertThat(Authenticators.verifyMnAaa(atAaah, MnAaaSecurityAssociation.of(256, "another-key-16by".getBytes(StandardCharsets.US_ASCII)))).isFalse();
    }

    @Test
    void anAcceptedReplyGivesTheKeysTheHomeSideDerivedFromItsNonces() throws Exception {
        MobileNode.FirstRegistration first = node.firstRegistration(Ipv4.parse("192.0.2.7"), challenge, 600);
        RegistrationPacket request = RegistrationCodec.decodeRequest(first.bytes());
        SecureRandom random = new SecureRandom();
        byte[] haNonce = KeyDerivation.newNonce(random);
        byte[] faNonce = KeyDerivation.newNonce(random);
        byte[] id = NAI.getBytes(StandardCharsets.UTF_8);
        byte[] haKey = KeyDerivation.deriveKey(aaaKey, haNonce, id);
        byte[] faKey = KeyDerivation.deriveKey(aaaKey, faNonce, id);

        MobileNode.Outcome outcome = first.accept(reply(request, haKey, faKey, haNonce, faNonce));

        assertThat(outcome.accepted()).as(outcome.problem()).isTrue();
        assertThat(outcome.mnHaKey()).isEqualTo(haKey);
        assertThat(outcome.mnFaKey()).isEqualTo(faKey);
        assertThat(outcome.haSpi()).isEqualTo(0x2000);
        assertThat(outcome.homeAddress()).isEqualTo(Ipv4.parse("10.1.0.10"));
    }

    @Test
    void aReplyAuthenticatedWithAKeyNotFromTheNonceIsRefused() throws Exception {
        MobileNode.FirstRegistration first = node.firstRegistration(Ipv4.parse("192.0.2.7"), challenge, 600);
        RegistrationPacket request = RegistrationCodec.decodeRequest(first.bytes());
        SecureRandom random = new SecureRandom();
        byte[] haNonce = KeyDerivation.newNonce(random);
        byte[] faNonce = KeyDerivation.newNonce(random);
        byte[] wrongKey = KeyDerivation.newSessionKey(random);
        byte[] faKey = KeyDerivation.deriveKey(aaaKey, faNonce, NAI.getBytes(StandardCharsets.UTF_8));

        MobileNode.Outcome outcome = first.accept(reply(request, wrongKey, faKey, haNonce, faNonce));

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.problem()).contains("Mobile-Home");
    }

    @Test
    void s2004_busyTravelsUnderTheAuthenticatorOfEveryLaterRegistrationAndNothingIsSaidBefore() throws Exception {
        RegistrationPacket silent = RegistrationCodec.decodeRequest(
                node.firstRegistration(Ipv4.parse("192.0.2.7"), challenge, 600).bytes());
        assertThat(BusySignal.in(silent, VendorIds.MIP_AAA_DEFAULT)).isEmpty();

        MobileNode.Outcome registered = registered();
        node.busy(true);
        RegistrationPacket first = RegistrationCodec.decodeRequest(
                node.firstRegistration(Ipv4.parse("192.0.2.7"), challenge, 600).bytes());
        assertThat(BusySignal.in(first, VendorIds.MIP_AAA_DEFAULT)).contains(true);
        assertThat(Authenticators.verifyMnAaa(first, aaa)).isTrue();

        node.busy(false);
        RegistrationPacket renewal = RegistrationCodec.decodeRequest(
                node.renewal(registered, Ipv4.parse("192.0.2.7"), 600).bytes());
        assertThat(BusySignal.in(renewal, VendorIds.MIP_AAA_DEFAULT)).contains(false);
        assertThat(BusySignal.in(renewal, 9L)).as("another carrier's number").isEmpty();
        assertThat(Authenticators.verify(renewal, renewal.fields(MobileHomeAuthentication.class).get(0),
                MobilitySecurityAssociation.hmacMd5(0x2000, registered.mnHaKey()))).isTrue();
    }

    @Test
    void theBusyExtensionCarriesTheCarriersOwnVendorId() throws Exception {
        MobileNode carrierNode = new MobileNode(NAI, aaa, homeAgent, clock, 99_999L);
        carrierNode.busy(true);
        RegistrationPacket first = RegistrationCodec.decodeRequest(
                carrierNode.firstRegistration(Ipv4.parse("192.0.2.7"), challenge, 600).bytes());
        assertThat(BusySignal.in(first, 99_999L)).contains(true);
        assertThat(BusySignal.in(first, VendorIds.MIP_AAA_DEFAULT)).isEmpty();
    }

    @Test
    void backHomeItDeregistersWithTheHomeAddressAsCareOfAddressAndOnlyTheMobileHomeAuthenticator() throws Exception {
        MobileNode.Outcome registered = registered();
        MobileNode.Renewal home = node.returnHome(registered);

        RegistrationPacket atHa = RegistrationCodec.decodeRequest(home.bytes());
        assertThat(atHa.request().lifetime()).isZero();
        assertThat(atHa.request().careOfAddress()).isEqualTo(registered.homeAddress());
        assertThat(atHa.request().homeAddress()).isEqualTo(registered.homeAddress());
        assertThat(atHa.fields(MobileHomeAuthentication.class)).hasSize(1);
        assertThat(atHa.fields(MobileForeignAuthentication.class)).isEmpty();
        assertThat(Authenticators.verify(atHa, atHa.fields(MobileHomeAuthentication.class).get(0),
                MobilitySecurityAssociation.hmacMd5(0x2000, registered.mnHaKey()))).isTrue();

        // the home agent answers straight, with its Mobile-Home authenticator and no foreign agent's
        byte[] reply = RegistrationBuilder.reply(new RegistrationReply(ReplyCode.ACCEPTED, 0, registered.homeAddress(), homeAgent,
                        atHa.request().identification()))
                .authenticate(AuthenticationKind.MOBILE_HOME, MobilitySecurityAssociation.hmacMd5(0x1000, registered.mnHaKey()))
                .toBytes();
        MobileNode.Outcome back = home.accept(reply);
        assertThat(back.accepted()).as(back.problem()).isTrue();

        byte[] forged = RegistrationBuilder.reply(new RegistrationReply(ReplyCode.ACCEPTED, 0, registered.homeAddress(), homeAgent,
                        atHa.request().identification()))
                .authenticate(AuthenticationKind.MOBILE_HOME, MobilitySecurityAssociation.hmacMd5(0x1000, registered.mnFaKey()))
                .toBytes();
        assertThat(home.accept(forged).accepted()).isFalse();
    }

    /** A first registration accepted with keys derived from fresh nonces. */
    private MobileNode.Outcome registered() throws Exception {
        MobileNode.FirstRegistration first = node.firstRegistration(Ipv4.parse("192.0.2.7"), challenge, 600);
        RegistrationPacket request = RegistrationCodec.decodeRequest(first.bytes());
        SecureRandom random = new SecureRandom();
        byte[] haNonce = KeyDerivation.newNonce(random);
        byte[] faNonce = KeyDerivation.newNonce(random);
        byte[] id = NAI.getBytes(StandardCharsets.UTF_8);
        MobileNode.Outcome outcome = first.accept(reply(request, KeyDerivation.deriveKey(aaaKey, haNonce, id),
                KeyDerivation.deriveKey(aaaKey, faNonce, id), haNonce, faNonce));
        assertThat(outcome.accepted()).as(outcome.problem()).isTrue();
        return outcome;
    }
}
