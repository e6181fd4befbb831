package org.mipaaa.dictionary;

/** Vendor-Ids (IANA Private Enterprise Numbers) used by the project. */
public final class VendorIds {

    /** Vendor-Id of the IETF and of all standard AVPs. */
    public static final long IETF = 0L;

    /**
     * Default Vendor-Id of MIP-Accounting-Services: 32473, the enterprise number RFC 5612 reserves for
     * documentation. Fine for labs and examples; a carrier MUST configure its own enterprise number
     * ({@link VendorSettings}), because 32473 is shared by every document that uses it.
     */
    public static final long MIP_AAA_DEFAULT = 32473L;

    private VendorIds() {
    }
}
