package org.mipaaa.mobileip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A decoded registration message: the fixed part, its extensions in order with their offsets, and
 * the exact bytes it was decoded from (every authenticator is checked over those bytes, never over
 * a re-encoding). Immutable; made by {@link RegistrationCodec#decode(byte[])}.
 *
 * <p>Immutable, so thread-safe.
 */
public final class RegistrationPacket {

    private final byte[] bytes;
    private final RegistrationMessage message;
    private final List<ExtensionField> extensions;

    RegistrationPacket(byte[] bytes, RegistrationMessage message, List<ExtensionField> extensions) {
        this.bytes = bytes;
        this.message = message;
        this.extensions = List.copyOf(extensions);
    }

    /** The fixed part. */
    public RegistrationMessage message() {
        return message;
    }

    public boolean isRequest() {
        return message instanceof RegistrationRequest;
    }

    public boolean isReply() {
        return message instanceof RegistrationReply;
    }

    /** The fixed part of a request. @throws IllegalStateException if this is a reply */
    public RegistrationRequest request() {
        if (message instanceof RegistrationRequest) {
            RegistrationRequest r = (RegistrationRequest) message;
            return r;
        }
        throw new IllegalStateException("not a Registration Request");
    }

    /** The fixed part of a reply. @throws IllegalStateException if this is a request */
    public RegistrationReply reply() {
        if (message instanceof RegistrationReply) {
            RegistrationReply r = (RegistrationReply) message;
            return r;
        }
        throw new IllegalStateException("not a Registration Reply");
    }

    /** The extensions in message order, with their offsets. */
    public List<ExtensionField> extensions() {
        return extensions;
    }

    /** The extension values in message order. */
    public List<Extension> extensionValues() {
        return java.util.Collections.unmodifiableList(extensions.stream().map(ExtensionField::extension).collect(java.util.stream.Collectors.toList()));
    }

    /** A copy of the message bytes (the UDP payload). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of bytes of the message. */
    public int length() {
        return bytes.length;
    }

    /** The fields whose extension is a {@code type}, in order. */
    public List<ExtensionField> fields(Class<? extends Extension> type) {
        List<ExtensionField> out = new ArrayList<>();
        for (ExtensionField f : extensions) {
            if (type.isInstance(f.extension())) {
                out.add(f);
            }
        }
        return out;
    }

    /** The first extension that is a {@code type}. */
    public <T extends Extension> Optional<T> first(Class<T> type) {
        for (ExtensionField f : extensions) {
            if (type.isInstance(f.extension())) {
                return Optional.of(type.cast(f.extension()));
            }
        }
        return Optional.empty();
    }

    /** The NAI of the Mobile Node NAI extension (RFC 2794), if there is one. */
    public Optional<String> nai() {
        return first(MobileNodeNai.class).map(MobileNodeNai::nai);
    }

    /**
     * Index (in {@link #extensions()}) of the last authorization-enabling extension — Mobile-Home
     * or MN-AAA authentication. A foreign agent relays the message unchanged up to and including it
     * and removes what follows (RFC 5944 §3.7.2.2, §3.7.3.2).
     */
    public OptionalInt lastAuthorizationEnablingIndex() {
        for (int i = extensions.size() - 1; i >= 0; i--) {
            if (extensions.get(i).isAuthorizationEnabling()) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The message bytes before extension {@code index}: the fixed part and extensions
     * {@code 0..index-1}, unchanged. {@code bytesBefore(extensions().size())} is the whole message.
     * Feed it to {@link RegistrationBuilder#continuing(byte[])} to append other extensions.
     */
    public byte[] bytesBefore(int index) {
        if (index < 0 || index > extensions.size()) {
            throw new IndexOutOfBoundsException("extension index " + index + " of " + extensions.size());
        }
        int end = index == extensions.size() ? bytes.length : extensions.get(index).offset();
        return Arrays.copyOf(bytes, end);
    }

    /** The bytes of extensions {@code 0..index} and everything before them. */
    public byte[] bytesThrough(int index) {
        return bytesBefore(index + 1);
    }

    /** Extensions a {@link #toString()} names; the rest are counted (a log line stays short whatever a peer sent). */
    static final int EXTENSIONS_SHOWN = 16;

    @Override
    public String toString() {
        List<Extension> values = extensionValues();
        String shown = values.size() <= EXTENSIONS_SHOWN ? values.toString()
                : values.subList(0, EXTENSIONS_SHOWN).toString().replaceFirst("]$", "") + ", ... " + (values.size() - EXTENSIONS_SHOWN) + " more]";
        return "RegistrationPacket[" + message + ", extensions=" + shown + "]";
    }
}
