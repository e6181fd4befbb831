package org.mipaaa.mobileip;

/**
 * The flag bits of the Registration Request, second octet (RFC 5944 §3.3), most significant first:
 * {@code S B D M G r T x}. {@code r} and {@code x} are sent as zero and ignored on reception.
 *
 * <p>Immutable, so thread-safe.
 */
public enum RequestFlag {
    /** S: simultaneous bindings. */
    SIMULTANEOUS_BINDINGS(0x80),
    /** B: broadcast datagrams. */
    BROADCAST_DATAGRAMS(0x40),
    /** D: decapsulation by the mobile node (co-located care-of address). */
    DECAPSULATION_BY_MOBILE_NODE(0x20),
    /** M: minimal encapsulation. */
    MINIMAL_ENCAPSULATION(0x10),
    /** G: GRE encapsulation. */
    GRE_ENCAPSULATION(0x08),
    /** r: reserved, sent as zero, ignored on reception. */
    RESERVED_R(0x04),
    /** T: reverse tunneling requested (RFC 3024). */
    REVERSE_TUNNELING(0x02),
    /** x: reserved, sent as zero, ignored on reception. */
    RESERVED_X(0x01);

    private final int mask;

    RequestFlag(int mask) {
        this.mask = mask;
    }

    /** The bit of this flag in the flags octet. */
    public int mask() {
        return mask;
    }

    /** The flags octet with exactly {@code flags} set. */
    public static int octet(RequestFlag... flags) {
        int v = 0;
        for (RequestFlag f : flags) {
            v |= f.mask;
        }
        return v;
    }
}
