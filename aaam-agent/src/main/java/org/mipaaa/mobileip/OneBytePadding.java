package org.mipaaa.mobileip;

/** One-byte Padding, type 0: the Type octet alone, neither Length nor Data (RFC 5944 §1.8, §6.3). */
public record OneBytePadding() implements Extension {

    @Override
    public int type() {
        return ExtensionType.ONE_BYTE_PADDING;
    }

    @Override
    public int encodedLength() {
        return 1;
    }
}
