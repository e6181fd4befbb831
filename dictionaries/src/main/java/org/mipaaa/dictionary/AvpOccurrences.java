package org.mipaaa.dictionary;

/**
 * How often an AVP occurs in a message or a grouped AVP, by code and Vendor-Id. Lets the dictionary
 * check occurrence rules against any message representation (jDiameter's AvpSet, the AAAM codec...)
 * without depending on one.
 */
@FunctionalInterface
public interface AvpOccurrences {

    /** Number of AVPs with this code and Vendor-Id at this level (not inside grouped AVPs). */
    int count(int code, long vendorId);
}
