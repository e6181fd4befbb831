package org.mipaaa.dictionary;

/**
 * A DIAMETER application of the dictionary.
 *
 * @param id Application-Id (remapped by {@link VendorSettings} for MIP-Accounting-Services)
 * @param name dictionary name, e.g. "Mobile-IPv4"
 * @param vendorId 0 for IETF applications, else the vendor of a vendor-specific application
 */
public final class ApplicationDefinition {

    private final long id;
    private final String name;
    private final long vendorId;

    /** Checks the id is an Unsigned32 and the name present. */
    public ApplicationDefinition(long id, String name, long vendorId) {
        if (id < 0 || id > 0xffffffffL) {
            throw new IllegalArgumentException("Application-Id out of Unsigned32 range: " + id);
        }
        if (name == null || name.trim().isEmpty()) {
            throw new IllegalArgumentException("application " + id + " without a name");
        }
        this.id = id;
        this.name = name;
        this.vendorId = vendorId;
    }


    /** True for a vendor-specific application (advertised in a Vendor-Specific-Application-Id). */
    public boolean isVendorSpecific() {
        return vendorId != 0;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public long vendorId() {
        return vendorId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ApplicationDefinition)) {
            return false;
        }
        ApplicationDefinition other = (ApplicationDefinition) o;
        return id == other.id
                && java.util.Objects.equals(name, other.name)
                && vendorId == other.vendorId;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(id, name, vendorId);
    }

    @Override
    public String toString() {
        return "ApplicationDefinition[" + "id=" + id + ", " + "name=" + name + ", " + "vendorId=" + vendorId + "]";
    }
}
