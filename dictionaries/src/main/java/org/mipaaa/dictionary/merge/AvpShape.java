package org.mipaaa.dictionary.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.AvpRule;
import org.mipaaa.dictionary.AvpType;

/**
 * An AVP definition reduced to what jDiameter keeps of it and what makes two definitions the same AVP:
 * name, code, Vendor-Id, data format, the M/P/V flag rules and, for a grouped AVP, its members. The
 * may-encrypt column (gone since RFC 6733) and enumerated value names (jDiameter ignores them) are
 * compared only for the report's notes.
 *
 * @param type the RFC 6733 data format the type resolves to ("Grouped" for a grouped AVP)
 * @param members of a grouped AVP, each as "code/vendor multiplicity [fixed]"; empty otherwise
 */
@org.mipaaa.dictionary.CarrierTool
final class AvpShape {

    private final String name;
    private final int code;
    private final long vendorId;
    private final String type;
    private final String mandatory;
    private final String protectedBit;
    private final String vendorBit;
    private final boolean mayEncrypt;
    private final Set<String> members;

    AvpShape(String name, int code, long vendorId, String type, String mandatory, String protectedBit, String vendorBit, boolean mayEncrypt, Set<String> members) {
        Objects.requireNonNull(name, "name");
        members = new TreeSet<>(members);
        this.name = name;
        this.code = code;
        this.vendorId = vendorId;
        this.type = type;
        this.mandatory = mandatory;
        this.protectedBit = protectedBit;
        this.vendorBit = vendorBit;
        this.mayEncrypt = mayEncrypt;
        this.members = members;
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

    public String type() {
        return type;
    }

    public String mandatory() {
        return mandatory;
    }

    public String protectedBit() {
        return protectedBit;
    }

    public String vendorBit() {
        return vendorBit;
    }

    public boolean mayEncrypt() {
        return mayEncrypt;
    }

    public Set<String> members() {
        return members;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AvpShape)) {
            return false;
        }
        AvpShape other = (AvpShape) o;
        return java.util.Objects.equals(name, other.name) && java.util.Objects.equals(code, other.code) && java.util.Objects.equals(vendorId, other.vendorId) && java.util.Objects.equals(type, other.type) && java.util.Objects.equals(mandatory, other.mandatory) && java.util.Objects.equals(protectedBit, other.protectedBit) && java.util.Objects.equals(vendorBit, other.vendorBit) && java.util.Objects.equals(mayEncrypt, other.mayEncrypt) && java.util.Objects.equals(members, other.members);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, code, vendorId, type, mandatory, protectedBit, vendorBit, mayEncrypt, members);
    }

    @Override
    public String toString() {
        return "AvpShape[" + "name=" + name + ", " + "code=" + code + ", " + "vendorId=" + vendorId + ", " + "type=" + type + ", " + "mandatory=" + mandatory + ", " + "protectedBit=" + protectedBit + ", " + "vendorBit=" + vendorBit + ", " + "mayEncrypt=" + mayEncrypt + ", " + "members=" + members + "]";
    }

    /** Our definition, from the model. */
    static AvpShape of(AvpDefinition a) {
        Set<String> members = new TreeSet<>();
        for (AvpRule r : a.groupedRules()) {
            members.add(member(r.code() + "/" + r.vendorId(), r.multiplicity(), r.fixedPosition() ? 0 : -1));
        }
        String type = a.type() == AvpType.GROUPED ? "Grouped" : a.type().jdiameterName();
        return new AvpShape(a.name(), a.code(), a.vendorId(), type, a.mandatory().xmlToken(), a.protectedBit().xmlToken(),
                a.vendorBit().xmlToken(), a.mayEncrypt(), members);
    }

    /** One member of a grouped AVP as compared: which AVP, how often, whether in a fixed position. */
    static String member(String ref, String multiplicity, int index) {
        return ref + " " + multiplicity + (index >= 0 ? " fixed@" + index : "");
    }

    /** What differs from {@code other} that jDiameter would treat differently; empty when the same AVP. */
    List<String> differences(AvpShape other, String mine, String theirs) {
        List<String> d = new ArrayList<>();
        diff(d, "name", name, other.name, mine, theirs);
        diff(d, "code", Integer.toString(code), Integer.toString(other.code), mine, theirs);
        diff(d, "Vendor-Id", Long.toString(vendorId), Long.toString(other.vendorId), mine, theirs);
        diff(d, "type", type, other.type, mine, theirs);
        diff(d, "mandatory (M)", mandatory, other.mandatory, mine, theirs);
        diff(d, "protected (P)", protectedBit, other.protectedBit, mine, theirs);
        diff(d, "vendor-bit (V)", vendorBit, other.vendorBit, mine, theirs);
        if (!members.equals(other.members)) {
            d.add("grouped members: " + mine + " " + members + ", " + theirs + " " + other.members);
        }
        return d;
    }

    private static void diff(List<String> d, String what, String a, String b, String mine, String theirs) {
        if (!a.equals(b)) {
            d.add(what + ": " + mine + " " + a + ", " + theirs + " " + b);
        }
    }

    /** One line: the definition as the report shows it. */
    String describe() {
        String s = name + " code=" + code + " vendor=" + vendorId + " mandatory=" + mandatory + " protected=" + protectedBit
                + " vendor-bit=" + vendorBit + " may-encrypt=" + (mayEncrypt ? "yes" : "no") + " type=" + type;
        return members.isEmpty() ? s : s + " members=" + members.stream().collect(Collectors.joining(", ", "[", "]"));
    }
}
