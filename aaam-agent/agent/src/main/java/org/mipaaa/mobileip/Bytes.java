package org.mipaaa.mobileip;


/** Small byte helpers shared by the codec (package-private). */
final class Bytes {

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private Bytes() {
    }

    static byte[] copy(byte[] bytes, String what) {
        if (bytes == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return bytes.clone();
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static long u32(byte[] b, int off) {
        return ((long) u16(b, off) << 16) | u16(b, off + 2);
    }

    static long u64(byte[] b, int off) {
        return (u32(b, off) << 32) | u32(b, off + 4);
    }

    static void checkU32(long value, String what) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " must fit in 32 unsigned bits: " + value);
        }
    }

    static void checkU16(int value, String what) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " must fit in 16 unsigned bits: " + value);
        }
    }

    static void checkU8(int value, String what) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(what + " must fit in 8 unsigned bits: " + value);
        }
    }
}
