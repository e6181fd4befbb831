package org.mipaaa.mobileip;

import java.net.Inet4Address;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The fixed part of a Registration Request (RFC 5944 §3.3):
 *
 * <pre>
 * Type=1 | S B D M G r T x | Lifetime (16) | Home Address | Home Agent | Care-of Address | Identification (64)
 * </pre>
 *
 * @param flags          the flags octet, see {@link RequestFlag} (kept whole, reserved bits too,
 *                       so that re-encoding gives back the authenticated bytes)
 * @param lifetime       seconds, 0 = deregistration, 0xFFFF = infinity
 * @param homeAddress    0.0.0.0 when the mobile node has none yet and sends its NAI (RFC 2794 §2)
 * @param homeAgent      the home agent's address
 * @param careOfAddress  the address for the end of the tunnel
 * @param identification see {@link Identification}
 *
 * <p>Immutable, so thread-safe.
 */
public final class RegistrationRequest implements RegistrationMessage {

    private final int flags;
    private final int lifetime;
    private final Inet4Address homeAddress;
    private final Inet4Address homeAgent;
    private final Inet4Address careOfAddress;
    private final long identification;

    public RegistrationRequest(int flags, int lifetime, Inet4Address homeAddress, Inet4Address homeAgent, Inet4Address careOfAddress, long identification) {
        Bytes.checkU8(flags, "flags");
        Bytes.checkU16(lifetime, "lifetime");
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(homeAgent, "homeAgent");
        Objects.requireNonNull(careOfAddress, "careOfAddress");
        this.flags = flags;
        this.lifetime = lifetime;
        this.homeAddress = homeAddress;
        this.homeAgent = homeAgent;
        this.careOfAddress = careOfAddress;
        this.identification = identification;
    }


    /** A request with exactly {@code flags} set. */
    public static RegistrationRequest of(Set<RequestFlag> flags, int lifetime, Inet4Address homeAddress,
                                         Inet4Address homeAgent, Inet4Address careOfAddress,
                                         long identification) {
        return new RegistrationRequest(RequestFlag.octet(flags.toArray(new RequestFlag[0])), lifetime,
                homeAddress, homeAgent, careOfAddress, identification);
    }

    @Override
    public int type() {
        return REQUEST_TYPE;
    }

    @Override
    public int fixedLength() {
        return REQUEST_FIXED_LENGTH;
    }

    /** Whether {@code flag} is set. */
    public boolean has(RequestFlag flag) {
        return (flags & flag.mask()) != 0;
    }

    /** The flags that are set. */
    public Set<RequestFlag> flagSet() {
        EnumSet<RequestFlag> set = EnumSet.noneOf(RequestFlag.class);
        for (RequestFlag f : RequestFlag.values()) {
            if (has(f)) {
                set.add(f);
            }
        }
        return set;
    }

    /** Lifetime 0 (RFC 5944 §3.6.1.2, §3.8.2.2). */
    public boolean isDeregistration() {
        return lifetime == 0;
    }

    @Override
    public String toString() {
        return "RegistrationRequest[flags=" + flagSet() + ", lifetime=" + lifetime
                + ", homeAddress=" + Ipv4.format(homeAddress) + ", homeAgent=" + Ipv4.format(homeAgent)
                + ", careOfAddress=" + Ipv4.format(careOfAddress)
                + ", identification=" + Identification.hex(identification) + "]";
    }

    public int flags() {
        return flags;
    }

    public int lifetime() {
        return lifetime;
    }

    public Inet4Address homeAddress() {
        return homeAddress;
    }

    public Inet4Address homeAgent() {
        return homeAgent;
    }

    public Inet4Address careOfAddress() {
        return careOfAddress;
    }

    public long identification() {
        return identification;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RegistrationRequest)) {
            return false;
        }
        RegistrationRequest other = (RegistrationRequest) o;
        return flags == other.flags
                && lifetime == other.lifetime
                && java.util.Objects.equals(homeAddress, other.homeAddress)
                && java.util.Objects.equals(homeAgent, other.homeAgent)
                && java.util.Objects.equals(careOfAddress, other.careOfAddress)
                && identification == other.identification;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(flags, lifetime, homeAddress, homeAgent, careOfAddress, identification);
    }
}
