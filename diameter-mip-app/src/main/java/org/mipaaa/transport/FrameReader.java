package org.mipaaa.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Cuts a byte stream into DIAMETER messages, refusing anything that is not one before buffering it:
 * a version other than 1, a length shorter than a header, longer than the configured maximum or not a
 * multiple of 4 (RFC 6733 §3), an AVP whose length runs short of its header or past the message
 * (§4.1), and a message that trickles in slower than the message timeout. Memory per connection is
 * bounded by the maximum length; nothing waits forever.
 *
 * <p>The socket must have a short read timeout (the poll interval): reading wakes up at that rate to
 * check the message deadline and whether the connection is closing.
 */
final class FrameReader {

    private final InputStream in;
    private final int maxLength;
    private final long messageTimeoutNanos;
    private final BooleanSupplier closing;

    FrameReader(InputStream in, int maxLength, Duration messageTimeout, BooleanSupplier closing) {
        this.in = in;
        this.maxLength = maxLength;
        this.messageTimeoutNanos = messageTimeout.toNanos();
        this.closing = closing;
    }

    /** When the first byte of the message being read arrived. */
    private long messageStarted;

    /** The next whole message, or null when the peer closed the connection between messages. */
    byte[] next() throws IOException {
        byte[] header = new byte[4];
        if (!fill(header, 0, 4, true)) {
            return null;
        }
        int version = header[0] & 0xFF;
        if (version != 1) {
            throw new FramingException("version " + version + ", only 1 is DIAMETER (RFC 6733 §3)");
        }
        int length = ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        if (length < TransportSettings.HEADER_LENGTH) {
            throw new FramingException("message length " + length + " is shorter than the 20-octet header");
        }
        if (length > maxLength) {
            throw new FramingException("message length " + length + " exceeds the maximum of " + maxLength);
        }
        if ((length & 3) != 0) {
            throw new FramingException("message length " + length + " is not a multiple of 4");
        }
        byte[] message = new byte[length];
        System.arraycopy(header, 0, message, 0, 4);
        fill(message, 4, length - 4, false);
        checkAvps(message);
        return message;
    }

    /**
     * Reads exactly {@code count} bytes. Returns false on end of stream before the first byte of a
     * message; end of stream inside a message is an error.
     */
    private boolean fill(byte[] buffer, int offset, int count, boolean atMessageStart) throws IOException {
        int read = 0;
        while (read < count) {
            int n;
            try {
                n = in.read(buffer, offset + read, count - read);
            } catch (SocketTimeoutException idle) {
                if (closing.getAsBoolean()) {
                    throw new EOFException("connection closing");
                }
                boolean inMessage = !atMessageStart || read > 0;
                if (inMessage && System.nanoTime() - messageStarted > messageTimeoutNanos) {
                    throw new FramingException("message not complete within " + Duration.ofNanos(messageTimeoutNanos).toMillis()
                            + " ms (" + (offset + read) + " octets received)");
                }
                continue;
            }
            if (n < 0) {
                if (atMessageStart && read == 0) {
                    return false;
                }
                throw new FramingException("connection closed inside a message");
            }
            if (atMessageStart && read == 0) {
                messageStarted = System.nanoTime();
            }
            read += n;
        }
        return true;
    }

    /** RFC 6733 §4.1: each AVP header fits, its length covers its header and stays inside the message. */
    static void checkAvps(byte[] message) throws FramingException {
        int offset = TransportSettings.HEADER_LENGTH;
        while (offset < message.length) {
            if (message.length - offset < 8) {
                throw new FramingException("truncated AVP header at offset " + offset);
            }
            boolean vendor = (message[offset + 4] & 0x80) != 0;
            int length = ((message[offset + 5] & 0xFF) << 16) | ((message[offset + 6] & 0xFF) << 8) | (message[offset + 7] & 0xFF);
            int headerLength = vendor ? 12 : 8;
            if (length < headerLength) {
                throw new FramingException("AVP at offset " + offset + " has length " + length + ", less than its header");
            }
            int padded = (length + 3) & ~3;
            if (padded > message.length - offset) {
                throw new FramingException("AVP at offset " + offset + " of length " + length + " runs past the message");
            }
            offset += padded;
        }
    }
}
