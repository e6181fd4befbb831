package org.mipaaa.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Message;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.trace.TraceEvent;
import org.mipaaa.trace.TraceSink;

/**
 * Checks every message the nodes of a topology decode against its command's CCF in our dictionary (and
 * each Grouped AVP against its own): required AVPs present, none more often than the CCF allows (RFC
 * 6733 §3.2), nothing the dictionary does not know. What breaks a rule is kept, one line each, for the
 * test to assert on ({@link TopologyFixture#checkingCommandFormats()}).
 */
public final class CommandFormats implements TraceSink {

    private final Dictionary dictionary = Dictionary.bundled();
    private final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong checked = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public void accept(TraceEvent event) {
        // an event without its message: nothing to check
    }

    @Override
    public void received(Message message, TraceEvent event) {
        Optional<CommandDefinition> command = dictionary.command(message.getApplicationId(), message.getCommandCode(), message.isRequest())
                .or(() -> dictionary.command(ApplicationIds.COMMON_MESSAGES, message.getCommandCode(), message.isRequest()));
        if (command.isEmpty()) {
            return; // a command the dictionary does not define: the node answers 3001 itself
        }
        checked.incrementAndGet();
        String where = event.command() + " " + event.from() + " -> " + event.to() + " (" + event.sessionId() + "): ";
        violations(command.get(), message.getAvps()).forEach(v -> violations.add(where + v));
    }

    /** The lines of what broke the CCF so far. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** How many messages were checked. */
    public long checked() {
        return checked.get();
    }

    private List<String> violations(CommandDefinition command, AvpSet avps) {
        List<String> out = new ArrayList<>();
        command.violations((code, vendorId) -> avps.getAvps(code, vendorId).size())
                .forEach(rule -> out.add(command.abbreviation() + ": " + rule.abnf() + " occurs " + avps.getAvps(rule.code(),
                        rule.vendorId()).size() + " times"));
        grouped(avps, out);
        return out;
    }

    private void grouped(AvpSet avps, List<String> out) {
        for (Avp avp : avps) {
            AvpDefinition definition = dictionary.avp(avp.getCode(), avp.getVendorId()).orElse(null);
            if (definition == null) {
                out.add("AVP " + avp.getCode() + "/" + avp.getVendorId() + " is not in the dictionary");
            } else if (definition.isGrouped()) {
                try {
                    AvpSet inner = avp.getGrouped();
                    definition.violations((code, vendorId) -> inner.getAvps(code, vendorId).size())
                            .forEach(rule -> out.add(definition.name() + ": " + rule.abnf()));
                    grouped(inner, out);
                } catch (AvpDataException e) {
                    out.add(definition.name() + ": " + e);
                }
            }
        }
    }
}
