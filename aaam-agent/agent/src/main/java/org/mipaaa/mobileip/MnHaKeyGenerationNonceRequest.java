package org.mipaaa.mobileip;

/**
 * MN-HA Key Generation Nonce From AAA Request: the Generalized MN-HA Key Generation Nonce Request
 * extension, type 42 (not skippable), subtype 1 (RFC 3957 §6.3): long format
 * {@code Type | Subtype | Length (16) = 4 | Mobile Node SPI}, with empty subtype data. It MUST come
 * before the MN-AAA Authentication extension.
 *
 * @param mobileNodeSpi the SPI the mobile node assigns to the MN-HA security association it will
 *                      create; the home agent uses it on the authenticators it sends to the mobile
 *                      node (RFC 4004 §8, §9.4)
 *
 * <p>Immutable, so thread-safe.
 */
public final class MnHaKeyGenerationNonceRequest implements Extension {

    private final long mobileNodeSpi;

    public MnHaKeyGenerationNonceRequest(long mobileNodeSpi) {
        Bytes.checkU32(mobileNodeSpi, "mobileNodeSpi");
        this.mobileNodeSpi = mobileNodeSpi;
    }


    @Override
    public int type() {
        return ExtensionType.MN_HA_KEY_GENERATION_NONCE_REQUEST;
    }

    @Override
    public int encodedLength() {
        return 8;
    }

    public long mobileNodeSpi() {
        return mobileNodeSpi;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MnHaKeyGenerationNonceRequest)) {
            return false;
        }
        MnHaKeyGenerationNonceRequest other = (MnHaKeyGenerationNonceRequest) o;
        return mobileNodeSpi == other.mobileNodeSpi;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(mobileNodeSpi);
    }

    @Override
    public String toString() {
        return "MnHaKeyGenerationNonceRequest[" + "mobileNodeSpi=" + mobileNodeSpi + "]";
    }
}
