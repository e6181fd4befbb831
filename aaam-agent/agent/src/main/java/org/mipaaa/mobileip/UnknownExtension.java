package org.mipaaa.mobileip;

import java.util.Arrays;

/**
 * A skippable extension (type 128-255) this codec does not know, kept as it came: its Type and
 * Data, in the 8-bit-Length format every skippable extension uses (RFC 5944 §1.8, §1.9, §1.10).
 *
 * @param type 128..255
 * @param data 0..255 bytes
 *
 * <p>Immutable, so thread-safe.
 */
public final class UnknownExtension implements Extension {

    private final int type;
    private final byte[] data;

    public UnknownExtension(int type, byte[] data) {
        if (!ExtensionType.isSkippable(type)) {
            throw new IllegalArgumentException("only a skippable type (128-255) can be kept unknown: " + type);
        }
        data = Bytes.copy(data, "data");
        if (data.length > 255) {
            throw new IllegalArgumentException("data longer than 255 bytes: " + data.length);
        }
        this.type = type;
        this.data = data;
    }


    public byte[] data() {
        return data.clone();
    }

    @Override
    public int encodedLength() {
        return 2 + data.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof UnknownExtension)) {
            return false;
        }
        UnknownExtension other = (UnknownExtension) o;
        return type == other.type && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "UnknownExtension[type=" + type + ", data=" + Bytes.hex(data) + "]";
    }

    public int type() {
        return type;
    }
}
