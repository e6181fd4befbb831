package org.mipaaa.mobileip;

import java.util.Arrays;

/**
 * Critical Vendor/Organization Specific Extension (CVSE), type 38, not skippable (RFC 3115 §2.1):
 *
 * <pre>
 * Type=38 | Reserved | Length (16) | Vendor/Org-ID (32) | Vendor-CVSE-Type (16) | Vendor-CVSE-Value
 * </pre>
 *
 * Length counts the bytes after itself (6 + the value), as in the long format of RFC 5944 §1.10.
 * Reserved is sent as 0 and ignored on reception. A receiver that knows type 38 but not this
 * vendor/type rejects the registration: codes 100/101 (FA) or 140/141 (HA), RFC 3115 §2.3-§2.4.
 *
 * @param vendorId   SMI Private Enterprise Code (high-order octet 0)
 * @param vendorType vendor-defined type
 * @param value      vendor-defined value, 0 or more bytes
 *
 * <p>Immutable, so thread-safe.
 */
public final class CriticalVendorExtension implements Extension {

    private final long vendorId;
    private final int vendorType;
    private final byte[] value;

    public CriticalVendorExtension(long vendorId, int vendorType, byte[] value) {
        checkVendorId(vendorId);
        Bytes.checkU16(vendorType, "vendorType");
        value = Bytes.copy(value, "value");
        if (value.length > 0xFFFF - 6) {
            throw new IllegalArgumentException("CVSE value too long: " + value.length);
        }
        this.vendorId = vendorId;
        this.vendorType = vendorType;
        this.value = value;
    }


    /** Vendor/Org-ID: 32 bits whose high-order octet is 0 (kept whole when it is not). */
    static void checkVendorId(long vendorId) {
        Bytes.checkU32(vendorId, "Vendor/Org-ID");
    }

    public byte[] value() {
        return value.clone();
    }

    @Override
    public int type() {
        return ExtensionType.CRITICAL_VENDOR_SPECIFIC;
    }

    @Override
    public int encodedLength() {
        return 4 + 6 + value.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CriticalVendorExtension)) {
            return false;
        }
        CriticalVendorExtension other = (CriticalVendorExtension) o;
        return vendorId == other.vendorId
                && vendorType == other.vendorType && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(vendorId) * 31 + vendorType * 17 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "CriticalVendorExtension[vendorId=" + vendorId + ", vendorType=" + vendorType
                + ", value=" + Bytes.hex(value) + "]";
    }

    public long vendorId() {
        return vendorId;
    }

    public int vendorType() {
        return vendorType;
    }
}
