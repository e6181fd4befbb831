package org.mipaaa.registration;

import java.util.Arrays;
import java.util.Objects;

import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.mobileip.auth.MobilitySecurityAssociation;

/**
 * The mobility security association between a mobile node and its home agent, as the home agent
 * keeps it in a binding: one session key (derived by the AAAH from the MN-HA nonce, RFC 3957 §5,
 * RFC 4004 §8) and two SPIs, because the verifier of an authenticator chooses its SPI (RFC 4004 §8):
 *
 * @param mnToHaSpi the SPI the home agent allocated (MIP-MN-to-HA-MSA, RFC 4004 §9.6): the mobile node
 *                  sends its Mobile-Home Authentication extension under it, the home agent checks it
 * @param haToMnSpi the SPI the mobile node allocated (MIP-HA-to-MN-MSA, RFC 4004 §9.4): the home agent authenticates
 *                  its replies under it
 * @param algorithm the transform (RFC 5944 §3.5.1; HMAC-MD5 by default)
 * @param key       the MN-HA key
 */
public record MnHaSecurityAssociation(long mnToHaSpi, long haToMnSpi, AuthAlgorithm algorithm, byte[] key) {

    public MnHaSecurityAssociation {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        key = key.clone();
        // the same checks as each direction's association (SPI 256..2^32-1, non-empty key)
        new MobilitySecurityAssociation(mnToHaSpi, algorithm, key);
        new MobilitySecurityAssociation(haToMnSpi, algorithm, key);
        if (key.length > 0xFFFF) {
            throw new IllegalArgumentException("MN-HA key of " + key.length + " octets");
        }
    }

    /** What checks the mobile node's Mobile-Home Authentication extension (RFC 5944 §3.8.2.1 a). */
    public MobilitySecurityAssociation forRequests() {
        return new MobilitySecurityAssociation(mnToHaSpi, algorithm, key);
    }

    /** What makes the Mobile-Home Authentication extension of the home agent's replies (RFC 5944 §3.8.3). */
    public MobilitySecurityAssociation forReplies() {
        return new MobilitySecurityAssociation(haToMnSpi, algorithm, key);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MnHaSecurityAssociation other && mnToHaSpi == other.mnToHaSpi && haToMnSpi == other.haToMnSpi
                && algorithm == other.algorithm && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mnToHaSpi, haToMnSpi, algorithm);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "MnHaSecurityAssociation[mnToHaSpi=" + mnToHaSpi + ", haToMnSpi=" + haToMnSpi + ", algorithm=" + algorithm + "]";
    }
}
