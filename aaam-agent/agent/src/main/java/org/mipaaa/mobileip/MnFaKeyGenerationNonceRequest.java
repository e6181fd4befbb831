package org.mipaaa.mobileip;

/**
 * MN-FA Key Generation Nonce From AAA Request: the Generalized MN-FA Key Generation Nonce Request
 * extension, type 40 (not skippable), subtype 1 (RFC 3957 §6.1): long format
 * {@code Type | Subtype | Length (16) = 4 | Mobile Node SPI}, with empty subtype data. It MUST come
 * before the MN-AAA Authentication extension.
 *
 * @param mobileNodeSpi the SPI the mobile node assigns to the MN-FA security association it will
 *                      create (RFC 4004 §8: the receiver of authenticated messages chooses the SPI)
 *
 * <p>Immutable, so thread-safe.
 */
public final class MnFaKeyGenerationNonceRequest implements Extension {

    private final long mobileNodeSpi;

    public MnFaKeyGenerationNonceRequest(long mobileNodeSpi) {
        Bytes.checkU32(mobileNodeSpi, "mobileNodeSpi");
        this.mobileNodeSpi = mobileNodeSpi;
    }


    @Override
    public int type() {
        return ExtensionType.MN_FA_KEY_GENERATION_NONCE_REQUEST;
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
        if (!(o instanceof MnFaKeyGenerationNonceRequest)) {
            return false;
        }
        MnFaKeyGenerationNonceRequest other = (MnFaKeyGenerationNonceRequest) o;
        return mobileNodeSpi == other.mobileNodeSpi;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(mobileNodeSpi);
    }

    @Override
    public String toString() {
        return "MnFaKeyGenerationNonceRequest[" + "mobileNodeSpi=" + mobileNodeSpi + "]";
    }
}
