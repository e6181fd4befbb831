package org.mipaaa.mobileip;

/**
 * One-byte Padding, type 0: the Type octet alone, neither Length nor Data (RFC 5944 §1.8, §6.3).
 *
 * <p>Immutable, so thread-safe.
 */
public final class OneBytePadding implements Extension {

    public OneBytePadding() {
    }


    @Override
    public int type() {
        return ExtensionType.ONE_BYTE_PADDING;
    }

    @Override
    public int encodedLength() {
        return 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneBytePadding;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "OneBytePadding[" + "" + "]";
    }
}
