package org.mipaaa.mobileip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Found by RegistrationCodecFuzzTest (input finding-padding-text-blowup): a log line stays short whatever a peer sent. */
class RegistrationPacketTextTest {

    @Test
    void aRequestOfThousandsOfPaddingOctetsPrintsAsAShortLine() throws Exception {
        byte[] payload = new byte[24 + 60_000]; // a request's fixed part, then 60 000 one-octet paddings (type 0)
        payload[0] = 1;
        RegistrationPacket packet = RegistrationCodec.decode(payload);
        assertThat(packet.extensions()).hasSize(60_000);
        assertThat(packet.toString()).hasSizeLessThan(1024).endsWith("... 59984 more]]");
    }
}
