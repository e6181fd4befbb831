package org.mipaaa.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;

class FrameReaderTest {

    private int started;
    private int completed;

    private FrameReader reader(byte[] bytes, int max) {
        return new FrameReader(new ByteArrayInputStream(bytes), max, new FrameReader.Progress() {
            @Override
            public void messageStarted() {
                started++;
            }

            @Override
            public void messageComplete() {
                completed++;
            }
        });
    }

    private static byte[] dwr() throws Exception {
        MessageParser parser = new MessageParser();
        IMessage dwr = parser.createEmptyMessage(CommandCodes.DEVICE_WATCHDOG, 0);
        dwr.setRequest(true);
        dwr.getAvps().addAvp(AvpCodes.ORIGIN_HOST, "aaaf.visited.example", true, false, true);
        dwr.getAvps().addAvp(AvpCodes.ORIGIN_REALM, "visited.example", true, false, true);
        ByteBuffer b = parser.encodeMessage(dwr);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void wholeMessagesComeOutOneByOneThenNullAtTheEnd() throws Exception {
        byte[] one = dwr();
        FrameReader r = reader(concat(one, one), 4096);

        assertThat(r.next()).isEqualTo(one);
        assertThat(r.next()).isEqualTo(one);
        assertThat(r.next()).isNull();
        assertThat(started).isEqualTo(2);
        assertThat(completed).isEqualTo(2);
    }

    @Test
    void aVersionOtherThanOneIsRefusedAtTheFirstByte() {
        byte[] m = new byte[] {2, 0, 0, 20};
        assertThatThrownBy(() -> reader(m, 4096).next()).isInstanceOf(FramingException.class).hasMessageContaining("version 2");
    }

    @Test
    void aLengthShorterThanTheHeaderIsRefused() {
        assertThatThrownBy(() -> reader(new byte[] {1, 0, 0, 12}, 4096).next())
                .isInstanceOf(FramingException.class).hasMessageContaining("shorter than the 20-octet header");
    }

    @Test
    void aHugeDeclaredLengthIsRefusedBeforeAnythingIsBuffered() {
        // 16 MiB - 1 declared, 4 octets sent: refused from the header alone
        assertThatThrownBy(() -> reader(new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFC}, 1 << 20).next())
                .isInstanceOf(FramingException.class).hasMessageContaining("exceeds the maximum");
    }

    @Test
    void aLengthThatIsNotAMultipleOfFourIsRefused() {
        assertThatThrownBy(() -> reader(new byte[] {1, 0, 0, 22}, 4096).next())
                .isInstanceOf(FramingException.class).hasMessageContaining("multiple of 4");
    }

    @Test
    void anAvpRunningPastTheMessageIsRefused() throws Exception {
        byte[] m = dwr();
        // the first AVP (Origin-Host) claims 200 octets
        m[20 + 7] = (byte) 200;
        assertThatThrownBy(() -> reader(m, 4096).next())
                .isInstanceOf(FramingException.class).hasMessageContaining("runs past the message");
    }

    @Test
    void anAvpShorterThanItsHeaderIsRefused() throws Exception {
        byte[] m = dwr();
        m[20 + 7] = 4;
        assertThatThrownBy(() -> reader(m, 4096).next())
                .isInstanceOf(FramingException.class).hasMessageContaining("less than its header");
    }

    @Test
    void theEndOfTheStreamInsideAMessageIsAnError() throws Exception {
        byte[] m = dwr();
        byte[] cut = java.util.Arrays.copyOf(m, m.length - 3);
        assertThatThrownBy(() -> reader(cut, 4096).next())
                .isInstanceOf(FramingException.class).hasMessageContaining("closed inside a message");
        assertThat(started).isEqualTo(1);
        assertThat(completed).isZero();
    }

    /** A CER's Vendor-Specific-Application-Id alone: Vendor-Id, then Auth-Application-Id of the length given. */
    private static byte[] cer(int authApplicationIdLength) {
        int vsai = 8 + 12 + authApplicationIdLength;
        int length = 20 + ((vsai + 3) & ~3);
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(1 << 24 | length).putInt(0x80 << 24 | CommandCodes.CAPABILITIES_EXCHANGE).putInt(0).putInt(1).putInt(1);
        b.putInt(AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID).putInt(0x40 << 24 | vsai);
        b.putInt(AvpCodes.VENDOR_ID).putInt(0x40 << 24 | 12).putInt(32473);
        b.putInt(AvpCodes.AUTH_APPLICATION_ID).putInt(0x40 << 24 | authApplicationIdLength);
        return b.array();
    }

    @Test
    void aVendorSpecificApplicationIdOfWholeMembersPasses() throws Exception {
        byte[] m = cer(12);

        assertThat(reader(m, 4096).next()).isEqualTo(m);
    }

    /**
     * FrameReaderFuzzTest's finding-grouped-member-without-padding: jDiameter opens this AVP by itself
     * (MessageImpl.getApplicationIdAvps, for a CER and for each request it routes) and its parser loops
     * forever on a last member without its padding.
     */
    @Test
    void aVendorSpecificApplicationIdWhoseLastMemberLacksItsPaddingIsRefused() {
        // Auth-Application-Id of 9 octets: the group ends 3 octets short of its padding
        byte[] m = cer(9);

        assertThatThrownBy(() -> reader(m, 4096).next())
                .isInstanceOf(FramingException.class).hasMessageContaining("runs past its Vendor-Specific-Application-Id");
    }

    @Test
    void originHostIsReadStraightFromTheBytes() throws Exception {
        assertThat(Frames.originHost(dwr())).isEqualTo("aaaf.visited.example");
    }

    @Test
    void anEmptyStreamIsAPeerThatClosedBetweenMessages() throws IOException {
        assertThat(reader(new byte[0], 4096).next()).isNull();
        assertThat(started).isZero();
    }
}
