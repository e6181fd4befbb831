package org.mipaaa.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.SettlementProposal;

/**
 * The settlement confirmation on a terminal: shows amount, payee and goods and reads y or n. Anything
 * else, or the end of the input, is a CANCEL: nobody pays by accident. With {@code assumeYes} (the
 * {@code --yes} option) it shows the same and answers OK without reading.
 *
 * <p>Not thread-safe: it reads the terminal; the agent asks one confirmation at a time.
 */
public final class TerminalConfirmation implements ConfirmationCallback {

    private final BufferedReader in;
    private final PrintStream out;
    private final boolean assumeYes;

    public TerminalConfirmation(BufferedReader in, PrintStream out, boolean assumeYes) {
        this.in = in;
        this.out = out;
        this.assumeYes = assumeYes;
    }

    @Override
    public Decision confirm(SettlementProposal proposal) {
        out.println("The home AAA server asks to confirm settlement " + proposal.settlementId() + ":");
        out.println("  amount: " + proposal.purchase().amount());
        out.println("  payee:  " + proposal.purchase().payee() + " (order " + proposal.purchase().orderReference() + ")");
        for (String goods : proposal.purchase().goods()) {
            out.println("  goods:  " + goods);
        }
        if (assumeYes) {
            out.println("Pay? [y/n] y (--yes)");
            return Decision.OK;
        }
        out.print("Pay? [y/n] ");
        out.flush();
        try {
            String line = in.readLine();
            return line != null && line.strip().toLowerCase(Locale.ROOT).startsWith("y") ? Decision.OK : Decision.CANCEL;
        } catch (IOException e) {
            return Decision.CANCEL;
        }
    }
}
