package org.mipaaa.registration;

import java.net.Inet4Address;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mipaaa.mobileip.ExtensionField;
import org.mipaaa.mobileip.ForeignHomeAuthentication;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.mobileip.auth.Authenticators;
import org.mipaaa.mobileip.auth.MobilitySecurityAssociation;

/**
 * Pre-shared foreign agent - home agent security associations (RFC 5944 §3.5.4), by the other agent's
 * address: at a foreign agent the home agent address of the registrations, at a home agent the
 * address the foreign agent relays from. Configured as {@code address=spi:hex-key,...} with HMAC-MD5,
 * the algorithm every agent supports (§5.1). An agent without an association for the other one adds
 * and checks nothing, as the RFC allows.
 */
public final class ForeignHomeKeys {

    private final Map<Inet4Address, MobilitySecurityAssociation> byPeer;

    private ForeignHomeKeys(Map<Inet4Address, MobilitySecurityAssociation> byPeer) {
        this.byPeer = Map.copyOf(byPeer);
    }

    public static ForeignHomeKeys none() {
        return new ForeignHomeKeys(Map.of());
    }

    /**
     * Parses {@code address=spi:hex-key,...}; blank is none.
     *
     * @throws IllegalArgumentException for an entry that does not parse, a reserved SPI (below 256,
     *                                  §1.6) or a key shorter than 128 bits (§5.1)
     */
    public static ForeignHomeKeys parse(String setting) {
        Map<Inet4Address, MobilitySecurityAssociation> keys = new HashMap<>();
        for (String entry : setting.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] addressAndKey = entry.strip().split("=", 2);
            String[] spiAndKey = addressAndKey.length == 2 ? addressAndKey[1].split(":", 2) : new String[0];
            if (spiAndKey.length != 2) {
                throw new IllegalArgumentException("not address=spi:hex-key: " + entry.strip());
            }
            long spi = Long.parseLong(spiAndKey[0].strip());
            byte[] key = HexFormat.of().parseHex(spiAndKey[1].strip());
            if (spi < MobilitySecurityAssociation.FIRST_UNRESERVED_SPI || key.length < 16) {
                throw new IllegalArgumentException("foreign-home key for " + addressAndKey[0].strip()
                        + ": SPI must be >= 256 and the key at least 128 bits (RFC 5944 1.6, 5.1)");
            }
            keys.put(Ipv4.parse(addressAndKey[0].strip()), new MobilitySecurityAssociation(spi, AuthAlgorithm.HMAC_MD5, key));
        }
        return new ForeignHomeKeys(keys);
    }

    /** The association with the agent at {@code peer}, if one is configured. */
    public Optional<MobilitySecurityAssociation> with(Inet4Address peer) {
        return Optional.ofNullable(byPeer.get(peer));
    }

    /**
     * RFC 5944 §3.7.3.2 / §3.8.2.1: exactly one Foreign-Home Authentication extension, with the
     * association's SPI and a valid authenticator.
     */
    public static boolean verifies(RegistrationPacket packet, MobilitySecurityAssociation sa) {
        List<ExtensionField> fh = packet.fields(ForeignHomeAuthentication.class);
        return fh.size() == 1 && ((ForeignHomeAuthentication) fh.get(0).extension()).spi() == sa.spi()
                && Authenticators.verify(packet, fh.get(0), sa);
    }
}
