package org.mipaaa.mobileip;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * The fixed part of a Registration Reply (RFC 5944 §3.4):
 *
 * <pre>
 * Type=3 | Code | Lifetime (16) | Home Address | Home Agent | Identification (64)
 * </pre>
 *
 * @param code           see {@link ReplyCode}
 * @param lifetime       granted seconds when accepted; to be ignored when denied
 * @param homeAddress    the mobile node's home address
 * @param homeAgent      the home agent's address
 * @param identification see {@link Identification}; low-order 32 bits as in the request
 *
 * <p>Immutable, so thread-safe.
 */
public final class RegistrationReply implements RegistrationMessage {

    private final int code;
    private final int lifetime;
    private final Inet4Address homeAddress;
    private final Inet4Address homeAgent;
    private final long identification;

    public RegistrationReply(int code, int lifetime, Inet4Address homeAddress, Inet4Address homeAgent, long identification) {
        Bytes.checkU8(code, "code");
        Bytes.checkU16(lifetime, "lifetime");
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(homeAgent, "homeAgent");
        this.code = code;
        this.lifetime = lifetime;
        this.homeAddress = homeAddress;
        this.homeAgent = homeAgent;
        this.identification = identification;
    }


    @Override
    public int type() {
        return REPLY_TYPE;
    }

    @Override
    public int fixedLength() {
        return REPLY_FIXED_LENGTH;
    }

    /** RFC 5944 §6.4: code 0-8. */
    public boolean isAccepted() {
        return ReplyCode.isSuccess(code);
    }

    @Override
    public String toString() {
        return "RegistrationReply[code=" + code + " (" + ReplyCode.describe(code) + "), lifetime=" + lifetime
                + ", homeAddress=" + Ipv4.format(homeAddress) + ", homeAgent=" + Ipv4.format(homeAgent)
                + ", identification=" + Identification.hex(identification) + "]";
    }

    public int code() {
        return code;
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

    public long identification() {
        return identification;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RegistrationReply)) {
            return false;
        }
        RegistrationReply other = (RegistrationReply) o;
        return code == other.code
                && lifetime == other.lifetime
                && java.util.Objects.equals(homeAddress, other.homeAddress)
                && java.util.Objects.equals(homeAgent, other.homeAgent)
                && identification == other.identification;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(code, lifetime, homeAddress, homeAgent, identification);
    }
}
