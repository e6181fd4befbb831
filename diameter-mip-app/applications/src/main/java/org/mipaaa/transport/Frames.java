package org.mipaaa.transport;

import java.nio.charset.StandardCharsets;

import org.mipaaa.dictionary.AvpCodes;

/** Reads a field or two straight from the bytes of a message {@link FrameReader} has checked. */
final class Frames {

    private Frames() {
    }

    /** The Origin-Host (vendor 0) of a framed message, or null when it has none. */
    static String originHost(byte[] message) {
        int offset = TransportSettings.HEADER_LENGTH;
        while (offset + 8 <= message.length) {
            int code = ((message[offset] & 0xFF) << 24) | ((message[offset + 1] & 0xFF) << 16)
                    | ((message[offset + 2] & 0xFF) << 8) | (message[offset + 3] & 0xFF);
            boolean vendor = (message[offset + 4] & 0x80) != 0;
            int length = ((message[offset + 5] & 0xFF) << 16) | ((message[offset + 6] & 0xFF) << 8) | (message[offset + 7] & 0xFF);
            int header = vendor ? 12 : 8;
            if (code == AvpCodes.ORIGIN_HOST && !vendor) {
                return new String(message, offset + header, length - header, StandardCharsets.UTF_8);
            }
            offset += (length + 3) & ~3;
        }
        return null;
    }
}
