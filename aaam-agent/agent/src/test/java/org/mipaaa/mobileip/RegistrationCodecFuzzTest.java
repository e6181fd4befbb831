package org.mipaaa.mobileip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.mipaaa.fuzz.Fuzzing;

/**
 * Fuzz target (docs/FUZZING.md): the Mobile IPv4 registration codec on any UDP payload a mobile node,
 * foreign agent or home agent could receive: a request or reply with its extensions, or a
 * {@link MalformedRegistrationException} that says how to answer.
 */
public class RegistrationCodecFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decodeRefusesWithAReplyCodeOrRoundTrips(byte[] payload) throws Exception {
        check(payload);
    }

    /** The properties, for this target and for {@link org.mipaaa.fuzz.AgentParsersFuzzTest}. */
    public static void check(byte[] payload) throws Exception {
        RegistrationPacket packet;
        try {
            packet = RegistrationCodec.decode(payload);
        } catch (MalformedRegistrationException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.offset()).isBetween(0, Math.max(0, payload.length));
            for (Receiver receiver : Receiver.values()) {
                e.replyCode(receiver).ifPresent(code -> assertThat(code).isBetween(64, 255));
            }
            e.silentlyDiscard();
            return;
        }
        assertThat(packet.isRequest()).isNotEqualTo(packet.isReply());
        assertThat(packet.bytes()).isEqualTo(payload);
        int end = packet.message().fixedLength();
        for (ExtensionField f : packet.extensions()) {
            assertThat(f.offset()).as("extensions follow each other").isEqualTo(end);
            assertThat(f.length()).isEqualTo(f.extension().encodedLength());
            end = f.end();
            if (f.isAuthentication()) {
                assertThat(f.authenticatorOffset()).isBetween(f.offset(), f.end());
            }
        }
        assertThat(end).isEqualTo(payload.length);
        byte[] again = RegistrationCodec.encode(packet.message(), packet.extensionValues());
        // reserved fields are written as zero, so the octets may differ there; the meaning may not
        assertThat(again).hasSameSizeAs(payload);
        RegistrationPacket reread = RegistrationCodec.decode(again);
        assertThat(reread.message()).isEqualTo(packet.message());
        assertThat(reread.extensionValues()).isEqualTo(packet.extensionValues());
        assertThat(Fuzzing.parse(MalformedRegistrationException.class,
                () -> packet.isRequest() ? RegistrationCodec.decodeRequest(payload) : RegistrationCodec.decodeReply(payload))).isPresent();
        packet.lastAuthorizationEnablingIndex().ifPresent(i -> assertThat(packet.bytesThrough(i).length).isLessThanOrEqualTo(payload.length));
        Fuzzing.boundedText(packet, payload.length, 8);
    }
}
