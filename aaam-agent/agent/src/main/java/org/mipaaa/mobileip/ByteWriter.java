package org.mipaaa.mobileip;

import java.net.Inet4Address;
import java.util.Arrays;

/** A growable big-endian byte buffer (package-private). */
final class ByteWriter {

    private byte[] buf;
    private int size;

    ByteWriter(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    ByteWriter(byte[] prefix) {
        this(prefix.length + 64);
        bytes(prefix);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    ByteWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    ByteWriter u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    ByteWriter u32(long v) {
        return u16((int) (v >>> 16) & 0xffff).u16((int) v & 0xffff);
    }

    ByteWriter u64(long v) {
        return u32(v >>> 32).u32(v & 0xFFFF_FFFFL);
    }

    ByteWriter address(Inet4Address a) {
        return bytes(a.getAddress());
    }

    ByteWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    int size() {
        return size;
    }

    /** The bytes written so far, without copying; only valid until the next write. */
    byte[] view() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
