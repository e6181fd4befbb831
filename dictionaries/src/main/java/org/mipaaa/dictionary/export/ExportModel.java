package org.mipaaa.dictionary.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.AvpRule;
import org.mipaaa.dictionary.CommandDefinition;

/** What the writers of other stacks' formats share: command pairs, AVPs in dependency order, escaping. */
@org.mipaaa.dictionary.CarrierTool
final class ExportModel {

    /** RFC 6733 command codes: every stack's core defines them (CER, RAR, ACR, ASR, STR, DWR, DPR). */
    static final Set<Integer> BASE_COMMAND_CODES = Set.of(257, 258, 271, 274, 275, 280, 282);

    /** A command's request and answer. */
    @org.mipaaa.dictionary.CarrierTool
    static final class CommandPair {

        private final CommandDefinition request;
        private final CommandDefinition answer;

        CommandPair(CommandDefinition request, CommandDefinition answer) {            this.request = request;
            this.answer = answer;
        }

        public CommandDefinition request() {
            return request;
        }

        public CommandDefinition answer() {
            return answer;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof CommandPair)) {
                return false;
            }
            CommandPair other = (CommandPair) o;
            return java.util.Objects.equals(request, other.request) && java.util.Objects.equals(answer, other.answer);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(request, answer);
        }

        @Override
        public String toString() {
            return "CommandPair[" + "request=" + request + ", " + "answer=" + answer + "]";
        }

        int code() {
            return request.code();
        }

        /** "AA-Mobile-Node" of AA-Mobile-Node-Request/-Answer: the name formats that name a command once use. */
        String baseName() {
            String n = request.name();
            return n.endsWith("-Request") ? n.substring(0, n.length() - "-Request".length()) : n;
        }
    }

    private ExportModel() {
    }

    /** The request/answer pairs of {@code commands}, in order of the requests. */
    static List<CommandPair> pairs(List<CommandDefinition> commands) {
        Map<Integer, CommandDefinition> requests = new LinkedHashMap<>();
        Map<Integer, CommandDefinition> answers = new LinkedHashMap<>();
        for (CommandDefinition c : commands) {
            (c.request() ? requests : answers).put(c.code(), c);
        }
        List<CommandPair> pairs = new ArrayList<>();
        requests.forEach((code, req) -> {
            CommandDefinition ans = answers.get(code);
            if (ans == null) {
                throw new IllegalStateException("command " + req.name() + " has no answer");
            }
            pairs.add(new CommandPair(req, ans));
        });
        return pairs;
    }

    /**
     * {@code avps} ordered so that every grouped AVP comes after the members it has among them (formats
     * that resolve members as they read, such as freeDiameter's, need that); otherwise file order.
     */
    static List<AvpDefinition> membersFirst(Collection<AvpDefinition> avps) {
        Map<String, AvpDefinition> byName = new LinkedHashMap<>();
        avps.forEach(a -> byName.put(a.name(), a));
        List<AvpDefinition> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (AvpDefinition a : avps) {
            visit(a, byName, done, new HashSet<>(), ordered);
        }
        return ordered;
    }

    private static void visit(AvpDefinition a, Map<String, AvpDefinition> byName, Set<String> done, Set<String> path,
            List<AvpDefinition> ordered) {
        if (done.contains(a.name())) {
            return;
        }
        if (!path.add(a.name())) {
            throw new IllegalStateException("grouped AVP " + a.name() + " contains itself");
        }
        for (AvpRule r : a.groupedRules()) {
            Optional.ofNullable(byName.get(r.avpName())).ifPresent(m -> visit(m, byName, done, path, ordered));
        }
        done.add(a.name());
        ordered.add(a);
    }

    /** Escapes text for a double-quoted XML attribute. */
    static String attr(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&':
                    b.append("&amp;");
                    break;
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }
}
