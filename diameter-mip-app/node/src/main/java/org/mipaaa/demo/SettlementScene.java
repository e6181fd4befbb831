package org.mipaaa.demo;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.mipaaa.aaah.accounting.HomeAccounts;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.Cancellation;
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.services.Settlement;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.billing.statement.Statement;
import org.mipaaa.billing.statement.StatementText;
import org.mipaaa.lab.Topology;
import org.mipaaa.payee.PayeeLedger;
import org.mipaaa.payee.PayeeSettlement;
import org.mipaaa.role.Role;
import org.mipaaa.shop.PaymentNotices;
import org.mipaaa.trace.TraceEvent;

/**
 * The demo's settlement (seed Figs. 16-17, S207-S211) and cancellation: mn1's AAAM agent, through the
 * AAAF, pays an order at the shop in mode (1); the AAAH asks the user to confirm (the demo's user says
 * OK), notifies the shop's AAAY, which tells the terminal; the statement shows the charge. Then the node
 * cancels it and the statement shows the entry invalidated. Each hop is checked in the flow trace.
 */
final class SettlementScene {

    private static final String NAI = "mn1@home.example";

    private final Topology topology;
    private final PurchaseScene agents;
    private final PrintStream out;
    private final List<TraceEvent> events;

    SettlementScene(Topology topology, PurchaseScene agents, PrintStream out, List<TraceEvent> events) {
        this.topology = topology;
        this.agents = agents;
        this.out = out;
        this.events = events;
    }

    boolean play() throws Exception {
        Instant since = Instant.now();
        Settlement settlement;
        boolean asked;
        try (AaamAgent agent = agents.agent(Role.AAAF)) {
            PurchaseInfo info = agent.accountingInfo("shop@shop.example", "A-1002");
            boolean[] shown = new boolean[1];
            settlement = agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT, proposal -> {
                shown[0] = true;
                out.printf("   the AAAH asks the user (UCR, through the AAAF): pay %s to %s for %s? -> OK%n", proposal.purchase().amount(),
                        proposal.purchase().payee(), String.join("; ", proposal.purchase().goods()));
                return ConfirmationCallback.Decision.OK;
            });
            asked = shown[0];
        } catch (ServiceException e) {
            out.printf("   %s settles order A-1002: refused, %s %s  [UNEXPECTED]%n", NAI, e.failure(), e.getMessage());
            return false;
        }
        Thread.sleep(200); // the last hop's trace event is recorded by the receiving node
        boolean hops = hops(since, List.of(hop("SER", Role.AAAF, Role.AAAH, "S207"), hop("PNR", Role.AAAH, Role.AAAY, "S208"),
                hop("PNR", Role.AAAY, Role.TERMINAL, "S209"), hop("PNA", Role.AAAY, Role.AAAH, "S210"),
                hop("SEA", Role.AAAH, Role.AAAF, "S211")));
        PayeeLedger payee = topology.node(Role.AAAY).installation().aaay().ledger();
        PaymentNotices notices = topology.node(Role.TERMINAL).installation().terminal().notices();
        boolean booked = payee.find(settlement.settlementId()).map(PayeeSettlement::debitsPayee).orElse(false);
        boolean noticed = notices.notice(settlement.settlementId()).isPresent();
        out.printf("   settled: %s, %s charged to %s; the AAAY booked -%s for the shop, the terminal has the payment notice  [%s]%n",
                settlement.settlementId(), settlement.amount(), NAI, settlement.amount(), asked && booked && noticed ? "ok" : "UNEXPECTED");
        boolean charged = statement("the statement now", settlement, true);

        Cancellation cancellation;
        try (AaamAgent agent = agents.agent(Role.AAAF)) {
            cancellation = agent.cancel(settlement.settlementId());
        } catch (ServiceException e) {
            out.printf("   %s cancels %s: refused, %s %s  [UNEXPECTED]%n", NAI, settlement.settlementId(), e.failure(), e.getMessage());
            return false;
        }
        boolean reversed = payee.find(settlement.settlementId()).map(PayeeSettlement::reversed).orElse(false)
                && notices.notice(settlement.settlementId()).map(PaymentNotices.Notice::cancelled).orElse(false);
        out.printf("   cancelled (right of withdrawal): %s credited back; the AAAY reversed its entry, the terminal was told  [%s]%n",
                cancellation.refunded(), reversed ? "ok" : "UNEXPECTED");
        boolean invalidated = statement("the statement after the cancellation", settlement, false);
        return asked && hops && booked && noticed && charged && reversed && invalidated;
    }

    /** Prints the node's statement and checks the settlement's entry is there, valid or not as expected. */
    private boolean statement(String title, Settlement settlement, boolean valid) {
        HomeAccounts accounts = topology.node(Role.AAAH).installation().aaah().accounts();
        Statement statement = accounts.queries().currentStatement(NAI, Instant.now());
        boolean found = statement.transferredCharges().stream().anyMatch(e -> e.content() instanceof org.mipaaa.ledger.EntryContent.TransferredCharge t
                && t.goods().startsWith("A-1002") && e.isValid() == valid);
        out.printf("   %s:  [%s]%n", title, found ? "ok" : "UNEXPECTED");
        StatementText.render(statement).lines().forEach(line -> out.println("     | " + line));
        return found;
    }

    private record Hop(String command, String from, String to, String step) {
    }

    private Hop hop(String command, Role from, Role to, String step) {
        return new Hop(command, topology.node(from).host(), topology.node(to).host(), step);
    }

    private boolean hops(Instant since, List<Hop> expected) {
        List<TraceEvent> seen = events.stream().filter(e -> !e.time().isBefore(since)).toList();
        boolean ok = true;
        for (Hop hop : expected) {
            boolean found = seen.stream().anyMatch(e -> e.command().equals(hop.command()) && e.from().equals(hop.from())
                    && e.to().equals(hop.to()) && Objects.equals(e.step(), hop.step()));
            ok &= found;
            out.printf("     %s  %s %s -> %s  [%s]%n", hop.step(), hop.command(), hop.from(), hop.to(), found ? "ok" : "UNEXPECTED");
        }
        return ok;
    }
}
