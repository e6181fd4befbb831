package org.mipaaa.mobileip;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Mobile Node NAI extension, type 131, skippable (RFC 2794 §2): {@code Type | Length | MN-NAI}.
 * In a request it comes before the Mobile-Home and Mobile-Foreign Authentication extensions; with
 * it the Home Address may be 0.0.0.0. The AAA servers route by the realm after the '@'.
 *
 * @param nai the NAI, 1..255 bytes in UTF-8 (RFC 2486 NAIs are ASCII)
 *
 * <p>Immutable, so thread-safe.
 */
public final class MobileNodeNai implements Extension {

    private final String nai;

    public MobileNodeNai(String nai) {
        Objects.requireNonNull(nai, "nai");
        int n = nai.getBytes(StandardCharsets.UTF_8).length;
        if (n < 1 || n > 255) {
            throw new IllegalArgumentException("an MN-NAI must be 1..255 bytes, not " + n);
        }
        this.nai = nai;
    }


    @Override
    public int type() {
        return ExtensionType.MOBILE_NODE_NAI;
    }

    /** The NAI as carried in the extension (the mobile node identifier of RFC 3957 §5). */
    public byte[] naiBytes() {
        return nai.getBytes(StandardCharsets.UTF_8);
    }

    /** The realm: what follows the last '@', or empty when there is none. */
    public String realm() {
        int at = nai.lastIndexOf('@');
        return at < 0 ? "" : nai.substring(at + 1);
    }

    @Override
    public int encodedLength() {
        return 2 + naiBytes().length;
    }

    public String nai() {
        return nai;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MobileNodeNai)) {
            return false;
        }
        MobileNodeNai other = (MobileNodeNai) o;
        return java.util.Objects.equals(nai, other.nai);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(nai);
    }

    @Override
    public String toString() {
        return "MobileNodeNai[" + "nai=" + nai + "]";
    }
}
