package org.mipaaa.mobileip;

import java.util.Arrays;

/**
 * Normal Vendor/Organization Specific Extension (NVSE), type 134, skippable (RFC 3115 §2.2):
 *
 * <pre>
 * Type=134 | Length | Reserved (16) | Vendor/Org-ID (32) | Vendor-NVSE-Type (16) | Vendor-NVSE-Value
 * </pre>
 *
 * Length counts the bytes after itself (8 + the value). Reserved is sent as 0. An unknown vendor or
 * type is skipped (RFC 3115 §2.3).
 *
 * @param vendorId   SMI Private Enterprise Code (high-order octet 0)
 * @param vendorType vendor-defined type
 * @param value      vendor-defined value, 0..247 bytes
 *
 * <p>Immutable, so thread-safe.
 */
public final class NormalVendorExtension implements Extension {

    private final long vendorId;
    private final int vendorType;
    private final byte[] value;

    public NormalVendorExtension(long vendorId, int vendorType, byte[] value) {
        CriticalVendorExtension.checkVendorId(vendorId);
        Bytes.checkU16(vendorType, "vendorType");
        value = Bytes.copy(value, "value");
        if (value.length > 255 - 8) {
            throw new IllegalArgumentException("NVSE value too long: " + value.length);
        }
        this.vendorId = vendorId;
        this.vendorType = vendorType;
        this.value = value;
    }


    public byte[] value() {
        return value.clone();
    }

    @Override
    public int type() {
        return ExtensionType.NORMAL_VENDOR_SPECIFIC;
    }

    @Override
    public int encodedLength() {
        return 2 + 8 + value.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NormalVendorExtension)) {
            return false;
        }
        NormalVendorExtension other = (NormalVendorExtension) o;
        return vendorId == other.vendorId
                && vendorType == other.vendorType && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(vendorId) * 31 + vendorType * 17 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "NormalVendorExtension[vendorId=" + vendorId + ", vendorType=" + vendorType
                + ", value=" + Bytes.hex(value) + "]";
    }

    public long vendorId() {
        return vendorId;
    }

    public int vendorType() {
        return vendorType;
    }
}
