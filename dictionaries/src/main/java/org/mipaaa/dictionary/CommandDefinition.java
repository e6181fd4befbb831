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
public record CommandDefinition(String name, String abbreviation, int code, long applicationId, boolean request,
        boolean proxiable, List<AvpRule> rules) {

    /** Checks the name is present; copies the rules read-only. */
    public CommandDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("command " + code + " without a name");
        }
        rules = List.copyOf(rules);
    }

    /** The rules of AVPs that must be present, in CCF order. */
    public List<AvpRule> required() {
        return rules.stream().filter(AvpRule::required).toList();
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
}
