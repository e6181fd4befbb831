package org.mipaaa.mobileip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mipaaa.mobileip.MalformedRegistrationException.Problem;

/**
 * Malformed inputs (src/test/resources/mobileip/malformed, built by hand): each is rejected with a
 * typed exception naming the problem and the reply code each receiver answers with; and no input
 * at all makes the decoder throw anything else.
 */
class MalformedInputTest {

    static List<Path> malformed() {
        return TestData.files("mobileip/malformed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isRejectedWithTheProblemAndTheReplyCodes(Path file) {
        Properties p = TestData.load(file);
        byte[] bytes = TestData.hex(p.getProperty("hex", ""));
        String decode = p.getProperty("decode").trim();

        MalformedRegistrationException e = catchThrowableOfType(MalformedRegistrationException.class, () -> {
            switch (decode) {
                case "request" -> RegistrationCodec.decodeRequest(bytes);
                case "reply" -> RegistrationCodec.decodeReply(bytes);
                default -> RegistrationCodec.decode(bytes);
            }
        });

        assertThat(e).as(TestData.name(file)).isNotNull();
        assertThat(e.problem()).as(e.getMessage()).isEqualTo(Problem.valueOf(p.getProperty("problem").trim()));
        for (Receiver r : Receiver.values()) {
            String expected = p.getProperty("replyCode." + r).trim();
            assertThat(e.replyCode(r)).as("%s code at %s", TestData.name(file), r)
                    .isEqualTo(expected.equals("none") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(expected)));
        }
        assertThat(e.silentlyDiscard()).isEqualTo(Boolean.parseBoolean(p.getProperty("silentlyDiscard").trim()));
        assertThat(e.offset()).isBetween(0, bytes.length);
    }

    @Test
    void everyProblemHasADataFile() {
        assertThat(malformed().stream().map(f -> Problem.valueOf(TestData.load(f).getProperty("problem").trim())))
                .containsAll(List.of(Problem.values()));
    }

    @Test
    void aReplyIsTheWrongTypeForDecodeRequestAndTheOtherWayRound() throws MalformedRegistrationException {
        GoldenVector reply = GoldenVector.all().stream().filter(v -> v.message instanceof RegistrationReply)
                .findFirst().orElseThrow();
        GoldenVector request = GoldenVector.all().stream().filter(v -> v.message instanceof RegistrationRequest)
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> RegistrationCodec.decodeRequest(reply.bytes))
                .isInstanceOfSatisfying(MalformedRegistrationException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_MESSAGE_TYPE));
        assertThatThrownBy(() -> RegistrationCodec.decodeReply(request.bytes))
                .isInstanceOfSatisfying(MalformedRegistrationException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_MESSAGE_TYPE));
        assertThat(RegistrationCodec.decodeReply(reply.bytes).isReply()).isTrue();
        assertThat(RegistrationCodec.decodeRequest(request.bytes).isRequest()).isTrue();
    }

    @Test
    void anUnknownSkippableExtensionIsKeptAndTheRestIsDecoded() throws MalformedRegistrationException {
        RegistrationRequest fixed = new RegistrationRequest(0, 60, Ipv4.parse("203.0.113.5"),
                Ipv4.parse("192.0.2.1"), Ipv4.parse("198.51.100.1"), 7L);
        byte[] bytes = RegistrationCodec.encode(fixed, List.of(new UnknownExtension(255, new byte[] {1, 2, 3}),
                new UnknownExtension(128, new byte[0]), new MobileNodeNai("a@b")));
        RegistrationPacket p = RegistrationCodec.decode(bytes);
        assertThat(p.extensionValues()).containsExactly(new UnknownExtension(255, new byte[] {1, 2, 3}),
                new UnknownExtension(128, new byte[0]), new MobileNodeNai("a@b"));
    }

    @Test
    void oneBytePaddingHasNoLength() throws MalformedRegistrationException {
        RegistrationRequest fixed = new RegistrationRequest(0, 60, Ipv4.parse("203.0.113.5"),
                Ipv4.parse("192.0.2.1"), Ipv4.parse("198.51.100.1"), 7L);
        byte[] bytes = RegistrationCodec.encode(fixed, List.of(new OneBytePadding(), new MobileNodeNai("a@b")));
        assertThat(bytes).hasSize(24 + 1 + 5);
        assertThat(RegistrationCodec.decode(bytes).extensionValues())
                .containsExactly(new OneBytePadding(), new MobileNodeNai("a@b"));
    }

    /** Every prefix, every single-byte change and random garbage: a packet or a typed exception, nothing else. */
    @Test
    void noInputMakesTheDecoderThrowAnythingButTheTypedException() {
        Random random = new Random(4004);
        long decoded = 0;
        long rejected = 0;
        for (GoldenVector v : GoldenVector.all()) {
            for (int len = 0; len <= v.bytes.length; len++) {
                if (outcome(java.util.Arrays.copyOf(v.bytes, len))) {
                    decoded++;
                } else {
                    rejected++;
                }
            }
            for (int pos = 0; pos < v.bytes.length; pos++) {
                for (int value : new int[] {0x00, 0xff, v.bytes[pos] ^ 0x80, random.nextInt(256)}) {
                    byte[] b = v.bytes.clone();
                    b[pos] = (byte) value;
                    if (outcome(b)) {
                        decoded++;
                    } else {
                        rejected++;
                    }
                }
            }
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(120)];
            random.nextBytes(b);
            if (b.length > 0) {
                b[0] = (byte) (random.nextBoolean() ? 1 : 3);
            }
            if (outcome(b)) {
                decoded++;
            } else {
                rejected++;
            }
        }
        assertThat(decoded).isPositive();
        assertThat(rejected).isPositive();
    }

    /** True if decoded, false if rejected with the typed exception; anything else fails the test. */
    private static boolean outcome(byte[] bytes) {
        try {
            RegistrationPacket p = RegistrationCodec.decode(bytes);
            // what decodes re-encodes to a message of the same length
            assertThat(RegistrationCodec.encode(p.message(), p.extensionValues())).hasSize(bytes.length);
            return true;
        } catch (MalformedRegistrationException e) {
            assertThat(e.offset()).isBetween(0, bytes.length);
            return false;
        }
    }
}
