package org.mipaaa.dictionary.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.mipaaa.dictionary.AvpRule;
import org.mipaaa.dictionary.CommandDefinition;

/**
 * A command of an application as jDiameter keeps it: its name and the set of its AVP rules, each by
 * code, Vendor-Id, multiplicity and position (jDiameter keys them in a map, so their order is lost).
 */
@org.mipaaa.dictionary.CarrierTool
final class CommandShape {

    private final String name;
    private final long applicationId;
    private final int code;
    private final boolean request;
    private final Set<String> rules;

    CommandShape(String name, long applicationId, int code, boolean request, Set<String> rules) {
        Objects.requireNonNull(name, "name");
        rules = new TreeSet<>(rules);
        this.name = name;
        this.applicationId = applicationId;
        this.code = code;
        this.request = request;
        this.rules = rules;
    }

    public String name() {
        return name;
    }

    public long applicationId() {
        return applicationId;
    }

    public int code() {
        return code;
    }

    public boolean request() {
        return request;
    }

    public Set<String> rules() {
        return rules;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CommandShape)) {
            return false;
        }
        CommandShape other = (CommandShape) o;
        return java.util.Objects.equals(name, other.name) && java.util.Objects.equals(applicationId, other.applicationId) && java.util.Objects.equals(code, other.code) && java.util.Objects.equals(request, other.request) && java.util.Objects.equals(rules, other.rules);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, applicationId, code, request, rules);
    }

    @Override
    public String toString() {
        return "CommandShape[" + "name=" + name + ", " + "applicationId=" + applicationId + ", " + "code=" + code + ", " + "request=" + request + ", " + "rules=" + rules + "]";
    }

    /** Our command, from the model. */
    static CommandShape of(CommandDefinition c) {
        Set<String> rules = new TreeSet<>();
        for (AvpRule r : c.rules()) {
            rules.add(rule(r.code(), r.vendorId(), r.multiplicity(), r.fixedPosition() ? 0 : -1));
        }
        return new CommandShape(c.name(), c.applicationId(), c.code(), c.request(), rules);
    }

    static String rule(int code, long vendorId, String multiplicity, int index) {
        return code + "/" + vendorId + " " + multiplicity + (index >= 0 ? " fixed@" + index : "");
    }

    /** What differs from {@code other}; empty when jDiameter would hold the same command. */
    List<String> differences(CommandShape other, String mine, String theirs) {
        List<String> d = new ArrayList<>();
        if (!name.equals(other.name)) {
            d.add("name: " + mine + " " + name + ", " + theirs + " " + other.name);
        }
        Set<String> onlyMine = new TreeSet<>(rules);
        onlyMine.removeAll(other.rules);
        Set<String> onlyTheirs = new TreeSet<>(other.rules);
        onlyTheirs.removeAll(rules);
        if (!onlyMine.isEmpty()) {
            d.add("AVP rules only in " + mine + ": " + onlyMine);
        }
        if (!onlyTheirs.isEmpty()) {
            d.add("AVP rules only in " + theirs + ": " + onlyTheirs);
        }
        return d;
    }

    /** One line: the command as the report shows it. */
    String describe() {
        return name + " code=" + code + " application=" + applicationId + " request=" + request + " rules=" + rules;
    }
}
