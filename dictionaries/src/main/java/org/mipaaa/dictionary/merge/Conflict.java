package org.mipaaa.dictionary.merge;

import java.util.List;
import java.util.Objects;

/**
 * One place where the carrier's dictionary and ours disagree about the same number or name.
 *
 * @param kind what kind of definition
 * @param subject the number in question, e.g. "AVP 334 (Vendor-Id 0)" or "command 260 request of application 2"
 * @param carrierWhere the carrier's file and the line of its definition
 * @param carrierDefinition the carrier's definition, one line
 * @param ourDefinition ours, one line
 * @param differences each difference, e.g. "protected (P): carrier mustnot, mip-aaa may"
 */
@org.mipaaa.dictionary.CarrierTool
public final class Conflict {

    private final Kind kind;
    private final String subject;
    private final String carrierWhere;
    private final String carrierDefinition;
    private final String ourDefinition;
    private final List<String> differences;

    public Conflict(Kind kind, String subject, String carrierWhere, String carrierDefinition, String ourDefinition, List<String> differences) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        differences = List.copyOf(differences);
        this.kind = kind;
        this.subject = subject;
        this.carrierWhere = carrierWhere;
        this.carrierDefinition = carrierDefinition;
        this.ourDefinition = ourDefinition;
        this.differences = differences;
    }

    public Kind kind() {
        return kind;
    }

    public String subject() {
        return subject;
    }

    public String carrierWhere() {
        return carrierWhere;
    }

    public String carrierDefinition() {
        return carrierDefinition;
    }

    public String ourDefinition() {
        return ourDefinition;
    }

    public List<String> differences() {
        return differences;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Conflict)) {
            return false;
        }
        Conflict other = (Conflict) o;
        return java.util.Objects.equals(kind, other.kind) && java.util.Objects.equals(subject, other.subject) && java.util.Objects.equals(carrierWhere, other.carrierWhere) && java.util.Objects.equals(carrierDefinition, other.carrierDefinition) && java.util.Objects.equals(ourDefinition, other.ourDefinition) && java.util.Objects.equals(differences, other.differences);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, subject, carrierWhere, carrierDefinition, ourDefinition, differences);
    }

    /** The kinds of definition that can conflict. */
    @org.mipaaa.dictionary.CarrierTool
    public enum Kind {
        /** Same Vendor-Id, another vendor name. */
        VENDOR,
        /** Same typedefn name, another data format. */
        TYPE,
        /** Same AVP code and Vendor-Id, another name, type, flag rule or grouped members. */
        AVP,
        /** Same AVP name for another code or Vendor-Id (jDiameter finds grouped members by name). */
        AVP_NAME,
        /** Same Application-Id, another name or vendor. */
        APPLICATION,
        /** Same command code, R bit and application, another name or other AVP rules. */
        COMMAND
    }

    /** Checks the fields are present; copies the differences read-only. */

    /** The conflict as the report prints it (several lines). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(kind).append(' ').append(subject).append('\n')
                .append("      carrier  (").append(carrierWhere).append("): ").append(carrierDefinition).append('\n')
                .append("      mip-aaa  (fragment): ").append(ourDefinition);
        for (String d : differences) {
            b.append("\n      differs: ").append(d);
        }
        return b.toString();
    }
}
