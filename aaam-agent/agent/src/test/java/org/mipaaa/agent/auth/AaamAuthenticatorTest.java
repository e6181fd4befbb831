package org.mipaaa.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.VendorAvpCodes;

class AaamAuthenticatorTest {

    private static final long VENDOR = 32473;
    private static final long APP = 1296629761L;
    private static final AaamSecurityAssociation SA = new AaamSecurityAssociation("mn1@home.example", 4097,
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private static DiameterMessage cqr() {
        return new DiameterMessage(DiameterMessage.FLAG_REQUEST | DiameterMessage.FLAG_PROXIABLE, CommandCodes.CHARGE_QUERY, APP,
                0x11111111L, 0x22222222L, List.of(
                        Avp.utf8(AvpCodes.SESSION_ID, "mn1.home.example;1;1"),
                        Avp.utf8(AvpCodes.USER_NAME, "mn1@home.example"),
                        Avp.utf8(VendorAvpCodes.BILLING_PERIOD, VENDOR, "2026-11")));
    }

    /** {@code message} with {@code extra} appended, encoded. */
    private static byte[] with(DiameterMessage message, Avp... extra) {
        List<Avp> avps = new ArrayList<>(message.avps());
        avps.addAll(List.of(extra));
        return DiameterCodec.encode(new DiameterMessage(message.flags(), message.commandCode(), message.applicationId(),
                message.hopByHop(), message.endToEnd(), avps));
    }

    private static byte[] signed(DiameterMessage message, long counter) {
        return with(message, AaamAuthenticator.sign(DiameterCodec.encode(message), SA, counter, VENDOR));
    }

    private static AaamAuthenticator.Verification verify(byte[] bytes) {
        return AaamAuthenticator.verify(bytes, VENDOR, spi -> spi == SA.spi() ? Optional.of(SA) : Optional.empty());
    }

    @Test
    void aSignedMessageVerifiesWithItsCounter() {
        AaamAuthenticator.Verification v = verify(signed(cqr(), 42));

        assertThat(v).isEqualTo(new AaamAuthenticator.Verification.Verified(SA, 42));
    }

    @Test
    void theValueIsHmacSha256OverTheHeaderFieldsTheAvpsAndSpiAndCounter() throws Exception {
        byte[] bytes = signed(cqr(), 7);
        DiameterMessage decoded = DiameterCodec.decode(bytes);
        Avp authenticator = decoded.find(VendorAvpCodes.AAAM_AUTHENTICATOR, VENDOR).orElseThrow();
        byte[] value = authenticator.asGrouped().get(2).data();

        // computed here from PROTOCOL §3 alone: flags&0xE0, code, app, end-to-end, AVPs, SPI and counter AVPs
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SA.key(), "HmacSHA256"));
        mac.update(new byte[] {(byte) 0xC0, (byte) 0x80, 0x4D, 0x06});
        mac.update(new byte[] {0x4D, 0x49, 0x00, 0x01});
        mac.update(new byte[] {0x22, 0x22, 0x22, 0x22});
        byte[] body = DiameterCodec.encode(cqr());
        mac.update(Arrays.copyOfRange(body, DiameterCodec.HEADER_LENGTH, body.length));
        mac.update(DiameterCodec.encodeAvps(List.of(Avp.unsigned32(VendorAvpCodes.AAAM_SPI, VENDOR, 4097),
                Avp.unsigned64(VendorAvpCodes.AAAM_REPLAY_COUNTER, VENDOR, 7))));

        assertThat(value).hasSize(AaamAuthenticator.VALUE_LENGTH).isEqualTo(mac.doFinal());
    }

    @Test
    void anyChangedOctetOfTheCoveredAvpsFailsTheHmac() {
        byte[] good = signed(cqr(), 1);
        int authenticatorLength = 12 + 16 + 20 + 12 + 32;
        for (int i = DiameterCodec.HEADER_LENGTH; i < good.length - authenticatorLength; i++) {
            byte[] tampered = good.clone();
            tampered[i] ^= 0x01;
            assertThat(verify(tampered)).as("octet %d changed", i).isInstanceOf(AaamAuthenticator.Verification.Refused.class);
        }
    }

    @Test
    void theTFlagAndTheHopByHopIdentifierAreNotCoveredTheEndToEndIdentifierIs() {
        byte[] good = signed(cqr(), 1);

        byte[] retransmitted = good.clone();
        retransmitted[4] |= DiameterMessage.FLAG_RETRANSMITTED;
        byte[] otherHop = good.clone();
        otherHop[12] ^= 0x7F;
        byte[] otherEndToEnd = good.clone();
        otherEndToEnd[19] ^= 0x01;

        assertThat(verify(retransmitted)).isInstanceOf(AaamAuthenticator.Verification.Verified.class);
        assertThat(verify(otherHop)).isInstanceOf(AaamAuthenticator.Verification.Verified.class);
        assertThat(verify(otherEndToEnd)).isInstanceOf(AaamAuthenticator.Verification.Refused.class);
    }

    @Test
    void theCounterIsCovered() throws Exception {
        byte[] good = signed(cqr(), 5);
        DiameterMessage m = DiameterCodec.decode(good);
        List<Avp> members = new ArrayList<>(m.find(VendorAvpCodes.AAAM_AUTHENTICATOR, VENDOR).orElseThrow().asGrouped());
        members.set(1, Avp.unsigned64(VendorAvpCodes.AAAM_REPLAY_COUNTER, VENDOR, 6));
        List<Avp> avps = new ArrayList<>(m.avps().subList(0, m.avps().size() - 1));
        avps.add(Avp.grouped(VendorAvpCodes.AAAM_AUTHENTICATOR, VENDOR, members));

        assertThat(verify(DiameterCodec.encode(new DiameterMessage(m.flags(), m.commandCode(), m.applicationId(),
                m.hopByHop(), m.endToEnd(), avps)))).isInstanceOf(AaamAuthenticator.Verification.Refused.class);
    }

    @Test
    void onlyWhatAgentsAddOrRewriteMayFollowTheAuthenticator() throws Exception {
        DiameterMessage signed = DiameterCodec.decode(signed(cqr(), 1));

        assertThat(verify(with(signed, Avp.utf8(AvpCodes.ROUTE_RECORD, "aaaf.visited.example"),
                Avp.grouped(AvpCodes.PROXY_INFO, 0, List.of(Avp.utf8(AvpCodes.PROXY_HOST, "p.example"))),
                Avp.utf8(AvpCodes.DESTINATION_HOST, "aaah.home.example"))))
                .isInstanceOf(AaamAuthenticator.Verification.Verified.class);
        assertThat(verify(with(signed, Avp.utf8(AvpCodes.ERROR_MESSAGE, "added on the way"))))
                .isEqualTo(new AaamAuthenticator.Verification.Refused("AVP 281 after the AAAM-Authenticator"));
    }

    /** A CQA as the AAAH signs it: Origin-Host and -Realm, and a proxy's Proxy-Info copied in (RFC 6733 §6.2). */
    private static DiameterMessage cqaWithRoutingAvps(String originHost, boolean withProxyInfo) {
        List<Avp> avps = new ArrayList<>(List.of(
                Avp.utf8(AvpCodes.SESSION_ID, "mn1.home.example;1;1"),
                Avp.unsigned32(AvpCodes.RESULT_CODE, 2001),
                Avp.utf8(AvpCodes.ORIGIN_HOST, originHost),
                Avp.utf8(AvpCodes.ORIGIN_REALM, "home.example"),
                Avp.utf8(AvpCodes.USER_NAME, "mn1@home.example")));
        if (withProxyInfo) {
            avps.add(Avp.grouped(AvpCodes.PROXY_INFO, 0, List.of(Avp.utf8(AvpCodes.PROXY_HOST, "proxy.visited.example"),
                    Avp.octets(AvpCodes.PROXY_STATE, 0, new byte[] {1, 2, 3}))));
        }
        return new DiameterMessage(DiameterMessage.FLAG_PROXIABLE, CommandCodes.CHARGE_QUERY, APP, 0x11111111L, 0x22222222L, avps);
    }

    @Test
    void whatAgentsMayChangeOnTheWayIsNotCoveredEverythingElseIs() throws Exception {
        Avp authenticator = AaamAuthenticator.sign(DiameterCodec.encode(cqaWithRoutingAvps("aaah.home.example", true)), SA, 3, VENDOR);

        // the proxy took its Proxy-Info back out (RFC 6733 §6.2.2); an edge agent hid the AAAH's name
        byte[] passedTheProxy = with(cqaWithRoutingAvps("aaah.home.example", false), authenticator);
        byte[] topologyHidden = with(cqaWithRoutingAvps("edge.home.example", true), authenticator);
        DiameterMessage other = cqaWithRoutingAvps("aaah.home.example", true);
        List<Avp> otherUser = new ArrayList<>(other.avps());
        otherUser.set(4, Avp.utf8(AvpCodes.USER_NAME, "mn2@home.example"));
        byte[] anotherUser = with(new DiameterMessage(other.flags(), other.commandCode(), other.applicationId(), other.hopByHop(),
                other.endToEnd(), otherUser), authenticator);

        assertThat(verify(passedTheProxy)).isEqualTo(new AaamAuthenticator.Verification.Verified(SA, 3));
        assertThat(verify(topologyHidden)).isEqualTo(new AaamAuthenticator.Verification.Verified(SA, 3));
        assertThat(verify(anotherUser)).isInstanceOf(AaamAuthenticator.Verification.Refused.class);
    }

    @Test
    void missingUnknownSpiOrAnotherKeyIsRefused() {
        AaamSecurityAssociation otherKey = new AaamSecurityAssociation(SA.nai(), SA.spi(), new byte[32]);
        byte[] wrongKey = with(cqr(), AaamAuthenticator.sign(DiameterCodec.encode(cqr()), otherKey, 1, VENDOR));
        AaamSecurityAssociation otherSpi = new AaamSecurityAssociation(SA.nai(), 9999, SA.key());
        byte[] unknownSpi = with(cqr(), AaamAuthenticator.sign(DiameterCodec.encode(cqr()), otherSpi, 1, VENDOR));

        assertThat(verify(DiameterCodec.encode(cqr()))).isEqualTo(new AaamAuthenticator.Verification.Refused("no AAAM-Authenticator"));
        assertThat(verify(wrongKey)).isEqualTo(new AaamAuthenticator.Verification.Refused("bad HMAC under AAAM-SPI 4097"));
        assertThat(verify(unknownSpi)).isEqualTo(new AaamAuthenticator.Verification.Refused("unknown AAAM-SPI 9999"));
    }

    @Test
    void anAuthenticatorOfAnotherVendorIsNoneAndMalformedMembersAreRefused() {
        byte[] otherVendor = with(cqr(), AaamAuthenticator.sign(DiameterCodec.encode(cqr()), SA, 1, 10415));
        byte[] twoMembers = with(cqr(), Avp.grouped(VendorAvpCodes.AAAM_AUTHENTICATOR, VENDOR, List.of(
                Avp.unsigned32(VendorAvpCodes.AAAM_SPI, VENDOR, 4097), Avp.unsigned64(VendorAvpCodes.AAAM_REPLAY_COUNTER, VENDOR, 1))));
        byte[] shortValue = with(cqr(), Avp.grouped(VendorAvpCodes.AAAM_AUTHENTICATOR, VENDOR, List.of(
                Avp.unsigned32(VendorAvpCodes.AAAM_SPI, VENDOR, 4097), Avp.unsigned64(VendorAvpCodes.AAAM_REPLAY_COUNTER, VENDOR, 1),
                Avp.octets(VendorAvpCodes.AAAM_AUTHENTICATOR_VALUE, VENDOR, new byte[16]))));
        Avp one = AaamAuthenticator.sign(DiameterCodec.encode(cqr()), SA, 1, VENDOR);

        assertThat(verify(otherVendor)).isEqualTo(new AaamAuthenticator.Verification.Refused("no AAAM-Authenticator"));
        assertThat(verify(twoMembers)).isInstanceOf(AaamAuthenticator.Verification.Refused.class);
        assertThat(verify(shortValue)).isInstanceOf(AaamAuthenticator.Verification.Refused.class);
        assertThat(verify(with(cqr(), one, one))).isEqualTo(new AaamAuthenticator.Verification.Refused("two AAAM-Authenticator AVPs"));
        assertThat(verify(new byte[] {1, 0, 0})).isInstanceOf(AaamAuthenticator.Verification.Refused.class);
    }
}
