package org.mipaaa.dictionary;

/**
 * The carrier-specific numbers of MIP-Accounting-Services. The bundled dictionary is written with
 * {@link #defaults()}: Vendor-Id 32473 (RFC 5612's documentation number) and Application-Id
 * 1296629761. A carrier in production MUST use its own IANA enterprise number and an Application-Id
 * it controls; {@link Dictionary#bundled(VendorSettings)} then puts those numbers on every vendor AVP,
 * command rule and on the application, and {@link Dictionary#toJDiameterXml()} hands them to jDiameter.
 *
 * @param vendorId the Vendor-Id (IANA Private Enterprise Number) of the vendor AVPs and Experimental-Results
 * @param accountingServicesApplicationId Application-Id of MIP-Accounting-Services, in the
 *        vendor-specific range 0x01000000-0xfffffffe of the IANA Application-Ids registry (RFC 3588 11.3)
 */
public final class VendorSettings {

    private final long vendorId;
    private final long accountingServicesApplicationId;

    /** Checks the Vendor-Id is an enterprise number and the Application-Id vendor-specific. */
    public VendorSettings(long vendorId, long accountingServicesApplicationId) {
        if (vendorId <= 0 || vendorId > 0xffffffffL) {
            throw new IllegalArgumentException("Vendor-Id must be an enterprise number in 1..4294967295, not " + vendorId);
        }
        if (accountingServicesApplicationId < FIRST_VENDOR_SPECIFIC_APPLICATION_ID
                || accountingServicesApplicationId > LAST_VENDOR_SPECIFIC_APPLICATION_ID) {
            throw new IllegalArgumentException("Application-Id must be vendor-specific (16777216..4294967294), not "
                    + accountingServicesApplicationId);
        }
        this.vendorId = vendorId;
        this.accountingServicesApplicationId = accountingServicesApplicationId;
    }


    /** Lowest Application-Id of the vendor-specific range (16777216). */
    public static final long FIRST_VENDOR_SPECIFIC_APPLICATION_ID = 0x01000000L;

    /** Highest Application-Id below Relay (0xfffffffe). */
    public static final long LAST_VENDOR_SPECIFIC_APPLICATION_ID = 0xfffffffeL;

    /** Vendor-Id {@link VendorIds#MIP_AAA_DEFAULT}, Application-Id {@link ApplicationIds#MIP_ACCOUNTING_SERVICES}. */
    public static VendorSettings defaults() {
        return new VendorSettings(VendorIds.MIP_AAA_DEFAULT, ApplicationIds.MIP_ACCOUNTING_SERVICES);
    }

    /** True for the bundled defaults, which are documentation values: a production node should warn. */
    public boolean isDefault() {
        return equals(defaults());
    }

    public long vendorId() {
        return vendorId;
    }

    public long accountingServicesApplicationId() {
        return accountingServicesApplicationId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VendorSettings)) {
            return false;
        }
        VendorSettings other = (VendorSettings) o;
        return vendorId == other.vendorId
                && accountingServicesApplicationId == other.accountingServicesApplicationId;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(vendorId, accountingServicesApplicationId);
    }

    @Override
    public String toString() {
        return "VendorSettings[" + "vendorId=" + vendorId + ", " + "accountingServicesApplicationId=" + accountingServicesApplicationId + "]";
    }
}
