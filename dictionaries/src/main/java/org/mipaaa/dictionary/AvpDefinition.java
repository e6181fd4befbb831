package org.mipaaa.dictionary;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One AVP of the dictionary: code, Vendor-Id, data format and header-flag rules, as in an RFC's AVP
 * table, plus the members of a grouped AVP and the named values of an Enumerated AVP.
 *
 * @param name dictionary name, e.g. "MIP-Reg-Request"
 * @param code AVP code
 * @param vendorId 0 for standard AVPs, else the vendor (remapped by {@link VendorSettings})
 * @param type data format
 * @param mandatory rule for the M bit
 * @param vendorBit rule for the V bit
 * @param protectedBit rule for the P bit
 * @param groupedRules members of a grouped AVP in CCF order, empty otherwise
 * @param enumValues named values: the values of an Enumerated AVP, or the named bits or codes of an
 *        Unsigned32 one (MIP-Feature-Vector, Result-Code...); sorted by value, empty when none
 * @param mayEncrypt the "Encr" column of pre-RFC 6733 AVP tables (kept so the file round-trips)
 */
public record AvpDefinition(String name, int code, long vendorId, AvpType type, FlagRule mandatory, FlagRule vendorBit,
        FlagRule protectedBit, List<AvpRule> groupedRules, Map<Long, String> enumValues, boolean mayEncrypt) {

    /** Checks name, type and flag rules are present; copies the members and values read-only. */
    public AvpDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("AVP " + code + " without a name");
        }
        if (type == null || mandatory == null || vendorBit == null || protectedBit == null) {
            throw new IllegalArgumentException("AVP " + name + ": type and flag rules are required");
        }
        groupedRules = List.copyOf(groupedRules);
        enumValues = Collections.unmodifiableMap(new TreeMap<>(enumValues));
        if (type != AvpType.GROUPED && !groupedRules.isEmpty()) {
            throw new IllegalArgumentException("AVP " + name + " has members but is not Grouped");
        }
    }

    /** True for a Grouped AVP. */
    public boolean isGrouped() {
        return type == AvpType.GROUPED;
    }

    /** True for a vendor-specific AVP (Vendor-Id not 0). */
    public boolean isVendorSpecific() {
        return vendorId != 0;
    }

    /** The name of a value ("NO_STATE_MAINTAINED" for Auth-Session-State 1), if the dictionary names it. */
    public Optional<String> enumName(long value) {
        return Optional.ofNullable(enumValues.get(value));
    }

    /** The member rules of this grouped AVP that a received instance breaks (empty when it is valid or not grouped). */
    public List<AvpRule> violations(AvpOccurrences occurrences) {
        return AvpRule.violations(groupedRules, occurrences);
    }
}
