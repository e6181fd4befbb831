package org.mipaaa.dictionary;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;

/**
 * Constants of the correspondent confirmation protocol (seed third embodiment, Figs. 21-22,
 * S3001-S3014; docs/PROTOCOL.md §11): a caller asks the terminal at the address it resolved whether it
 * is the host (and user) it expects before it sets up a call. Not DIAMETER: a compact binary protocol
 * over UDP between terminals, kept here with every other protocol constant of the project.
 *
 * <p>A message is a 4-octet header (version, message type, total length as a 16-bit big-endian
 * number) followed by TLVs (type: 1 octet, length of the value: 2 octets big-endian, value).
 */
public final class ConfirmationProtocol {

    /** The only version of the format; a message of another version is dropped. */
    public static final int VERSION = 1;

    /**
     * UDP port a terminal answers confirmation requests on, unless configured otherwise. Not
     * IANA-assigned (a deployment picks its own); chosen above 1023 so a terminal needs no privilege.
     */
    public static final int DEFAULT_UDP_PORT = 4434;

    /** Octets of the header: version, type, length (2). */
    public static final int HEADER_LENGTH = 4;
    /** Octets of a TLV header: type, length (2). */
    public static final int TLV_HEADER_LENGTH = 3;
    /**
     * Smallest request: longer than the largest answer (a signed OK, 109 octets), so a request with a
     * forged source address never makes a terminal send more octets than it received (no amplification).
     * Requests are padded up to it with a PADDING TLV; a shorter one is dropped.
     */
    public static final int MIN_REQUEST_LENGTH = 128;
    /** Largest message: fits one unfragmented datagram on any IPv4 path (RFC 791 576-octet minimum, less headers). */
    public static final int MAX_MESSAGE_LENGTH = 548;

    /** Message types (header octet 1). */
    public static final class MessageType {
        /** Confirmation request, caller to terminal (S3001). */
        public static final int REQUEST = 1;
        /** Confirmation OK, terminal to caller (S3013): carries the ID number for the call setup. */
        public static final int OK = 2;
        /** Confirmation NG, terminal to caller (S3014): carries a reason code. */
        public static final int NG = 3;

        private MessageType() {
        }
    }

    /** TLV types and the sizes of the fixed-size values. */
    public static final class Tlv {
        /** Random value chosen by the caller; an answer echoes it (matching, replay of old answers). */
        public static final int NONCE = 1;
        /** The host name the caller expects (request), UTF-8. */
        public static final int EXPECTED_HOST_NAME = 2;
        /** The user name or NAI the caller expects (request, optional), UTF-8. */
        public static final int EXPECTED_USER = 3;
        /** The ID number of a confirmation (OK), 64 bits. */
        public static final int CONFIRMATION_ID = 4;
        /** Seconds the ID stays valid for a call setup (OK), 32 bits unsigned. */
        public static final int VALIDITY_SECONDS = 5;
        /** Why the terminal answers NG (NG), 8 bits: one of {@link ReasonCode}. */
        public static final int REASON_CODE = 6;
        /** Signature of the answer (optional, always last): algorithm octet, then the signature. */
        public static final int SIGNATURE = 7;
        /** Zero octets that bring a request up to {@link #MIN_REQUEST_LENGTH}; ignored. */
        public static final int PADDING = 8;

        /** Octets of a nonce. */
        public static final int NONCE_LENGTH = 16;
        /** Octets of a confirmation ID. */
        public static final int CONFIRMATION_ID_LENGTH = 8;
        /** Octets of a validity. */
        public static final int VALIDITY_LENGTH = 4;
        /** Octets of a reason code. */
        public static final int REASON_CODE_LENGTH = 1;
        /** Longest expected host name (RFC 1035 §2.3.4: 255 octets). */
        public static final int MAX_HOST_NAME_LENGTH = 255;
        /** Longest expected user name or NAI (RFC 7542 §2.2: 253 octets). */
        public static final int MAX_USER_LENGTH = 253;

        private Tlv() {
        }
    }

    /** Reason codes of an NG answer. */
    public static final class ReasonCode {
        /** The terminal's host name is not the expected one (seed Fig. 22B: another terminal holds the address). */
        public static final int HOST_NAME_MISMATCH = 1;
        /** The host name matches but the user now using the terminal is not the expected one. */
        public static final int USER_MISMATCH = 2;
        /** The host name matches but nobody is using the terminal now, so no user can be confirmed. */
        public static final int NO_USER = 3;
        /** The request's header and nonce were readable but the rest was not a valid request. */
        public static final int MALFORMED_REQUEST = 4;
        /**
         * The terminal holds as many unredeemed IDs as it keeps (in all, or for the caller's address): it
         * issues no more until some are redeemed or expire, and never drops one still valid for a new request.
         */
        public static final int BUSY = 5;

        private ReasonCode() {
        }
    }

    /** Signature algorithms (first octet of the SIGNATURE value). */
    public static final class SignatureAlgorithm {
        /**
         * Version 1: Ed25519 (RFC 8032) over the answer alone. No longer sent nor accepted: it does not cover
         * the question, so an OK signed for another question could be passed off (docs/PROTOCOL.md §11.2).
         */
        public static final int ED25519 = 1;
        /**
         * Version 2: Ed25519 (RFC 8032, the JDK's "Ed25519", a 64-octet signature) over the answer and the
         * question it answers (the request's EXPECTED_HOST_NAME and EXPECTED_USER TLVs), docs/PROTOCOL.md §11.2.
         */
        public static final int ED25519_WITH_QUESTION = 2;
        /** Octets of an Ed25519 signature. */
        public static final int ED25519_SIGNATURE_LENGTH = 64;

        private SignatureAlgorithm() {
        }
    }

    /** SIP header of the INVITE that carries the confirmation ID (16 lower-case hex digits). */
    public static final String SIP_CONFIRMATION_ID_HEADER = "X-MipAaa-Confirmation-Id";

    private static final Map<Integer, String> REASON_NAMES = names(ReasonCode.class);
    private static final Map<Integer, String> TYPE_NAMES = names(MessageType.class);

    private ConfirmationProtocol() {
    }

    /** The name of a reason code ("HOST_NAME_MISMATCH"), or "UNKNOWN_REASON_n". */
    public static String reasonName(int reasonCode) {
        return REASON_NAMES.getOrDefault(reasonCode, "UNKNOWN_REASON_" + reasonCode);
    }

    /** The name of a message type ("OK"), or "UNKNOWN_TYPE_n". */
    public static String messageTypeName(int type) {
        return TYPE_NAMES.getOrDefault(type, "UNKNOWN_TYPE_" + type);
    }

    /** The int constants of a holder class whose values are distinct, value to name. */
    private static Map<Integer, String> names(Class<?> holder) {
        Map<Integer, String> names = new TreeMap<>();
        for (Field f : holder.getDeclaredFields()) {
            int m = f.getModifiers();
            if (f.getType() == int.class && Modifier.isPublic(m) && Modifier.isStatic(m)) {
                try {
                    names.put(f.getInt(null), f.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("public constant not readable: " + f, e);
                }
            }
        }
        return names;
    }
}
