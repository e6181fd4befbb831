package org.mipaaa.mobileip;

import static org.mipaaa.mobileip.MalformedRegistrationException.Problem.EXTENSION_LENGTH_PAST_END;
import static org.mipaaa.mobileip.MalformedRegistrationException.Problem.INVALID_EXTENSION_LENGTH;
import static org.mipaaa.mobileip.MalformedRegistrationException.Problem.INVALID_EXTENSION_VALUE;
import static org.mipaaa.mobileip.MalformedRegistrationException.Problem.TRUNCATED_EXTENSION_HEADER;
import static org.mipaaa.mobileip.MalformedRegistrationException.Problem.UNKNOWN_NON_SKIPPABLE_EXTENSION;
import static org.mipaaa.mobileip.MalformedRegistrationException.Problem.UNSUPPORTED_SUBTYPE;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads and writes single extensions (package-private). Every read checks its bounds before it
 * touches a byte, so a bad Length is a {@link MalformedRegistrationException}, never an index error.
 */
final class ExtensionCodec {

    private ExtensionCodec() {
    }

    // ---------------------------------------------------------------- writing

    static void write(Extension ext, ByteWriter w) {
        if (ext instanceof AuthenticationExtension) {
            AuthenticationExtension a = (AuthenticationExtension) ext;
            byte[] authenticator = a.authenticator();
            writeAuthenticationHeader(a.kind(), a.spi(), authenticator.length, w);
            w.bytes(authenticator);
        } else if (ext instanceof MobileNodeNai) {
            MobileNodeNai n = (MobileNodeNai) ext;
            shortTlv(w, n.type(), n.naiBytes());
        } else if (ext instanceof MnFaChallenge) {
            MnFaChallenge c = (MnFaChallenge) ext;
            shortTlv(w, c.type(), c.challenge());
        } else if (ext instanceof MnFaKeyGenerationNonceRequest) {
            MnFaKeyGenerationNonceRequest r = (MnFaKeyGenerationNonceRequest) ext;
            longHeader(w, r.type(), ExtensionType.KEY_GENERATION_FROM_AAA_SUBTYPE, 4).u32(r.mobileNodeSpi());
        } else if (ext instanceof MnHaKeyGenerationNonceRequest) {
            MnHaKeyGenerationNonceRequest r = (MnHaKeyGenerationNonceRequest) ext;
            longHeader(w, r.type(), ExtensionType.KEY_GENERATION_FROM_AAA_SUBTYPE, 4).u32(r.mobileNodeSpi());
        } else if (ext instanceof MnFaKeyGenerationNonceReply) {
            MnFaKeyGenerationNonceReply r = (MnFaKeyGenerationNonceReply) ext;
            byte[] nonce = r.nonce();
            longHeader(w, r.type(), ExtensionType.KEY_GENERATION_FROM_AAA_SUBTYPE, 14 + nonce.length)
                    .u32(r.lifetime()).u32(r.aaaSpi()).u32(r.faSpi()).u16(r.algorithmIdentifier()).bytes(nonce);
        } else if (ext instanceof MnHaKeyGenerationNonceReply) {
            MnHaKeyGenerationNonceReply r = (MnHaKeyGenerationNonceReply) ext;
            byte[] nonce = r.nonce();
            longHeader(w, r.type(), ExtensionType.KEY_GENERATION_FROM_AAA_SUBTYPE, 16 + nonce.length)
                    .u32(r.lifetime()).u32(r.aaaSpi()).u32(r.haSpi()).u16(r.algorithmIdentifier())
                    .u16(r.replayMethod()).bytes(nonce);
        } else if (ext instanceof CriticalVendorExtension) {
            CriticalVendorExtension c = (CriticalVendorExtension) ext;
            byte[] value = c.value();
            w.u8(c.type()).u8(0).u16(6 + value.length).u32(c.vendorId()).u16(c.vendorType()).bytes(value);
        } else if (ext instanceof NormalVendorExtension) {
            NormalVendorExtension n = (NormalVendorExtension) ext;
            byte[] value = n.value();
            w.u8(n.type()).u8(8 + value.length).u16(0).u32(n.vendorId()).u16(n.vendorType()).bytes(value);
        } else if (ext instanceof OneBytePadding) {
            OneBytePadding p = (OneBytePadding) ext;
            w.u8(p.type());
        } else if (ext instanceof UnknownExtension) {
            UnknownExtension u = (UnknownExtension) ext;
            shortTlv(w, u.type(), u.data());
        } else {
            throw new IllegalArgumentException("unknown extension class " + ext.getClass());
        }
    }

    /** Writes Type, (Subtype,) Length and SPI of an authentication extension. */
    static void writeAuthenticationHeader(AuthenticationKind kind, long spi, int authenticatorLength, ByteWriter w) {
        if (authenticatorLength < kind.minAuthenticatorLength() || authenticatorLength > kind.maxAuthenticatorLength()) {
            throw new IllegalArgumentException(kind + " authenticator of " + authenticatorLength + " bytes");
        }
        Bytes.checkU32(spi, "SPI");
        if (kind.headerLength() == 2) {
            w.u8(kind.type()).u8(4 + authenticatorLength);
        } else {
            longHeader(w, kind.type(), ExtensionType.MN_AAA_AUTHENTICATION_SUBTYPE, 4 + authenticatorLength);
        }
        w.u32(spi);
    }

    private static void shortTlv(ByteWriter w, int type, byte[] data) {
        w.u8(type).u8(data.length).bytes(data);
    }

    private static ByteWriter longHeader(ByteWriter w, int type, int subtype, int length) {
        return w.u8(type).u8(subtype).u16(length);
    }

    // ---------------------------------------------------------------- reading

    /** Where an extension was read from and what it is. */
    static final class Read {

        private final Extension extension;
        private final int length;

        Read(Extension extension, int length) {
            this.extension = extension;
            this.length = length;
        }


        public Extension extension() {
            return extension;
        }

        public int length() {
            return length;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Read)) {
                return false;
            }
            Read other = (Read) o;
            return java.util.Objects.equals(extension, other.extension)
                    && length == other.length;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(extension, length);
        }

        @Override
        public String toString() {
            return "Read[" + "extension=" + extension + ", " + "length=" + length + "]";
        }
    }

    /** Reads the extension whose Type octet is at {@code pos}. */
    static Read read(byte[] b, int pos, int messageType) throws MalformedRegistrationException {
        int type = Bytes.u8(b, pos);
        switch (type) {
            case ExtensionType.ONE_BYTE_PADDING:
                return new Read(new OneBytePadding(), 1);
            case ExtensionType.MOBILE_HOME_AUTHENTICATION:
            case ExtensionType.MOBILE_FOREIGN_AUTHENTICATION:
            case ExtensionType.FOREIGN_HOME_AUTHENTICATION:
                return readShortAuthentication(b, pos, messageType);
            case ExtensionType.GENERALIZED_AUTHENTICATION:
                return readMnAaa(b, pos, messageType);
            case ExtensionType.CRITICAL_VENDOR_SPECIFIC:
                return readCvse(b, pos, messageType);
            case ExtensionType.MN_FA_KEY_GENERATION_NONCE_REQUEST:
            case ExtensionType.MN_HA_KEY_GENERATION_NONCE_REQUEST:
                return readKeyRequest(b, pos, messageType);
            case ExtensionType.MN_FA_KEY_GENERATION_NONCE_REPLY:
                return readMnFaKeyReply(b, pos, messageType);
            case ExtensionType.MN_HA_KEY_GENERATION_NONCE_REPLY:
                return readMnHaKeyReply(b, pos, messageType);
            case ExtensionType.MOBILE_NODE_NAI:
                return readNai(b, pos, messageType);
            case ExtensionType.MN_FA_CHALLENGE: {
                int len = shortLength(b, pos, messageType, 1, "an MN-FA challenge must not be empty (RFC 4721 §4)");
                return new Read(new MnFaChallenge(Arrays.copyOfRange(b, pos + 2, pos + 2 + len)), 2 + len);
            }
            case ExtensionType.NORMAL_VENDOR_SPECIFIC: {
                int len = shortLength(b, pos, messageType, 8,
                        "an NVSE holds Reserved, Vendor/Org-ID and Vendor-NVSE-Type: Length >= 8 (RFC 3115 §2.2)");
                return new Read(new NormalVendorExtension(Bytes.u32(b, pos + 4), Bytes.u16(b, pos + 8),
                        Arrays.copyOfRange(b, pos + 10, pos + 2 + len)), 2 + len);
            }
            default: {
                if (!ExtensionType.isSkippable(type)) {
                    throw new MalformedRegistrationException(UNKNOWN_NON_SKIPPABLE_EXTENSION, messageType, pos,
                            "extension type " + type + " is not recognized and not skippable (RFC 5944 §1.8)");
                }
                int len = shortLength(b, pos, messageType, 0, "");
                return new Read(new UnknownExtension(type, Arrays.copyOfRange(b, pos + 2, pos + 2 + len)), 2 + len);
            }
        }
    }

    /** Length of a Type-Length-Value extension, checked against the message end and {@code min}. */
    private static int shortLength(byte[] b, int pos, int messageType, int min, String why)
            throws MalformedRegistrationException {
        if (pos + 2 > b.length) {
            throw new MalformedRegistrationException(TRUNCATED_EXTENSION_HEADER, messageType, pos,
                    "extension type " + Bytes.u8(b, pos) + " has no Length octet");
        }
        int len = Bytes.u8(b, pos + 1);
        if (pos + 2 + len > b.length) {
            throw new MalformedRegistrationException(EXTENSION_LENGTH_PAST_END, messageType, pos + 1,
                    "extension type " + Bytes.u8(b, pos) + " Length " + len + " runs past the end ("
                            + (b.length - pos - 2) + " bytes left)");
        }
        if (len < min) {
            throw new MalformedRegistrationException(INVALID_EXTENSION_LENGTH, messageType, pos + 1,
                    "extension type " + Bytes.u8(b, pos) + " Length " + len + ": " + why);
        }
        return len;
    }

    /** Length of a long-format extension (Type, Subtype/Reserved, 16-bit Length, RFC 5944 §1.10). */
    private static int longLength(byte[] b, int pos, int messageType, int min, String why)
            throws MalformedRegistrationException {
        if (pos + 4 > b.length) {
            throw new MalformedRegistrationException(TRUNCATED_EXTENSION_HEADER, messageType, pos,
                    "extension type " + Bytes.u8(b, pos) + " needs a 4-byte header, " + (b.length - pos) + " left");
        }
        int len = Bytes.u16(b, pos + 2);
        if (pos + 4 + len > b.length) {
            throw new MalformedRegistrationException(EXTENSION_LENGTH_PAST_END, messageType, pos + 2,
                    "extension type " + Bytes.u8(b, pos) + " Length " + len + " runs past the end ("
                            + (b.length - pos - 4) + " bytes left)");
        }
        if (len < min) {
            throw new MalformedRegistrationException(INVALID_EXTENSION_LENGTH, messageType, pos + 2,
                    "extension type " + Bytes.u8(b, pos) + " Length " + len + ": " + why);
        }
        return len;
    }

    private static void requireSubtype(byte[] b, int pos, int messageType, int expected)
            throws MalformedRegistrationException {
        int subtype = Bytes.u8(b, pos + 1);
        if (subtype != expected) {
            throw new MalformedRegistrationException(UNSUPPORTED_SUBTYPE, messageType, pos + 1,
                    "extension type " + Bytes.u8(b, pos) + " subtype " + subtype + " is not supported"
                            + " and the type is not skippable (RFC 5944 §1.8)");
        }
    }

    private static Read readShortAuthentication(byte[] b, int pos, int messageType)
            throws MalformedRegistrationException {
        int len = shortLength(b, pos, messageType, 5,
                "an authentication extension holds a 4-byte SPI and a non-empty authenticator (RFC 5944 §3.5.2)");
        long spi = Bytes.u32(b, pos + 2);
        byte[] auth = Arrays.copyOfRange(b, pos + 6, pos + 2 + len);
        int type = Bytes.u8(b, pos);
        Extension ext = type == ExtensionType.MOBILE_HOME_AUTHENTICATION ? new MobileHomeAuthentication(spi, auth)
                : type == ExtensionType.MOBILE_FOREIGN_AUTHENTICATION ? new MobileForeignAuthentication(spi, auth)
                : new ForeignHomeAuthentication(spi, auth);
        return new Read(ext, 2 + len);
    }

    private static Read readMnAaa(byte[] b, int pos, int messageType) throws MalformedRegistrationException {
        int len = longLength(b, pos, messageType, 20,
                "a Generalized Authentication extension has Length >= 20 (RFC 4721 §5)");
        requireSubtype(b, pos, messageType, ExtensionType.MN_AAA_AUTHENTICATION_SUBTYPE);
        return new Read(new GeneralizedMnAaaAuthentication(Bytes.u32(b, pos + 4),
                Arrays.copyOfRange(b, pos + 8, pos + 4 + len)), 4 + len);
    }

    private static Read readCvse(byte[] b, int pos, int messageType) throws MalformedRegistrationException {
        int len = longLength(b, pos, messageType, 6,
                "a CVSE holds Vendor/Org-ID and Vendor-CVSE-Type: Length >= 6 (RFC 3115 §2.1)");
        return new Read(new CriticalVendorExtension(Bytes.u32(b, pos + 4), Bytes.u16(b, pos + 8),
                Arrays.copyOfRange(b, pos + 10, pos + 4 + len)), 4 + len);
    }

    private static Read readKeyRequest(byte[] b, int pos, int messageType) throws MalformedRegistrationException {
        int len = longLength(b, pos, messageType, 4, "a key generation nonce request holds a 4-byte SPI (RFC 3957 §6.1)");
        requireSubtype(b, pos, messageType, ExtensionType.KEY_GENERATION_FROM_AAA_SUBTYPE);
        if (len != 4) {
            throw new MalformedRegistrationException(INVALID_EXTENSION_LENGTH, messageType, pos + 2,
                    "the AAA KeyGen Request has zero-length subtype data, so Length 4, not " + len
                            + " (RFC 3957 §6.1, §6.3)");
        }
        long spi = Bytes.u32(b, pos + 4);
        Extension ext = Bytes.u8(b, pos) == ExtensionType.MN_FA_KEY_GENERATION_NONCE_REQUEST
                ? new MnFaKeyGenerationNonceRequest(spi) : new MnHaKeyGenerationNonceRequest(spi);
        return new Read(ext, 8);
    }

    private static Read readMnFaKeyReply(byte[] b, int pos, int messageType) throws MalformedRegistrationException {
        int len = longLength(b, pos, messageType, 14 + MnFaKeyGenerationNonceReply.MIN_NONCE_LENGTH,
                "the MN-FA Key Generation Nonce From AAA holds Lifetime, AAA SPI, FA SPI, Algorithm Identifier"
                        + " and a nonce of at least 128 bits (RFC 3957 §5, §6.2)");
        requireSubtype(b, pos, messageType, ExtensionType.KEY_GENERATION_FROM_AAA_SUBTYPE);
        int p = pos + 4;
        return new Read(new MnFaKeyGenerationNonceReply(Bytes.u32(b, p), Bytes.u32(b, p + 4), Bytes.u32(b, p + 8),
                Bytes.u16(b, p + 12), Arrays.copyOfRange(b, p + 14, pos + 4 + len)), 4 + len);
    }

    private static Read readMnHaKeyReply(byte[] b, int pos, int messageType) throws MalformedRegistrationException {
        int len = longLength(b, pos, messageType, 16 + MnFaKeyGenerationNonceReply.MIN_NONCE_LENGTH,
                "the MN-HA Key Generation Nonce From AAA holds Lifetime, AAA SPI, HA SPI, Algorithm Identifier,"
                        + " Replay Method and a nonce of at least 128 bits (RFC 3957 §5, §6.4)");
        requireSubtype(b, pos, messageType, ExtensionType.KEY_GENERATION_FROM_AAA_SUBTYPE);
        int p = pos + 4;
        return new Read(new MnHaKeyGenerationNonceReply(Bytes.u32(b, p), Bytes.u32(b, p + 4), Bytes.u32(b, p + 8),
                Bytes.u16(b, p + 12), Bytes.u16(b, p + 14), Arrays.copyOfRange(b, p + 16, pos + 4 + len)), 4 + len);
    }

    private static Read readNai(byte[] b, int pos, int messageType) throws MalformedRegistrationException {
        int len = shortLength(b, pos, messageType, 1, "an MN-NAI must not be empty (RFC 2794 §2)");
        try {
            String nai = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, pos + 2, len)).toString();
            return new Read(new MobileNodeNai(nai), 2 + len);
        } catch (CharacterCodingException e) {
            throw new MalformedRegistrationException(INVALID_EXTENSION_VALUE, messageType, pos + 2,
                    "the MN-NAI is not UTF-8 text (RFC 2794 §2, RFC 2486)");
        }
    }
}
