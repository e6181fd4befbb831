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
public final class AvpDefinition {

    private final String name;
    private final int code;
    private final long vendorId;
    private final AvpType type;
    private final FlagRule mandatory;
    private final FlagRule vendorBit;
    private final FlagRule protectedBit;
    private final List<AvpRule> groupedRules;
    private final Map<Long, String> enumValues;
    private final boolean mayEncrypt;

    /** Checks name, type and flag rules are present; copies the members and values read-only. */
    public AvpDefinition(String name, int code, long vendorId, AvpType type, FlagRule mandatory, FlagRule vendorBit, FlagRule protectedBit, List<AvpRule> groupedRules, Map<Long, String> enumValues, boolean mayEncrypt) {
        if (name == null || name.trim().isEmpty()) {
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
        this.name = name;
        this.code = code;
        this.vendorId = vendorId;
        this.type = type;
        this.mandatory = mandatory;
        this.vendorBit = vendorBit;
        this.protectedBit = protectedBit;
        this.groupedRules = groupedRules;
        this.enumValues = enumValues;
        this.mayEncrypt = mayEncrypt;
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

    public String name() {
        return name;
    }

    public int code() {
        return code;
    }

    public long vendorId() {
        return vendorId;
    }

    public AvpType type() {
        return type;
    }

    public FlagRule mandatory() {
        return mandatory;
    }

    public FlagRule vendorBit() {
        return vendorBit;
    }

    public FlagRule protectedBit() {
        return protectedBit;
    }

    public List<AvpRule> groupedRules() {
        return groupedRules;
    }

    public Map<Long, String> enumValues() {
        return enumValues;
    }

    public boolean mayEncrypt() {
        return mayEncrypt;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AvpDefinition)) {
            return false;
        }
        AvpDefinition other = (AvpDefinition) o;
        return java.util.Objects.equals(name, other.name)
                && code == other.code
                && vendorId == other.vendorId
                && java.util.Objects.equals(type, other.type)
                && java.util.Objects.equals(mandatory, other.mandatory)
                && java.util.Objects.equals(vendorBit, other.vendorBit)
                && java.util.Objects.equals(protectedBit, other.protectedBit)
                && java.util.Objects.equals(groupedRules, other.groupedRules)
                && java.util.Objects.equals(enumValues, other.enumValues)
                && mayEncrypt == other.mayEncrypt;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, code, vendorId, type, mandatory, vendorBit, protectedBit, groupedRules, enumValues, mayEncrypt);
    }

    @Override
    public String toString() {
        return "AvpDefinition[" + "name=" + name + ", " + "code=" + code + ", " + "vendorId=" + vendorId + ", " + "type=" + type + ", " + "mandatory=" + mandatory + ", " + "vendorBit=" + vendorBit + ", " + "protectedBit=" + protectedBit + ", " + "groupedRules=" + groupedRules + ", " + "enumValues=" + enumValues + ", " + "mayEncrypt=" + mayEncrypt + "]";
    }
}
