package org.mipaaa.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.util.Base64;
import java.util.Optional;

import org.mipaaa.mobileip.Ipv4;

/**
 * Cache values as {@code String}s this package encodes itself: a format version byte, then the
 * fields in {@link DataOutputStream} form, the whole in Base64.
 *
 * <p>Why: Infinispan 15 marshals what it stores in a file store, or sends to another node, with
 * ProtoStream, which knows {@code String} and {@code byte[]} out of the box but not our records
 * (they would need a generated serialization context per class). A {@code String} also compares by
 * value, which the conditional operations ({@code replace(k, old, new)}, {@code remove(k, v)}) the
 * stores rely on need; a {@code byte[]} would compare by identity. The version byte lets a later
 * format refuse, rather than misread, an older one.
 */
public final class StoredValue {

    @FunctionalInterface
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private StoredValue() {
    }

    public static String encode(int version, Writer fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            fields.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory encoding failed", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * The format version byte of {@code value}, so that a reader can still read an older format it
     * knows; -1 when it is not Base64 or empty.
     */
    public static int format(String value) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value);
            return bytes.length == 0 ? -1 : bytes[0] & 0xFF;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /**
     * @throws IllegalStateException if {@code value} is not a {@code what} of format {@code version}
     */
    public static <T> T decode(String value, int version, String what, Reader<T> fields) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a stored " + what + " is not Base64", e);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int stored = in.readUnsignedByte();
            if (stored != version) {
                throw new IllegalStateException("a stored " + what + " has format " + stored + "; this code reads " + version);
            }
            T result = fields.read(in);
            if (in.available() != 0) {
                throw new IllegalStateException("a stored " + what + " has " + in.available() + " trailing bytes");
            }
            return result;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored " + what + " does not decode", e);
        }
    }

    public static void writeAddress(DataOutputStream out, Inet4Address address) throws IOException {
        out.write(address.getAddress());
    }

    public static Inet4Address readAddress(DataInputStream in) throws IOException {
        byte[] four = new byte[4];
        in.readFully(four);
        return Ipv4.fromBytes(four, 0);
    }

    public static void writeOptionalAddress(DataOutputStream out, Optional<Inet4Address> address) throws IOException {
        out.writeBoolean(address.isPresent());
        if (address.isPresent()) {
            writeAddress(out, address.get());
        }
    }

    public static Optional<Inet4Address> readOptionalAddress(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(readAddress(in)) : Optional.empty();
    }

    public static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("more than 65535 bytes");
        }
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    public static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedShort()];
        in.readFully(bytes);
        return bytes;
    }
}
