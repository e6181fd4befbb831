package org.mipaaa.mobileip;

/**
 * One extension of a registration message, in one of the three formats of RFC 5944 §1.9-§1.11
 * (type-length-value with an 8-bit Length; the long format with a Sub-Type and a 16-bit Length;
 * or the one-byte padding without any Length).
 *
 * <p>Each record is immutable: arrays are copied in and out, and {@code equals} compares contents.
 *
 * <p>Its implementations are immutable, so thread-safe.
 */
public interface Extension {

    /** The Type octet, see {@link ExtensionType}. */
    int type();

    /** Total number of bytes this extension takes in a message, its header included. */
    int encodedLength();
}
