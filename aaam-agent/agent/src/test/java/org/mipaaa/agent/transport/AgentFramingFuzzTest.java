package org.mipaaa.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.MalformedMessageException;

/**
 * Fuzz target (docs/FUZZING.md): the agent's framing of the octet stream from its server into
 * DIAMETER messages: each frame is a whole message of at most {@link AgentConnection#MAX_MESSAGE} octets,
 * or the connection ends (end of stream, or a header that is not DIAMETER's).
 */
public class AgentFramingFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void framesAreWholeBoundedMessagesOrTheStreamEnds(byte[] stream) throws Exception {
        check(stream);
    }

    /** The properties, for this target and for {@link org.mipaaa.fuzz.AgentParsersFuzzTest}. */
    public static void check(byte[] stream) throws Exception {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(stream));
        int consumed = 0;
        while (true) {
            byte[] frame;
            try {
                frame = AgentConnection.readFrame(in);
            } catch (EOFException | MalformedMessageException end) {
                return;
            }
            consumed += frame.length;
            assertThat(frame.length).isBetween(DiameterCodec.HEADER_LENGTH, AgentConnection.MAX_MESSAGE);
            assertThat(consumed).isLessThanOrEqualTo(stream.length);
            assertThat(((frame[1] & 0xFF) << 16) | ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF)).isEqualTo(frame.length);
            try {
                DiameterCodec.decode(frame);
            } catch (MalformedMessageException e) {
                // a frame of the right size whose AVPs do not fit: the reader drops the connection
                return;
            }
        }
    }
}
