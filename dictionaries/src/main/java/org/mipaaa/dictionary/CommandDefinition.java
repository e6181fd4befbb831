package org.mipaaa.dictionary;

import java.util.List;
import java.util.Optional;

/**
 * One direction of a command (request or answer) of one application, with its CCF as rules.
 * Every command of the bundled dictionary ends in {@code * [ AVP ]}: AVPs without a rule are
 * allowed (subject to the M-bit handling of RFC 6733 7.1.5 / 5001).
 *
 * @param name command name, e.g. "AA-Mobile-Node-Request"
 * @param abbreviation "AMR", or null when the file does not say
 * @param code Command-Code
 * @param applicationId Application-Id of the header (remapped by {@link VendorSettings})
 * @param request the R bit
 * @param proxiable the P bit (RFC 6733 3: PXY in the CCF header)
 * @param rules the CCF lines in order
 */
public final class CommandDefinition {

    private final String name;
    private final String abbreviation;
    private final int code;
    private final long applicationId;
    private final boolean request;
    private final boolean proxiable;
    private final List<AvpRule> rules;

    /** Checks the name is present; copies the rules read-only. */
    public CommandDefinition(String name, String abbreviation, int code, long applicationId, boolean request, boolean proxiable, List<AvpRule> rules) {
        if (name == null || name.trim().isEmpty()) {
            throw new IllegalArgumentException("command " + code + " without a name");
        }
        rules = List.copyOf(rules);
        this.name = name;
        this.abbreviation = abbreviation;
        this.code = code;
        this.applicationId = applicationId;
        this.request = request;
        this.proxiable = proxiable;
        this.rules = rules;
    }


    /** The rules of AVPs that must be present, in CCF order. */
    public List<AvpRule> required() {
        return java.util.Collections.unmodifiableList(rules.stream().filter(AvpRule::required).collect(java.util.stream.Collectors.toList()));
    }

    /** The rule for one AVP, if the CCF names it. */
    public Optional<AvpRule> rule(int avpCode, long vendorId) {
        return rules.stream().filter(r -> r.code() == avpCode && r.vendorId() == vendorId).findFirst();
    }

    /** The rule for one AVP by name, if the CCF names it. */
    public Optional<AvpRule> rule(String avpName) {
        return rules.stream().filter(r -> r.avpName().equals(avpName)).findFirst();
    }

    /**
     * The rules a message breaks: missing required AVPs, too many occurrences. Empty when the message
     * satisfies the CCF (the same check jDiameter's validator makes, from the same file).
     */
    public List<AvpRule> violations(AvpOccurrences occurrences) {
        return AvpRule.violations(rules, occurrences);
    }

    public String name() {
        return name;
    }

    public String abbreviation() {
        return abbreviation;
    }

    public int code() {
        return code;
    }

    public long applicationId() {
        return applicationId;
    }

    public boolean request() {
        return request;
    }

    public boolean proxiable() {
        return proxiable;
    }

    public List<AvpRule> rules() {
        return rules;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CommandDefinition)) {
            return false;
        }
        CommandDefinition other = (CommandDefinition) o;
        return java.util.Objects.equals(name, other.name)
                && java.util.Objects.equals(abbreviation, other.abbreviation)
                && code == other.code
                && applicationId == other.applicationId
                && request == other.request
                && proxiable == other.proxiable
                && java.util.Objects.equals(rules, other.rules);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, abbreviation, code, applicationId, request, proxiable, rules);
    }

    @Override
    public String toString() {
        return "CommandDefinition[" + "name=" + name + ", " + "abbreviation=" + abbreviation + ", " + "code=" + code + ", " + "applicationId=" + applicationId + ", " + "request=" + request + ", " + "proxiable=" + proxiable + ", " + "rules=" + rules + "]";
    }
}
