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
 */
public record RegistrationReply(int code, int lifetime, Inet4Address homeAddress, Inet4Address homeAgent,
                                long identification) implements RegistrationMessage {

    public RegistrationReply {
        Bytes.checkU8(code, "code");
        Bytes.checkU16(lifetime, "lifetime");
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(homeAgent, "homeAgent");
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
}
