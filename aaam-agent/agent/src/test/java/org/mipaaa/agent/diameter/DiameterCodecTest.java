package org.mipaaa.agent.diameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class DiameterCodecTest {

    /**
     * A DWR as RFC 6733 lays it out, written by hand: header (version 1, length 56, R flag, code 280,
     * application 0, hop-by-hop 0x11223344, end-to-end 0x55667788), Origin-Host "a.example"
     * (264, M, 17 octets + 3 padding) and Origin-Realm "example" (296, M, 15 + 1).
     */
    private static final String DWR_HEX = "01000038" + "80000118" + "00000000" + "11223344" + "55667788"
            + "00000108" + "40000011" + "612e6578616d706c65" + "000000"
            + "00000128" + "4000000f" + "6578616d706c65" + "00";

    @Test
    void decodesAMessageWrittenByHand() throws Exception {
        DiameterMessage m = DiameterCodec.decode(HexFormat.of().parseHex(DWR_HEX));

        assertThat(m.isRequest()).isTrue();
        assertThat(m.commandCode()).isEqualTo(280);
        assertThat(m.hopByHop()).isEqualTo(0x11223344L);
        assertThat(m.endToEnd()).isEqualTo(0x55667788L);
        assertThat(m.find(264).orElseThrow().asUtf8()).isEqualTo("a.example");
        assertThat(m.find(296).orElseThrow().asUtf8()).isEqualTo("example");
    }

    @Test
    void encodesToTheSameBytes() throws Exception {
        DiameterMessage m = DiameterCodec.decode(HexFormat.of().parseHex(DWR_HEX));

        assertThat(HexFormat.of().formatHex(DiameterCodec.encode(m))).isEqualTo(DWR_HEX);
    }

    @Test
    void vendorAndGroupedAvpsRoundTrip() throws Exception {
        Avp grouped = Avp.grouped(260, 0, List.of(Avp.unsigned32(266, 32473), Avp.unsigned32(258, 1296629761L)));
        DiameterMessage m = DiameterMessage.request(8408326, 1296629761L, true, List.of(
                Avp.utf8(11, 32473, "2026-11"), grouped, Avp.unsigned64(14, 32473, Long.MAX_VALUE),
                Avp.address(257, InetAddress.getByName("127.0.0.1")), Avp.utf8(269, "agent").optional()));

        DiameterMessage back = DiameterCodec.decode(DiameterCodec.encode(m.withIdentifiers(7, 9)));

        assertThat(back.avps()).isEqualTo(m.avps());
        assertThat(back.applicationId()).isEqualTo(1296629761L);
        assertThat(back.find(11, 32473).orElseThrow().asUtf8()).isEqualTo("2026-11");
        assertThat(back.find(11)).as("vendor 0 is another AVP").isEmpty();
        assertThat(back.find(260).orElseThrow().asGrouped()).extracting(Avp::asUnsigned32).containsExactly(32473L, 1296629761L);
        assertThat(back.find(14, 32473).orElseThrow().asUnsigned64()).isEqualTo(Long.MAX_VALUE);
        assertThat(back.find(269).orElseThrow().mandatory()).isFalse();
    }

    @Test
    void refusesWhatIsNotDiameter() {
        byte[] dwr = HexFormat.of().parseHex(DWR_HEX);
        byte[] wrongVersion = dwr.clone();
        wrongVersion[0] = 2;
        byte[] avpTooLong = dwr.clone();
        avpTooLong[27] = (byte) 0x80;

        assertThatThrownBy(() -> DiameterCodec.decode(wrongVersion)).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> DiameterCodec.decode(avpTooLong)).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> DiameterCodec.decode(java.util.Arrays.copyOf(dwr, 40))).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void anAvpWithTheVendorBitAndVendorId0IsMalformed() {
        // found by DiameterCodecFuzzTest (input finding-v-bit-with-vendor-id-0): read as an IETF AVP it would be
        // the Session-Id for this codec and perhaps not for the next parser (RFC 6733 §4.1: MUST NOT be 0)
        byte[] m = DiameterCodec.encode(DiameterMessage.request(257, 0, false, java.util.List.of(Avp.utf8(263, "s"))));
        byte[] withV = new byte[m.length + 4];
        System.arraycopy(m, 0, withV, 0, 28);
        System.arraycopy(m, 28, withV, 32, m.length - 28);
        withV[3] = (byte) withV.length;
        withV[24] = (byte) (0x80 | withV[24]);
        withV[27] = (byte) (withV[27] + 4);
        assertThatThrownBy(() -> DiameterCodec.decode(withV)).isInstanceOf(MalformedMessageException.class).hasMessageContaining("Vendor-Id 0");
    }
}
