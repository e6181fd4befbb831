package org.mipaaa.mobileip;

import java.net.Inet4Address;

/**
 * The fixed part of a Mobile IPv4 registration message (RFC 5944 §3.3, §3.4), the UDP payload up
 * to the first extension.
 *
 * <p>Its implementations are immutable, so thread-safe.
 */
public interface RegistrationMessage {

    /** Type octet of a Registration Request (RFC 5944 §1.8, §3.3). */
    int REQUEST_TYPE = 1;
    /** Type octet of a Registration Reply (RFC 5944 §1.8, §3.4). */
    int REPLY_TYPE = 3;
    /** Length of the fixed part of a Registration Request. */
    int REQUEST_FIXED_LENGTH = 24;
    /** Length of the fixed part of a Registration Reply. */
    int REPLY_FIXED_LENGTH = 20;
    /** Lifetime value meaning infinity (RFC 5944 §3.3). */
    int INFINITE_LIFETIME = 0xFFFF;

    /** {@link #REQUEST_TYPE} or {@link #REPLY_TYPE}. */
    int type();

    /** Seconds; 0 asks for (or reports) deregistration, 0xFFFF is infinity. */
    int lifetime();

    Inet4Address homeAddress();

    Inet4Address homeAgent();

    /** The 64-bit Identification, see {@link Identification}. */
    long identification();

    /** Number of bytes of the fixed part. */
    int fixedLength();
}
