package org.mipaaa.registration;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.mipaaa.mobileip.auth.MnAaaAlgorithm;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.state.StoredValue;

/**
 * A mobile node the home AAA server serves: what it needs to authenticate the node's registration
 * (RFC 4004 §3.1: "If the mobile node was successfully authenticated, the AAAH ...") and to place it at home.
 *
 * @param nai              the mobile node's NAI, as its MN-NAI extension carries it (RFC 2794 §2), e.g.
 *                         {@code mn1@home.example}; compared octet for octet
 * @param mnAaa            the MN-AAA security association: the SPI of the MN-AAA Authentication
 *                         extension, the algorithm it selects and the AAA-key (RFC 4721 §6, §8; RFC 3957
 *                         §2). The same key derives the MN-HA and MN-FA keys (RFC 3957 §5, RFC 4004 §8)
 * @param homeRealm        the realm the AAAH serves the node in (by default the NAI's part after '@')
 * @param fixedHomeAddress a statically assigned home address (RFC 5944 §3.6: the MN may carry it in its
 *                         request); empty: the AAAH allocates one from its pool (RFC 4004 §3.1)
 * @param homeAgent        the home agent that serves the node (RFC 4004 §3.1, §7.4 MIP-Home-Agent-Address);
 *                         empty: the AAAH chooses
 * @param aaamSpi          the AAAM-SPI of the node's security association for the accounting services
 *                         (docs/PROTOCOL.md §3), whose key is derived from the MN-AAA key; empty: the node
 *                         may not use them
 */
public record Subscriber(String nai, MnAaaSecurityAssociation mnAaa, String homeRealm,
                         Optional<Inet4Address> fixedHomeAddress, Optional<Inet4Address> homeAgent, OptionalLong aaamSpi) {

    private static final int FORMAT = 2;

    public Subscriber {
        checkNai(nai);
        Objects.requireNonNull(mnAaa, "mnAaa");
        Objects.requireNonNull(homeRealm, "homeRealm");
        if (homeRealm.isBlank()) {
            throw new IllegalArgumentException("empty home realm for " + nai);
        }
        Objects.requireNonNull(fixedHomeAddress, "fixedHomeAddress");
        Objects.requireNonNull(homeAgent, "homeAgent");
        Objects.requireNonNull(aaamSpi, "aaamSpi");
    }

    /** The same subscriber with AAAM-SPI {@code spi}. */
    public Subscriber withAaamSpi(long spi) {
        return new Subscriber(nai, mnAaa, homeRealm, fixedHomeAddress, homeAgent, OptionalLong.of(spi));
    }

    /** A subscriber of the NAI's own realm, with an allocated home address and any home agent. */
    public static Subscriber of(String nai, MnAaaSecurityAssociation mnAaa) {
        return new Subscriber(nai, mnAaa, realmOf(nai), Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    /**
     * The realm of {@code nai}: what follows its last '@' (RFC 4282 §2.1, the syntax RFC 2794 refers
     * to).
     *
     * @throws IllegalArgumentException for a NAI without a realm
     */
    public static String realmOf(String nai) {
        int at = nai.lastIndexOf('@');
        if (at < 0 || at == nai.length() - 1) {
            throw new IllegalArgumentException("NAI without a realm: " + nai);
        }
        return nai.substring(at + 1);
    }

    /**
     * Refuses what cannot be a NAI: empty, longer than an MN-NAI extension can carry (255 octets,
     * RFC 2794 §2), or with spaces or control characters (RFC 4282 §2.1 has none).
     */
    static void checkNai(String nai) {
        Objects.requireNonNull(nai, "nai");
        if (nai.isEmpty() || nai.length() > 255 || nai.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("not a NAI: '" + nai + "'");
        }
    }

    String encode() {
        return StoredValue.encode(FORMAT, out -> {
            out.writeUTF(nai);
            out.writeInt((int) mnAaa.spi());
            out.writeUTF(mnAaa.algorithm().name());
            StoredValue.writeBytes(out, mnAaa.key());
            out.writeUTF(homeRealm);
            StoredValue.writeOptionalAddress(out, fixedHomeAddress);
            StoredValue.writeOptionalAddress(out, homeAgent);
            out.writeLong(aaamSpi.orElse(-1));
        });
    }

    static Subscriber decode(String value) {
        return StoredValue.decode(value, FORMAT, "subscriber", in -> new Subscriber(
                in.readUTF(),
                new MnAaaSecurityAssociation(Integer.toUnsignedLong(in.readInt()), MnAaaAlgorithm.valueOf(in.readUTF()),
                        StoredValue.readBytes(in)),
                in.readUTF(),
                StoredValue.readOptionalAddress(in),
                StoredValue.readOptionalAddress(in),
                optionalSpi(in.readLong())));
    }

    private static OptionalLong optionalSpi(long stored) {
        return stored < 0 ? OptionalLong.empty() : OptionalLong.of(stored);
    }
}
