package org.mipaaa.role;

/**
 * One application a node serves, as advertised in CER/CEA: an Auth-Application-Id or an
 * Acct-Application-Id, inside a Vendor-Specific-Application-Id when {@code vendorId != 0}.
 */
public record ServedApplication(long vendorId, long applicationId, boolean accounting) {

    public static ServedApplication auth(long vendorId, long applicationId) {
        return new ServedApplication(vendorId, applicationId, false);
    }

    public static ServedApplication acct(long vendorId, long applicationId) {
        return new ServedApplication(vendorId, applicationId, true);
    }
}
