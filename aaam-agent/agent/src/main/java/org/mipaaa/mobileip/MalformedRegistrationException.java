package org.mipaaa.mobileip;

import java.util.OptionalInt;

/**
 * A UDP payload that is not a well-formed registration message. It says what is wrong, where, and
 * how the receiving agent answers:
 *
 * <ul>
 *   <li>a poorly formed Registration Request: code 70 from a foreign agent, 134 from a home agent
 *       (RFC 5944 §3.4, §3.7.2.1, §3.8.2.3);</li>
 *   <li>a poorly formed Registration Reply, at a foreign agent: code 71 to the mobile node
 *       (RFC 5944 §3.4); a mobile node just discards it;</li>
 *   <li>{@link #silentlyDiscard()} is true where the RFC says the message MUST be silently discarded:
 *       an unrecognized extension of type 0-127 (RFC 5944 §1.8, RFC 3115 §2.3), or a payload that is
 *       not a registration message at all. {@link #replyCode} still gives the "poorly formed" code
 *       for an agent whose policy is to answer anyway.</li>
 * </ul>
 *
 * <p>Immutable, so thread-safe.
 */
public final class MalformedRegistrationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What is wrong. */
    public enum Problem {
        /** Shorter than the fixed part (24 bytes for a request, 20 for a reply), or empty. */
        TRUNCATED_FIXED_PART(false),
        /** The Type octet is neither 1 nor 3. */
        UNKNOWN_MESSAGE_TYPE(true),
        /** A request was expected and a reply came, or the other way round. */
        WRONG_MESSAGE_TYPE(true),
        /** An extension's Type is the last byte, or its header is cut short. */
        TRUNCATED_EXTENSION_HEADER(false),
        /** An extension's Length runs past the end of the message. */
        EXTENSION_LENGTH_PAST_END(false),
        /** A Length too small (or otherwise impossible) for the extension, zero where data is required. */
        INVALID_EXTENSION_LENGTH(false),
        /** A value that cannot be what the extension carries (e.g. an NAI that is not UTF-8). */
        INVALID_EXTENSION_VALUE(false),
        /** An extension of type 0-127 this codec does not recognize (RFC 5944 §1.8). */
        UNKNOWN_NON_SKIPPABLE_EXTENSION(true),
        /** A known non-skippable type with a subtype this codec does not recognize. */
        UNSUPPORTED_SUBTYPE(true),
        /** An authentication extension that must be the last one is followed by others. */
        AUTHENTICATION_NOT_LAST(false),
        /** Extensions in an order the RFCs forbid (e.g. the NAI after the Mobile-Home Authentication). */
        EXTENSION_OUT_OF_ORDER(false),
        /** An extension that does not belong in this message type (e.g. MN-AAA in a reply). */
        EXTENSION_NOT_ALLOWED(false);

        private final boolean silentlyDiscard;

        Problem(boolean silentlyDiscard) {
            this.silentlyDiscard = silentlyDiscard;
        }
    }

    private final Problem problem;
    private final int messageType;
    private final int offset;

    /**
     * @param problem     what is wrong
     * @param messageType the Type octet of the message, or -1 if there was none
     * @param offset      index of the offending byte
     * @param detail      a sentence for logs
     */
    public MalformedRegistrationException(Problem problem, int messageType, int offset, String detail) {
        super(problem + " at offset " + offset + ": " + detail);
        this.problem = problem;
        this.messageType = messageType;
        this.offset = offset;
    }

    public Problem problem() {
        return problem;
    }

    /** The message's Type octet (1 request, 3 reply), or -1 for an empty payload. */
    public int messageType() {
        return messageType;
    }

    /** Index in the payload of what is wrong. */
    public int offset() {
        return offset;
    }

    /** True where the RFCs say to discard without any reply (see the class comment). */
    public boolean silentlyDiscard() {
        return problem.silentlyDiscard || (messageType != RegistrationMessage.REQUEST_TYPE
                && messageType != RegistrationMessage.REPLY_TYPE);
    }

    /**
     * The Registration Reply code {@code receiver} answers with: 70 (FA) or 134 (HA) for a
     * request, 71 (FA) for a reply; empty when that receiver never answers this message type.
     */
    public OptionalInt replyCode(Receiver receiver) {
        if (problem == Problem.UNKNOWN_MESSAGE_TYPE || problem == Problem.WRONG_MESSAGE_TYPE) {
            return OptionalInt.empty();
        }
        if (messageType == RegistrationMessage.REQUEST_TYPE) {
            switch (receiver) {
                case FOREIGN_AGENT:
                    return OptionalInt.of(ReplyCode.FA_POORLY_FORMED_REQUEST);
                case HOME_AGENT:
                    return OptionalInt.of(ReplyCode.HA_POORLY_FORMED_REQUEST);
                case MOBILE_NODE:
                    return OptionalInt.empty();
            }
        }
        if (messageType == RegistrationMessage.REPLY_TYPE && receiver == Receiver.FOREIGN_AGENT) {
            return OptionalInt.of(ReplyCode.FA_POORLY_FORMED_REPLY);
        }
        return OptionalInt.empty();
    }
}
