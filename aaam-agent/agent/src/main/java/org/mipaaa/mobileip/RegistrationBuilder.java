package org.mipaaa.mobileip;

import java.util.Objects;

/**
 * Builds a registration message extension by extension, computing each authentication extension
 * over the bytes written before its authenticator (RFC 5944 §3.5.1, RFC 4721 §6). Used by a mobile
 * node to build a request (NAI, challenge, MN-AAA authentication, ...) and by an agent to extend a
 * message it relays: {@link #continuing(byte[])} with {@link RegistrationPacket#bytesBefore(int)}
 * keeps what is already authenticated byte for byte.
 *
 * <pre>{@code
 * byte[] request = RegistrationBuilder.request(fixedPart)
 *         .add(new MobileNodeNai("mn1@home.example"))
 *         .add(new MnFaChallenge(challenge))
 *         .authenticate(AuthenticationKind.MN_AAA, mnAaaCredentials.forChallenge(challenge))
 *         .toBytes();
 * }</pre>
 *
 * <p>Not thread-safe: one builder per message, on one thread.
 */
public final class RegistrationBuilder {

    private final ByteWriter writer;

    private RegistrationBuilder(ByteWriter writer) {
        this.writer = writer;
    }

    /** Starts a Registration Request with its fixed part. */
    public static RegistrationBuilder request(RegistrationRequest fixedPart) {
        return start(fixedPart);
    }

    /** Starts a Registration Reply with its fixed part. */
    public static RegistrationBuilder reply(RegistrationReply fixedPart) {
        return start(fixedPart);
    }

    private static RegistrationBuilder start(RegistrationMessage fixedPart) {
        ByteWriter w = new ByteWriter(128);
        RegistrationCodec.writeFixedPart(Objects.requireNonNull(fixedPart, "fixedPart"), w);
        return new RegistrationBuilder(w);
    }

    /**
     * Continues after {@code messagePrefix}, the bytes of a message up to an extension boundary,
     * usually {@link RegistrationPacket#bytesBefore(int)} of a received message.
     *
     * @throws IllegalArgumentException if the prefix does not decode as a registration message
     */
    public static RegistrationBuilder continuing(byte[] messagePrefix) {
        try {
            RegistrationCodec.decode(messagePrefix);
        } catch (MalformedRegistrationException e) {
            throw new IllegalArgumentException("not a registration message prefix: " + e.getMessage(), e);
        }
        return new RegistrationBuilder(new ByteWriter(messagePrefix));
    }

    /** Appends {@code extension} as it is (an authentication extension keeps its given authenticator). */
    public RegistrationBuilder add(Extension extension) {
        ExtensionCodec.write(Objects.requireNonNull(extension, "extension"), writer);
        return this;
    }

    /**
     * Appends an authentication extension of {@code kind} whose SPI and authenticator come from
     * {@code key}; the authenticator covers everything written so far plus this extension's Type,
     * (Subtype,) Length and SPI.
     */
    public RegistrationBuilder authenticate(AuthenticationKind kind, AuthenticationKey key) {
        int length = key.authenticatorLength();
        ExtensionCodec.writeAuthenticationHeader(kind, key.spi(), length, writer);
        byte[] authenticator = key.authenticator(writer.view(), writer.size());
        if (authenticator.length != length) {
            throw new IllegalStateException("authenticator of " + authenticator.length + " bytes, announced " + length);
        }
        writer.bytes(authenticator);
        return this;
    }

    /** Bytes written so far. */
    public int size() {
        return writer.size();
    }

    /** The message bytes (the UDP payload). */
    public byte[] toBytes() {
        return writer.toByteArray();
    }

    /**
     * The message decoded, which also checks that it is well formed (extension order included).
     *
     * @throws IllegalStateException if it is not
     */
    public RegistrationPacket build() {
        try {
            return RegistrationCodec.decode(writer.toByteArray());
        } catch (MalformedRegistrationException e) {
            throw new IllegalStateException("built a malformed registration message: " + e.getMessage(), e);
        }
    }
}
