package org.mipaaa.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.FailedAvp;
import org.mipaaa.diameter.MessageValidator;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.fuzz.Fuzzing;

/**
 * Fuzz target (docs/FUZZING.md): the transport's framing ({@link FrameReader}) of any byte stream a peer
 * could send, and what reads each frame it yields next: jDiameter's parser, the AVP readers of the
 * handlers ({@link Avps}) and the {@link MessageValidator}.
 *
 * <p>The input is four octets of set-up, then the stream: octet 0 how many octets each read returns
 * (0: as many as asked), octets 1-2 the maximum message length beyond the 20-octet header, octet 3 the
 * reader's buffer (0: the 64 KiB the connection uses, else 4 to 258 octets, so that messages straddle
 * it).
 */
public class FrameReaderFuzzTest {

    /** What the validator may answer (RFC 6733 §7; MessageValidator's documentation). */
    private static final Set<Long> REFUSALS = Set.of((long) ResultCodes.COMMAND_UNSUPPORTED, (long) ResultCodes.AVP_UNSUPPORTED,
            (long) ResultCodes.MISSING_AVP, (long) ResultCodes.AVP_OCCURS_TOO_MANY_TIMES, (long) ResultCodes.INVALID_AVP_VALUE);
    /** Grouped AVPs within Grouped AVPs the walk opens; more than the validator's limit, to see past it. */
    private static final int WALK_DEPTH = 2 * MessageValidator.MAX_DEPTH;
    private static final MessageValidator VALIDATOR = new MessageValidator(Dictionary.bundled());

    @FuzzTest(maxDuration = "10s")
    void framesAreWholeBoundedMessagesThatParseOrTheStreamIsRefused(byte[] input) throws Exception {
        check(input);
    }

    /** The properties. */
    public static void check(byte[] input) throws Exception {
        int chunk = octet(input, 0);
        int maxLength = TransportSettings.HEADER_LENGTH + (octet(input, 1) << 8 | octet(input, 2));
        int bufferSize = octet(input, 3) == 0 ? 64 * 1024 : 3 + octet(input, 3);
        byte[] stream = input.length > 4 ? Arrays.copyOfRange(input, 4, input.length) : new byte[0];

        Peer peer = new Peer(stream, chunk);
        Progress progress = new Progress();
        FrameReader reader = new FrameReader(peer, maxLength, progress, bufferSize);
        int consumed = 0;
        int frames = 0;
        while (true) {
            int expected = expectedFrame(stream, consumed, maxLength);
            byte[] frame;
            try {
                frame = reader.next();
            } catch (FramingException refused) {
                assertThat(expected).as("refused: %s", refused.getMessage()).isIn(REFUSED_BY_HEADER, REFUSED);
                assertThat(refused.getMessage()).isNotBlank();
                Fuzzing.boundedText(refused.getMessage(), 0, 0);
                assertThat(progress.started).as("a refused message was started").isEqualTo(frames + 1);
                assertThat(progress.completed).isEqualTo(frames);
                // what it read ahead, and the one message it was cutting when the header was right; never more
                assertThat(peer.delivered - consumed).as("buffered")
                        .isLessThanOrEqualTo(bufferSize + (expected == REFUSED_BY_HEADER ? 0 : maxLength));
                return;
            }
            if (frame == null) {
                assertThat(expected).as("the end between messages").isEqualTo(END);
                assertThat(consumed).isEqualTo(stream.length);
                assertThat(progress.started).isEqualTo(frames);
                return;
            }
            assertThat(expected).as("a message of %d octets", frame.length).isEqualTo(frame.length);
            assertThat(frame).isEqualTo(Arrays.copyOfRange(stream, consumed, consumed + frame.length));
            assertThat(frame[0]).isEqualTo((byte) 1);
            assertThat(length(frame, 1)).isEqualTo(frame.length);
            assertThat(frame.length).isBetween(TransportSettings.HEADER_LENGTH, maxLength);
            assertThat(frame.length % 4).isZero();
            consumed += frame.length;
            frames++;
            assertThat(progress.started).isEqualTo(frames);
            assertThat(progress.completed).isEqualTo(frames);
            assertThat(peer.delivered - consumed).as("read ahead").isLessThanOrEqualTo(bufferSize);
            readers(frame);
        }
    }

    private static final int END = 0;
    /** A version or length that is not DIAMETER's, or beyond the maximum: nothing of the message is buffered. */
    private static final int REFUSED_BY_HEADER = -1;
    /** A stream that ends inside the message, or AVPs that do not fit. */
    private static final int REFUSED = -2;

    /**
     * What the reader must do at {@code from}, worked out here from RFC 6733 §3 and §4 alone: {@link #END}
     * at the end of the stream, the length of the whole message that starts there, or a refusal.
     */
    private static int expectedFrame(byte[] stream, int from, int maxLength) {
        int remaining = stream.length - from;
        if (remaining == 0) {
            return END;
        }
        if (stream[from] != 1) {
            return REFUSED_BY_HEADER;
        }
        if (remaining < 4) {
            return REFUSED;
        }
        int length = length(stream, from + 1);
        if (length < TransportSettings.HEADER_LENGTH || length > maxLength || length % 4 != 0) {
            return REFUSED_BY_HEADER;
        }
        if (length > remaining || !wholeAvps(stream, from + TransportSettings.HEADER_LENGTH, from + length, true)) {
            return REFUSED;
        }
        return length;
    }

    /**
     * Each AVP's header is there, its length covers the header, and it ends, padded, within {@code [from, to)};
     * in a message, so do the members of a Vendor-Specific-Application-Id (code 260, whatever its V bit), which
     * jDiameter opens by itself.
     */
    private static boolean wholeAvps(byte[] b, int from, int to, boolean message) {
        int at = from;
        while (at < to) {
            if (to - at < 8) {
                return false;
            }
            int length = length(b, at + 5);
            int header = (b[at + 4] & 0x80) != 0 ? 12 : 8;
            if (length < header || ((length + 3) & ~3) > to - at) {
                return false;
            }
            boolean vsai = b[at] == 0 && b[at + 1] == 0 && b[at + 2] == 1 && b[at + 3] == 4;
            if (message && vsai && !wholeAvps(b, at + header, at + length, false)) {
                return false;
            }
            at += (length + 3) & ~3;
        }
        return true;
    }

    /** The readers of a frame after the transport: none may throw but its typed refusal. */
    private static void readers(byte[] frame) throws Exception {
        String originHost = Frames.originHost(frame);
        if (originHost != null) {
            assertThat(originHost.length()).isLessThanOrEqualTo(frame.length);
        }

        MessageParser parser = new MessageParser();
        Optional<IMessage> parsed = Fuzzing.parse(AvpDataException.class, () -> parser.createMessage(frame));
        assertThat(parsed).as("jDiameter parses every frame the reader yields").isPresent();
        IMessage message = parsed.get();
        // jDiameter reads the applications of each message it routes, and of a CER, by itself
        assertThat(message.getApplicationIdAvps()).isNotNull();
        walk(message.getAvps(), 1, new int[1]);

        // the validator on a message of its own: the walk has already opened the Grouped AVPs of that one
        Optional<Outcome.Refusal> refusal = VALIDATOR.validate(parser.createMessage(frame));
        refusal.ifPresent(r -> {
            assertThat(REFUSALS).as("result code %d: %s", r.resultCode(), r.errorMessage()).contains(r.resultCode());
            Fuzzing.boundedText(r.errorMessage(), frame.length, 1);
            int depth = 0;
            for (FailedAvp f = r.failedAvp(); f != null; f = f.parent()) {
                assertThat(f.data().length).isLessThanOrEqualTo(frame.length);
                depth++;
            }
            assertThat(depth).as("Failed-AVP nesting").isLessThanOrEqualTo(MessageValidator.MAX_DEPTH);
        });
    }

    /** Every AVP as each type the handlers read, then as Grouped, down to {@link #WALK_DEPTH}. */
    private static void walk(AvpSet avps, int depth, int[] walked) throws Exception {
        for (Avp avp : avps) {
            if (++walked[0] > MessageValidator.MAX_AVPS) {
                return;
            }
            Fuzzing.parse(Avps.Invalid.class, () -> Avps.octets(avp));
            Fuzzing.parse(Avps.Invalid.class, () -> Avps.utf8(avp));
            Fuzzing.parse(Avps.Invalid.class, () -> Avps.unsigned32(avp));
            Fuzzing.parse(Avps.Invalid.class, () -> Avps.unsigned64(avp));
            Fuzzing.parse(Avps.Invalid.class, () -> Avps.integer32(avp));
            Fuzzing.parse(Avps.Invalid.class, () -> Avps.time(avp));
            Fuzzing.parse(Avps.Invalid.class, () -> Avps.ipv4(avp));
            if (depth < WALK_DEPTH) {
                Optional<AvpSet> members = Fuzzing.parse(Avps.Invalid.class, () -> Avps.grouped(avp));
                if (members.isPresent()) {
                    walk(members.get(), depth + 1, walked);
                }
            }
        }
    }

    private static int octet(byte[] input, int index) {
        return index < input.length ? input[index] & 0xFF : 0;
    }

    private static int length(byte[] b, int at) {
        return (b[at] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF);
    }

    /** The peer's side of the connection: the stream in reads of at most {@code chunk} octets (0: any). */
    private static final class Peer extends InputStream {
        private final byte[] stream;
        private final int chunk;
        int delivered;

        Peer(byte[] stream, int chunk) {
            this.stream = stream;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return delivered < stream.length ? stream[delivered++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (delivered == stream.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, stream.length - delivered), chunk == 0 ? Integer.MAX_VALUE : chunk);
            System.arraycopy(stream, delivered, b, off, n);
            delivered += n;
            return n;
        }
    }

    private static final class Progress implements FrameReader.Progress {
        int started;
        int completed;

        @Override
        public void messageStarted() {
            started++;
        }

        @Override
        public void messageComplete() {
            completed++;
        }
    }
}
