package org.mipaaa.dictionary;

/**
 * A DIAMETER application of the dictionary.
 *
 * @param id Application-Id (remapped by {@link VendorSettings} for MIP-Accounting-Services)
 * @param name dictionary name, e.g. "Mobile-IPv4"
 * @param vendorId 0 for IETF applications, else the vendor of a vendor-specific application
 */
public record ApplicationDefinition(long id, String name, long vendorId) {

    /** Checks the id is an Unsigned32 and the name present. */
    public ApplicationDefinition {
        if (id < 0 || id > 0xffffffffL) {
            throw new IllegalArgumentException("Application-Id out of Unsigned32 range: " + id);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("application " + id + " without a name");
        }
    }

    /** True for a vendor-specific application (advertised in a Vendor-Specific-Application-Id). */
    public boolean isVendorSpecific() {
        return vendorId != 0;
    }
}
