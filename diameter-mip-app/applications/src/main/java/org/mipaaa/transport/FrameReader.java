package org.mipaaa.transport;

import java.io.IOException;
import java.io.InputStream;

import org.mipaaa.dictionary.AvpCodes;

/**
 * Cuts a byte stream into DIAMETER messages, refusing anything that is not one before buffering it:
 * a version other than 1, a length shorter than a header, longer than the configured maximum or not a
 * multiple of 4 (RFC 6733 §3), an AVP whose length runs short of its header or past the message
 * (§4.1). Memory per connection is bounded by the maximum length.
 *
 * <p>Reads block. How long a message may take to arrive is enforced from outside
 * ({@link ConnectionWatchdog}), which sees when a message started through {@link Progress} and
 * closes the socket of one that trickles; a blocked read then ends with an exception. No read
 * timeout is set on the socket: JSSE does not promise a TLS record survives one.
 */
final class FrameReader {

    /** Told when a message's first byte arrives and when it is complete. */
    interface Progress {
        void messageStarted();

        void messageComplete();
    }

    private final InputStream in;
    private final int maxLength;
    private final Progress progress;
    /** Bytes read from the socket and not yet handed out: {@code buffer[position, limit)}. */
    private final byte[] buffer;
    private int position;
    private int limit;

    FrameReader(InputStream in, int maxLength, Progress progress) {
        this(in, maxLength, progress, 64 * 1024);
    }

    FrameReader(InputStream in, int maxLength, Progress progress, int bufferSize) {
        this.in = in;
        this.maxLength = maxLength;
        this.progress = progress;
        this.buffer = new byte[bufferSize];
    }

    /** The next whole message, or null when the peer closed the connection between messages. */
    byte[] next() throws IOException {
        if (limit == position && !fill()) {
            return null;
        }
        progress.messageStarted();
        int version = buffer[position] & 0xFF;
        if (version != 1) {
            throw new FramingException("version " + version + ", only 1 is DIAMETER (RFC 6733 §3)");
        }
        while (limit - position < 4) {
            if (!fill()) {
                throw closedInside(limit - position);
            }
        }
        int length = ((buffer[position + 1] & 0xFF) << 16) | ((buffer[position + 2] & 0xFF) << 8) | (buffer[position + 3] & 0xFF);
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
        int copied = 0;
        while (copied < length) {
            if (limit == position && !fill()) {
                throw closedInside(copied);
            }
            int n = Math.min(length - copied, limit - position);
            System.arraycopy(buffer, position, message, copied, n);
            position += n;
            copied += n;
        }
        checkAvps(message);
        progress.messageComplete();
        return message;
    }

    /** One read from the socket into the free end of the buffer; false at end of stream. */
    private boolean fill() throws IOException {
        if (position == limit) {
            position = 0;
            limit = 0;
        } else if (limit == buffer.length) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private static FramingException closedInside(int received) {
        return new FramingException("connection closed inside a message (" + received + " octets received)");
    }

    /**
     * RFC 6733 §4.1: each AVP header fits, its length covers its header and stays inside the message. So
     * do the members of each Vendor-Specific-Application-Id (§4.4: a Grouped AVP's data is whole, padded
     * AVPs): jDiameter opens it by itself, in a CER and in each request it routes, and its parser loops
     * forever on a last member whose padding is missing (docs/FUZZING.md).
     */
    static void checkAvps(byte[] message) throws FramingException {
        checkAvps(message, TransportSettings.HEADER_LENGTH, message.length, true);
    }

    private static void checkAvps(byte[] message, int from, int to, boolean inMessage) throws FramingException {
        int offset = from;
        while (offset < to) {
            if (to - offset < 8) {
                throw new FramingException("truncated AVP header at offset " + offset);
            }
            int code = ((message[offset] & 0xFF) << 24) | ((message[offset + 1] & 0xFF) << 16)
                    | ((message[offset + 2] & 0xFF) << 8) | (message[offset + 3] & 0xFF);
            boolean vendor = (message[offset + 4] & 0x80) != 0;
            int length = ((message[offset + 5] & 0xFF) << 16) | ((message[offset + 6] & 0xFF) << 8) | (message[offset + 7] & 0xFF);
            int headerLength = vendor ? 12 : 8;
            if (length < headerLength) {
                throw new FramingException("AVP at offset " + offset + " has length " + length + ", less than its header");
            }
            int padded = (length + 3) & ~3;
            if (padded > to - offset) {
                throw new FramingException("AVP at offset " + offset + " of length " + length + " runs past "
                        + (inMessage ? "the message" : "its Vendor-Specific-Application-Id"));
            }
            // jDiameter reads it by its code alone, whatever the V bit says
            if (inMessage && code == AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID) {
                checkAvps(message, offset + headerLength, offset + length, false);
            }
            offset += padded;
        }
    }
}
