package org.mipaaa.trace;

import java.util.Map;

import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.role.Role;

/**
 * Which step of the seed document a message implements. The same command is a different step on each
 * hop (an AMR is S103 from the FA to the AAAF and S104 from the AAAF to the AAAH), so a step is known
 * by who sent it, who received it, the command and whether it is the request or the answer.
 */
public final class SeedSteps {

    private record Key(Role sender, Role receiver, int command, boolean request) {
    }

    private static Map.Entry<Key, String> step(Role sender, Role receiver, int command, boolean request, String step) {
        return Map.entry(new Key(sender, receiver, command, request), step);
    }

    private static final Map<Key, String> STEPS = Map.ofEntries(
            // Registration, Figs. 10-12
            step(Role.FA, Role.AAAF, CommandCodes.AA_MOBILE_NODE, true, "S103"),
            step(Role.AAAF, Role.AAAH, CommandCodes.AA_MOBILE_NODE, true, "S104"),
            step(Role.AAAH, Role.HA, CommandCodes.HOME_AGENT_MIP, true, "S105"),
            step(Role.HA, Role.AAAH, CommandCodes.HOME_AGENT_MIP, false, "S105"),
            step(Role.AAAH, Role.AAAF, CommandCodes.AA_MOBILE_NODE, false, "S106"),
            step(Role.AAAF, Role.FA, CommandCodes.AA_MOBILE_NODE, false, "S106"),
            // Communication-fee accounting, Fig. 9 S31 (the FA's report) and S32 (recorded at the AAAH: Fig. 7 S13-S14)
            step(Role.FA, Role.AAAF, CommandCodes.ACCOUNTING, true, "S31"),
            step(Role.AAAF, Role.FA, CommandCodes.ACCOUNTING, false, "S31"),
            step(Role.AAAF, Role.AAAH, CommandCodes.ACCOUNTING, true, "S32"),
            step(Role.AAAH, Role.AAAF, CommandCodes.ACCOUNTING, false, "S32"),
            // Accounting-information retrieval, Figs. 14-15 (the MN's request relayed by the AAAF)
            step(Role.AAAF, Role.AAAH, CommandCodes.PURCHASE_INFORMATION, true, "S201"),
            step(Role.AAAH, Role.AAAY, CommandCodes.PURCHASE_INFORMATION, true, "S202"),
            step(Role.AAAY, Role.TERMINAL, CommandCodes.PURCHASE_INFORMATION, true, "S203"),
            step(Role.TERMINAL, Role.AAAY, CommandCodes.PURCHASE_INFORMATION, false, "S204"),
            step(Role.AAAY, Role.AAAH, CommandCodes.PURCHASE_INFORMATION, false, "S205"),
            step(Role.AAAH, Role.AAAF, CommandCodes.PURCHASE_INFORMATION, false, "S206"),
            // Settlement, Figs. 16-17
            step(Role.AAAF, Role.AAAH, CommandCodes.SETTLEMENT, true, "S207"),
            step(Role.AAAH, Role.AAAY, CommandCodes.PAYMENT_NOTIFICATION, true, "S208"),
            step(Role.AAAY, Role.TERMINAL, CommandCodes.PAYMENT_NOTIFICATION, true, "S209"),
            step(Role.AAAY, Role.AAAH, CommandCodes.PAYMENT_NOTIFICATION, false, "S210"),
            step(Role.AAAH, Role.AAAF, CommandCodes.SETTLEMENT, false, "S211"),
            // the variant where the terminal has the AAA function: the payment request itself (SER) goes to
            // the terminal in place of S208's notice, and the terminal's SEA is S210's payment confirmation
            step(Role.AAAH, Role.TERMINAL, CommandCodes.SETTLEMENT, true, "S208"),
            step(Role.TERMINAL, Role.AAAH, CommandCodes.SETTLEMENT, false, "S210"),
            // Own communication charges, Fig. 8 S25 (the MN's request relayed by the AAAF)
            step(Role.AAAF, Role.AAAH, CommandCodes.CHARGE_QUERY, true, "S25"),
            step(Role.AAAH, Role.AAAF, CommandCodes.CHARGE_QUERY, false, "S25"));

    private SeedSteps() {
    }

    /**
     * The step id, or null when the message is not one of the seed's steps (CER, DWR, a request sent
     * where no step sends it) or the sender's role is unknown.
     */
    public static String of(Role sender, Role receiver, int commandCode, boolean request) {
        if (sender == null || receiver == null) {
            return null;
        }
        return STEPS.get(new Key(sender, receiver, commandCode, request));
    }
}
