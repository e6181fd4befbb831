package org.mipaaa.mobileip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.mobileip.auth.Authenticators;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.auth.MobilitySecurityAssociation;

/**
 * The MN -> FA leg as real UDP on the loopback: the mobile node sends an encoded request to the
 * foreign agent's port 434 (RFC 5944 §3.3), the foreign agent decodes and checks it and answers
 * from port 434 to the mobile node's source port (§3.4, §3.7.2.3). Port 434 needs root (CI runs as
 * root); elsewhere, or when 434 is taken, the foreign agent binds an ephemeral port and the test
 * says so on stdout.
 */
class UdpLoopbackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void requestTravelsToPort434AndTheReplyComesBack() throws Exception {
        MobilitySecurityAssociation mnHa = MobilitySecurityAssociation.hmacMd5(256, bytes(16, 1));
        MobilitySecurityAssociation mnFa = MobilitySecurityAssociation.hmacMd5(4097, bytes(16, 2));
        MnAaaSecurityAssociation aaa = MnAaaSecurityAssociation.of(300, bytes(16, 3));
        byte[] challenge = bytes(8, 4);
        RegistrationRequest fixed = new RegistrationRequest(RequestFlag.octet(RequestFlag.REVERSE_TUNNELING), 1800,
                Ipv4.parse("203.0.113.5"), Ipv4.parse("192.0.2.1"), Ipv4.parse("198.51.100.1"),
                Identification.ntpTimestamp(java.time.Instant.now(), 1));
        byte[] request = RegistrationBuilder.request(fixed)
                .add(new MobileNodeNai("mn1@home.example"))
                .authenticate(AuthenticationKind.MOBILE_HOME, mnHa)
                .add(new MnFaChallenge(challenge))
                .authenticate(AuthenticationKind.MN_AAA, aaa.forChallenge(challenge))
                .authenticate(AuthenticationKind.MOBILE_FOREIGN, mnFa)
                .toBytes();

        try (DatagramSocket fa = foreignAgentSocket(); DatagramSocket mn = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            fa.setSoTimeout(5000);
            mn.setSoTimeout(5000);
            mn.send(new DatagramPacket(request, request.length, fa.getLocalSocketAddress()));

            DatagramPacket in = new DatagramPacket(new byte[65535], 65535);
            fa.receive(in);
            byte[] payload = Arrays.copyOfRange(in.getData(), in.getOffset(), in.getOffset() + in.getLength());
            assertThat(payload).isEqualTo(request);
            assertThat(in.getPort()).isEqualTo(mn.getLocalPort());

            RegistrationPacket received = RegistrationCodec.decodeRequest(payload);
            assertThat(received.request()).isEqualTo(fixed);
            assertThat(received.nai()).contains("mn1@home.example");
            assertThat(Authenticators.verify(received,
                    received.fields(MobileForeignAuthentication.class).get(0), mnFa)).isTrue();
            assertThat(Authenticators.verifyMnAaa(received, aaa)).isTrue();

            // the FA denies (as it would for a stale challenge) from port 434 to the MN's source port
            RegistrationReply denial = new RegistrationReply(ReplyCode.FA_STALE_CHALLENGE, fixed.lifetime(),
                    fixed.homeAddress(), fixed.homeAgent(), fixed.identification());
            byte[] reply = RegistrationBuilder.reply(denial).add(new MnFaChallenge(bytes(8, 9)))
                    .authenticate(AuthenticationKind.MOBILE_FOREIGN, mnFa).toBytes();
            fa.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));

            DatagramPacket back = new DatagramPacket(new byte[65535], 65535);
            mn.receive(back);
            assertThat(back.getPort()).isEqualTo(fa.getLocalPort());
            RegistrationPacket answer = RegistrationCodec.decodeReply(
                    Arrays.copyOfRange(back.getData(), back.getOffset(), back.getOffset() + back.getLength()));
            assertThat(answer.reply().code()).isEqualTo(106);
            assertThat(Identification.lowOrderBitsMatch(fixed.identification(), answer.reply().identification())).isTrue();
            assertThat(Authenticators.verify(answer, answer.extensions().get(1), mnFa)).isTrue();
            assertThat(Authenticators.verify(answer, answer.extensions().get(1),
                    new MobilitySecurityAssociation(4097, AuthAlgorithm.HMAC_MD5, bytes(16, 5)))).isFalse();
        }
    }

    private static DatagramSocket foreignAgentSocket() throws SocketException {
        try {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 434));
            System.out.println("UdpLoopbackTest: foreign agent bound to " + s.getLocalSocketAddress());
            return s;
        } catch (SocketException e) {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            System.out.println("UdpLoopbackTest: port 434 unavailable (" + e.getMessage()
                    + "; it needs root), foreign agent on ephemeral port " + s.getLocalPort());
            return s;
        }
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }
}
