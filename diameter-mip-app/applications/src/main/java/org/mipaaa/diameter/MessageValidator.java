package org.mipaaa.diameter;

import java.util.List;
import java.util.Optional;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Message;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.AvpRule;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.ResultCodes;

/**
 * Checks a request against the command's ABNF in the dictionary, the same file jDiameter reads, and
 * says, as the {@link Outcome.Refusal} to answer, what RFC 6733 §7 wants when it does not fit:
 * <ul>
 *   <li>a command the application does not define: 3001 DIAMETER_COMMAND_UNSUPPORTED;</li>
 *   <li>an AVP this node does not know, with the M bit: 5001 DIAMETER_AVP_UNSUPPORTED (§4.1), the AVP
 *       itself in Failed-AVP;</li>
 *   <li>a required AVP missing: 5005 DIAMETER_MISSING_AVP, Failed-AVP holding an example of it with a
 *       zero-filled value of minimum length (§7.5);</li>
 *   <li>an AVP more often than the ABNF allows: 5009, the first surplus occurrence in Failed-AVP;</li>
 *   <li>a Grouped AVP that does not parse: 5004 DIAMETER_INVALID_AVP_VALUE.</li>
 * </ul>
 * Grouped AVPs are checked the same way, recursively; a failure inside one is reported wrapped in it.
 * What the network sends is bounded before it is walked: Grouped AVPs nested deeper than
 * {@link #MAX_DEPTH} (no command of ours nests more than four) are 5004 with the Grouped AVP at the
 * limit in Failed-AVP, and a message of more than {@link #MAX_AVPS} AVPs, counted at every level, is
 * 5009; a 1 MiB request of Proxy-Info nested in Proxy-Info once recursed ~37k levels deep here.
 * Every command and Grouped AVP of our dictionary ends in {@code *[ AVP ]}, so a known AVP outside the
 * ABNF is accepted.
 */
public final class MessageValidator {

    /** Grouped AVPs within Grouped AVPs: the command's AVPs are depth 1. */
    public static final int MAX_DEPTH = 8;
    /** AVPs in one message, at every level. */
    public static final int MAX_AVPS = 4096;

    private final Dictionary dictionary;

    public MessageValidator(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    public Optional<Outcome.Refusal> validate(Message message) {
        long app = message.getApplicationId();
        int code = message.getCommandCode();
        Optional<CommandDefinition> command = dictionary.command(app, code, message.isRequest())
                // base commands (ACR/ACA) are defined once, in the common application
                .or(() -> dictionary.command(ApplicationIds.COMMON_MESSAGES, code, message.isRequest()));
        if (command.isEmpty()) {
            return Optional.of(Outcome.refusal(ResultCodes.COMMAND_UNSUPPORTED,
                    "command " + code + " is not defined for application " + app));
        }
        return check(message.getAvps(), command.get().rules(), null, command.get().name(), 1, new int[1]);
    }

    /** @param counted the AVPs counted so far in the message, at every level */
    private Optional<Outcome.Refusal> check(AvpSet avps, List<AvpRule> rules, FailedAvp parent, String where, int depth,
                                            int[] counted) {
        counted[0] += avps.size();
        if (counted[0] > MAX_AVPS) {
            return fail(ResultCodes.AVP_OCCURS_TOO_MANY_TIMES, "more than " + MAX_AVPS + " AVPs in one message",
                    avps.getAvpByIndex(avps.size() - 1), parent);
        }
        for (Avp avp : avps) {
            Optional<AvpDefinition> def = dictionary.avp(avp.getCode(), avp.getVendorId());
            if (def.isEmpty()) {
                if (avp.isMandatory()) {
                    return fail(ResultCodes.AVP_UNSUPPORTED, "AVP " + describe(avp) + " with the M bit is not supported", avp, parent);
                }
                // RFC 6733 §4.1: an unknown AVP without the M bit is ignored
            }
        }
        for (AvpRule rule : rules) {
            AvpSet present = avps.getAvps(rule.code(), rule.vendorId());
            if (present.size() < rule.min()) {
                return Optional.of(Outcome.refusal(ResultCodes.MISSING_AVP,
                        rule.avpName() + " is missing from " + where, example(rule, parent)));
            }
            if (rule.max() >= 0 && present.size() > rule.max()) {
                return fail(ResultCodes.AVP_OCCURS_TOO_MANY_TIMES,
                        rule.avpName() + " occurs " + present.size() + " times in " + where + ", at most " + rule.max() + " allowed",
                        present.getAvpByIndex(rule.max()), parent);
            }
        }
        for (Avp avp : avps) {
            Optional<AvpDefinition> def = dictionary.avp(avp.getCode(), avp.getVendorId());
            if (def.isEmpty() || def.get().groupedRules() == null || def.get().groupedRules().isEmpty()) {
                continue;
            }
            if (depth >= MAX_DEPTH) {
                return fail(ResultCodes.INVALID_AVP_VALUE, def.get().name() + " nested deeper than " + MAX_DEPTH
                        + " Grouped AVPs", avp, parent);
            }
            AvpSet inner;
            try {
                inner = Avps.grouped(avp);
            } catch (Avps.Invalid e) {
                return fail(ResultCodes.INVALID_AVP_VALUE, def.get().name() + " does not parse as a Grouped AVP", avp, parent);
            }
            Optional<Outcome.Refusal> f = check(inner, def.get().groupedRules(), asFailed(avp, parent), def.get().name(), depth + 1,
                    counted);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    private Optional<Outcome.Refusal> fail(int resultCode, String message, Avp avp, FailedAvp parent) {
        return Optional.of(Outcome.refusal(resultCode, message, asFailed(avp, parent)));
    }

    private static FailedAvp asFailed(Avp avp, FailedAvp parent) {
        return new FailedAvp(avp.getCode(), avp.getVendorId(), avp.isMandatory(), Avps.data(avp), parent);
    }

    /** RFC 6733 §7.5: "an example of the missing AVP ... of correct minimum length and contain zeroes". */
    private FailedAvp example(AvpRule rule, FailedAvp parent) {
        AvpDefinition def = dictionary.avp(rule.code(), rule.vendorId())
                .orElseThrow(() -> new IllegalStateException("dictionary rule names undefined AVP " + rule.avpName()));
        return new FailedAvp(def.code(), def.vendorId(), def.mandatory() == org.mipaaa.dictionary.FlagRule.MUST,
                new byte[AvpValues.minimumLength(def.type())], parent);
    }

    private static String describe(Avp avp) {
        return avp.getVendorId() == 0 ? Integer.toString(avp.getCode()) : avp.getCode() + " (vendor " + avp.getVendorId() + ")";
    }
}
