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
record CommandShape(String name, long applicationId, int code, boolean request, Set<String> rules) {

    CommandShape {
        Objects.requireNonNull(name, "name");
        rules = new TreeSet<>(rules);
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
