package org.mipaaa.dictionary;

/**
 * DIAMETER Application-Ids of the bundled dictionary. {@code long} because an Application-Id is an
 * Unsigned32 (Relay is 0xffffffff). Names are the dictionary's application names upper-cased with
 * '-' as '_'; {@code ConstantsMatchDictionaryTest} keeps them equal to jdiameter-dictionary.xml.
 */
public final class ApplicationIds {

    /** Diameter common messages (RFC 6733 2.4): CER/CEA, DWR/DWA, DPR/DPA, and STR/ASR of MIPv4 sessions. */
    public static final long COMMON_MESSAGES = 0L;

    /** Diameter Mobile IPv4 application (RFC 4004 4): AMR/AMA, HAR/HAA and their ACR/ACA. */
    public static final long MOBILE_IPV4 = 2L;

    /** Diameter base accounting (RFC 6733 2.4). */
    public static final long BASE_ACCOUNTING = 3L;

    /** Diameter Credit-Control (RFC 4006); only its AVPs are used here. */
    public static final long CREDIT_CONTROL = 4L;

    /** Relay (RFC 6733 2.4), advertised by relay agents. */
    public static final long RELAY = 0xffffffffL;

    /**
     * Default Application-Id of the vendor-specific application MIP-Accounting-Services (0x4D490001).
     * Only a default, not an IANA assignment: a carrier sets its own through {@link VendorSettings}, and
     * code that talks to peers must use {@link VendorSettings#accountingServicesApplicationId()}.
     */
    public static final long MIP_ACCOUNTING_SERVICES = 1296629761L;

    private ApplicationIds() {
    }
}
