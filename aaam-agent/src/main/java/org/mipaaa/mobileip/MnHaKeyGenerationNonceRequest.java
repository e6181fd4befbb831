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
 */
public record MnHaKeyGenerationNonceRequest(long mobileNodeSpi) implements Extension {

    public MnHaKeyGenerationNonceRequest {
        Bytes.checkU32(mobileNodeSpi, "mobileNodeSpi");
    }

    @Override
    public int type() {
        return ExtensionType.MN_HA_KEY_GENERATION_NONCE_REQUEST;
    }

    @Override
    public int encodedLength() {
        return 8;
    }
}
