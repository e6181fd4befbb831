package org.mipaaa.mobileip;

/**
 * Who received a message: decides which reply code answers a malformed one (RFC 5944 §3.4).
 *
 * <p>Immutable, so thread-safe.
 */
public enum Receiver {
    /** Answers a poorly formed request with 70 and a poorly formed reply with 71. */
    FOREIGN_AGENT,
    /** Answers a poorly formed request with 134. */
    HOME_AGENT,
    /** Never answers: it discards (RFC 5944 §3.6.2.1). */
    MOBILE_NODE
}
