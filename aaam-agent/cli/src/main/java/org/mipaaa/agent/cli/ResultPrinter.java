package org.mipaaa.agent.cli;

import java.io.PrintStream;

import org.mipaaa.agent.services.Cancellation;
import org.mipaaa.agent.services.ChargeEntry;
import org.mipaaa.agent.services.CommunicationCharges;
import org.mipaaa.agent.services.CreditCommunication;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.Settlement;
import org.mipaaa.agent.services.SponsoredCommunication;
import org.mipaaa.agent.services.TariffLine;

/** The readable summaries {@link AgentCli} prints on stdout, one per result type. */
final class ResultPrinter {

    private final PrintStream out;

    ResultPrinter(PrintStream out) {
        this.out = out;
    }

    void print(CommunicationCharges charges) {
        out.println("Charges for " + charges.period() + ": " + charges.entries().size() + " entries, total " + charges.total());
        for (ChargeEntry e : charges.entries()) {
            StringBuilder line = new StringBuilder("  ").append(e.date()).append("  ").append(e.kind()).append("  ")
                    .append(e.state()).append("  ").append(e.amount());
            e.usage().ifPresent(u -> line.append("  ").append(u.seconds()).append(" s, in ").append(u.inputOctets())
                    .append(" octets/").append(u.inputPackets()).append(" packets, out ").append(u.outputOctets())
                    .append(" octets/").append(u.outputPackets()).append(" packets"));
            e.payee().ifPresent(p -> line.append("  to ").append(p));
            e.settlementId().ifPresent(s -> line.append("  settlement ").append(s));
            if (!e.goods().isEmpty()) {
                line.append("  ").append(String.join("; ", e.goods()));
            }
            out.println(line);
        }
        for (TariffLine t : charges.tariffs()) {
            out.println("  tariff: " + t.price() + " per " + t.costUnit());
        }
    }

    void print(PurchaseInfo info) {
        out.println("Order " + info.orderReference() + " of " + info.payee() + ": " + info.amount());
        for (String goods : info.goods()) {
            out.println("  goods: " + goods);
        }
        info.time().ifPresent(t -> out.println("  ordered: " + t));
        info.terminalHost().ifPresent(h -> out.println("  answered by terminal: " + h));
    }

    void print(Settlement s) {
        out.println("Settled " + s.settlementId() + ": " + s.amount() + " to " + s.payee() + " for order " + s.orderReference()
                + " (" + s.mode() + ")" + s.confirmedAt().map(t -> ", confirmed " + t).orElse(""));
    }

    void print(Cancellation c) {
        out.println("Cancelled " + c.settlementId() + ": " + c.refunded() + " refunded");
    }

    void print(SponsoredCommunication s) {
        out.println("Sponsored by " + s.sponsorId() + " for advertisement " + s.advertisementId() + ": " + s.sharePercent()
                + "% of the next communication" + s.ceiling().map(c -> ", at most " + c).orElse("")
                + " (commitment " + s.commitmentId() + ")");
    }

    void print(CreditCommunication c) {
        out.println("Credit by " + c.creditCompanyId() + " for the next communication" + c.limit().map(l -> ", at most " + l).orElse("")
                + " (commitment " + c.commitmentId() + ")");
    }
}
