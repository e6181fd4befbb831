package org.mipaaa.diameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jdiameter.api.Avp;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;

/** The AVP readers on what jDiameter's parser makes of received octets. */
class AvpsTest {

    private final MessageParser parser = new MessageParser();

    /** Proxy-Host "relay.example" (21 octets, padded to 24), then Proxy-State of {@code state} octets, unpadded. */
    static byte[] proxyInfoMembers(int state) {
        byte[] host = "relay.example".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(24 + 8 + state);
        b.putInt(AvpCodes.PROXY_HOST).putInt(0x40 << 24 | (8 + host.length)).put(host).put(new byte[3]);
        b.putInt(AvpCodes.PROXY_STATE).putInt(0x40 << 24 | (8 + state)).put(new byte[state]);
        return b.array();
    }

    /** A DWR whose one AVP is {@code code} with {@code data}, parsed from its octets as the transport hands them over. */
    private Avp received(int code, byte[] data) throws Exception {
        int length = 8 + data.length;
        int padded = (length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(20 + padded);
        b.putInt(1 << 24 | (20 + padded)).putInt(0x80 << 24 | CommandCodes.DEVICE_WATCHDOG).putInt(0).putInt(1).putInt(1);
        b.putInt(code).putInt(0x40 << 24 | length).put(data);
        IMessage m = parser.createMessage(b.array());
        return m.getAvps().getAvp(code);
    }

    @Test
    void membersEachWithItsPaddingAreAGroup() throws Exception {
        Avp proxyInfo = received(AvpCodes.PROXY_INFO, proxyInfoMembers(4));

        assertThat(Avps.grouped(proxyInfo).getAvp(AvpCodes.PROXY_STATE).getOctetString()).hasSize(4);
    }

    /**
     * FrameReaderFuzzTest's finding-grouped-member-without-padding: jDiameter 1.7.1's getGrouped skips a
     * member's padding in a loop that never ends when the padding is not there.
     */
    @Test
    void aGroupedAvpWhoseLastMemberLacksItsPaddingIsInvalidBeforeJDiameterLoopsOnIt() throws Exception {
        Avp proxyInfo = received(AvpCodes.PROXY_INFO, proxyInfoMembers(3));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> Avps.grouped(proxyInfo))
                .isInstanceOf(Avps.Invalid.class).hasMessageContaining("runs past its data"));
    }

    /**
     * Found in FrameReaderFuzzTest's output: jDiameter's getRawData on an AVP with no data throws a
     * NullPointerException inside jDiameter, which catches it and prints its stack trace, once per such AVP.
     */
    @Test
    void anAvpWithNoDataHasNoDataAndJDiameterPrintsNothing() throws Exception {
        Avp empty = received(AvpCodes.PROXY_STATE, new byte[0]);

        StandardError.Printed<byte[]> data = StandardError.during(() -> Avps.data(empty));

        assertThat(data.result()).isEmpty();
        assertThat(data.text()).isEmpty();
    }

    @Test
    void aGroupedAvpJDiameterHasOpenedKeepsItsData() throws Exception {
        byte[] members = proxyInfoMembers(4);
        Avp proxyInfo = received(AvpCodes.PROXY_INFO, members);
        Avps.grouped(proxyInfo);

        assertThat(proxyInfo.getRaw()).as("jDiameter drops the octets of a group it opened").isEmpty();
        assertThat(Avps.data(proxyInfo)).isEqualTo(members);
    }
}
