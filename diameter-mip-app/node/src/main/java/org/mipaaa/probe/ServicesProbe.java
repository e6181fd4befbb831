package org.mipaaa.probe;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.Cancellation;
import org.mipaaa.agent.services.CommunicationCharges;
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.CreditCommunication;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.services.Settlement;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.agent.services.SettlementProposal;
import org.mipaaa.agent.services.SponsoredCommunication;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.agent.transport.WireTap;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.probe.CheckResult.Verdict;

/**
 * The mobile-node services of our vendor application against an AAAH that serves them: the probe plays
 * the mobile node with the agent library a mobile-node vendor ships (its own TLS connection to the AAAH,
 * or to an AAAF in the path; its requests signed with the AAAM key, each answer's signature checked),
 * and judges each answer by docs/PROTOCOL.md. The bytes of each check are what the agent's wire tap saw.
 *
 * <p>The checks, in order: a request signed with a wrong key is refused 5805 (§3); the node's own
 * charges (CQR, §4.6); the accounting information of an order (PIR, §4.1) and of an order the payee
 * does not have (5806, §5); a settlement the user declines when asked (SER and UCR, 5801,
 * §4.2-§4.3); a settlement the user confirms (SER, UCR, PNR, §4.2-§4.4); its cancellation (SCR,
 * §4.5), and the same cancellation again (5804); sponsored (SCMR, §4.7) and credit (CCMR, §4.8)
 * communication. A check whose subject was not given is skipped. The settlement is cancelled in the run,
 * so the subscriber's account ends as it began.
 */
final class ServicesProbe {

    private final ProbeTarget.ServicesClient client;
    private final ProbeTarget.MobileNodeCredentials node;
    private final Duration timeout;
    private final List<CheckResult> results = new ArrayList<>();
    private final Tap tap = new Tap();

    ServicesProbe(ProbeTarget.ServicesClient client, ProbeTarget.MobileNodeCredentials node, Duration timeout) {
        this.client = client;
        this.node = node;
        this.timeout = timeout;
    }

    /** Runs the checks; never throws for what the AAAH does. */
    List<CheckResult> run() {
        ProbeTarget.ServiceSubjects subjects = client.subjects();
        byte[] wrongKey = new byte[AaamSecurityAssociation.MIN_KEY_LENGTH];
        new SecureRandom().nextBytes(wrongKey);
        try (AaamAgent forged = agent(AaamSecurityAssociation.fromMnAaaKey(node.nai(), client.aaamSpi(), wrongKey))) {
            expectFailure("services-unauthenticated", "docs/PROTOCOL.md §3, §5",
                    "refuses a request whose AAAM-Authenticator is signed with a wrong key with 5805",
                    ServiceException.Failure.AUTHENTICATION_FAILED, () -> forged.communicationCharges(YearMonth.now(ZoneOffset.UTC)));
        }
        try (AaamAgent agent = agent(AaamSecurityAssociation.fromMnAaaKey(node.nai(), client.aaamSpi(), node.mnAaa().key()))) {
            YearMonth month = YearMonth.now(ZoneOffset.UTC);
            expect("own-charges", "docs/PROTOCOL.md §4.6", "answers the node's Charge-Query-Request with its charges of the month, signed",
                    () -> {
                        CommunicationCharges charges = agent.communicationCharges(month);
                        return charges.period().equals(month.toString()) ? Outcome.pass(charges.entries().size() + " entries, total "
                                + charges.total()) : Outcome.fail("the answer is for period " + charges.period() + ", not " + month);
                    });
            if (subjects.payee().isEmpty()) {
                skip("no payee given (--payee)", "accounting-information", "unknown-order", "settlement-declined", "settlement",
                        "cancellation", "cancellation-repeated");
            } else {
                payeeChecks(agent, subjects.payee().get(), subjects.order());
            }
            if (subjects.sponsor().isEmpty() || subjects.advertisement().isEmpty()) {
                skip("no sponsor and advertisement given (--sponsor, --advertisement)", "sponsored-communication");
            } else {
                expect("sponsored-communication", "docs/PROTOCOL.md §4.7",
                        "commits the sponsor to share the node's communication fee for an advertisement it pays for", () -> {
                            SponsoredCommunication s = agent.sponsoredCommunication(subjects.sponsor().get(), subjects.advertisement().get());
                            return s.sponsorId().equals(subjects.sponsor().get()) && !s.commitmentId().isEmpty()
                                    ? Outcome.pass("commitment " + s.commitmentId() + ", share " + s.sharePercent() + " %")
                                    : Outcome.fail("the answer is not the sponsor's commitment: " + s);
                        });
            }
            if (subjects.creditCompany().isEmpty() || subjects.credential().isEmpty()) {
                skip("no credit company and credential given (--credit-company, --credential-hex)", "credit-communication");
            } else {
                expect("credit-communication", "docs/PROTOCOL.md §4.8",
                        "commits the credit company to pay the node's communication fee on a credential it accepts", () -> {
                            CreditCommunication c = agent.creditCommunication(subjects.creditCompany().get(), subjects.credential().get());
                            return c.creditCompanyId().equals(subjects.creditCompany().get()) && !c.commitmentId().isEmpty()
                                    ? Outcome.pass("commitment " + c.commitmentId() + c.limit().map(l -> ", limit " + l).orElse(""))
                                    : Outcome.fail("the answer is not the credit company's commitment: " + c);
                        });
            }
        }
        return results;
    }

    private void payeeChecks(AaamAgent agent, String payee, Optional<String> order) {
        PurchaseInfo[] info = new PurchaseInfo[1];
        expect("accounting-information", "docs/PROTOCOL.md §4.1",
                "answers a Purchase-Information-Request with the payee's order: its reference, goods and amount", () -> {
                    PurchaseInfo i = order.isPresent() ? agent.accountingInfo(payee, order.get()) : agent.accountingInfo(payee);
                    if (!i.payee().equals(payee) || order.filter(o -> !o.equals(i.orderReference())).isPresent()) {
                        return Outcome.fail("the answer is about another order: " + i);
                    }
                    if (i.amount().value().signum() <= 0) {
                        return Outcome.fail("the amount is not positive: " + i.amount());
                    }
                    info[0] = i;
                    return Outcome.pass("order " + i.orderReference() + ", " + i.amount() + ", goods " + i.goods());
                });
        expectFailure("unknown-order", "docs/PROTOCOL.md §4.1, §5", "answers a Purchase-Information-Request for an order the payee does "
                        + "not have with Experimental-Result 5806 UNKNOWN_ORDER",
                ServiceException.Failure.UNKNOWN_ORDER, () -> agent.accountingInfo(payee, "probe-no-such-order-" + System.nanoTime()));
        if (info[0] == null) {
            skip("no order to settle", "settlement-declined", "settlement", "cancellation", "cancellation-repeated");
            return;
        }
        Proposals declining = new Proposals(ConfirmationCallback.Decision.CANCEL);
        expectFailure("settlement-declined", "docs/PROTOCOL.md §4.2-§4.3", "asks the user to confirm the settlement (UCR) and, when "
                        + "the user declines, answers 5801 USER_REJECTED",
                ServiceException.Failure.USER_REJECTED, () -> agent.settle(info[0], SettlementMode.DEBIT_PAYEE_ACCOUNT, declining),
                () -> declining.shownOnceFor(info[0]));
        Proposals confirming = new Proposals(ConfirmationCallback.Decision.OK);
        Settlement[] settled = new Settlement[1];
        expect("settlement", "docs/PROTOCOL.md §4.2-§4.4",
                "asks the user to confirm (UCR) and, confirmed, settles the order at its amount and names the settlement", () -> {
                    Settlement s = agent.settle(info[0], SettlementMode.DEBIT_PAYEE_ACCOUNT, confirming);
                    String shown = confirming.shownOnceFor(info[0]);
                    if (shown != null) {
                        return Outcome.fail(shown);
                    }
                    if (!s.amount().equals(info[0].amount()) || !s.orderReference().equals(info[0].orderReference())) {
                        return Outcome.fail("settled " + s + ", not the order " + info[0]);
                    }
                    settled[0] = s;
                    return Outcome.pass("settlement " + s.settlementId() + ", " + s.amount());
                });
        if (settled[0] == null) {
            skip("no settlement to cancel", "cancellation", "cancellation-repeated");
            return;
        }
        String id = settled[0].settlementId();
        expect("cancellation", "docs/PROTOCOL.md §4.5", "cancels the node's settlement and refunds its amount", () -> {
            Cancellation c = agent.cancel(id);
            return c.settlementId().equals(id) && c.refunded().equals(settled[0].amount())
                    ? Outcome.pass("refunded " + c.refunded()) : Outcome.fail("the answer refunds otherwise: " + c);
        });
        expectFailure("cancellation-repeated", "docs/PROTOCOL.md §4.5, §5",
                "answers the cancellation of a settlement cancelled before with 5804 ALREADY_CANCELLED",
                ServiceException.Failure.ALREADY_CANCELLED, () -> agent.cancel(id));
    }

    private AaamAgent agent(AaamSecurityAssociation association) {
        VendorSettings vendor = client.vendor();
        AgentEndpoint endpoint = AgentEndpoint.builder(client.address().getHostString(), client.address().getPort(), client.tls())
                .originHost(client.mobileNodeHost()).originRealm(client.mobileNodeRealm()).expectedServer(client.server())
                .application(vendor.vendorId(), vendor.accountingServicesApplicationId())
                .requestTimeout(timeout).connectTimeout(timeout).wireTap(tap).build();
        return new AaamAgent(association, endpoint, new InMemoryReplayCounters(), vendor);
    }

    /** A call of the agent, judged. */
    @FunctionalInterface
    private interface Call {
        Outcome run() throws ServiceException;
    }

    /** A call expected to fail. */
    @FunctionalInterface
    private interface Refused {
        Object run() throws ServiceException;
    }

    private record Outcome(boolean passed, String detail) {
        static Outcome pass(String detail) {
            return new Outcome(true, detail);
        }

        static Outcome fail(String detail) {
            return new Outcome(false, detail);
        }
    }

    private void expect(String id, String section, String title, Call call) {
        tap.clear();
        Outcome outcome;
        try {
            outcome = call.run();
        } catch (ServiceException e) {
            outcome = Outcome.fail(describe(e));
        } catch (RuntimeException e) {
            outcome = Outcome.fail("the agent failed: " + e);
        }
        results.add(new CheckResult(id, section, title, outcome.passed() ? Verdict.PASS : Verdict.FAIL, outcome.detail(), tap.sent(),
                tap.received()));
    }

    private void expectFailure(String id, String section, String title, ServiceException.Failure expected, Refused call) {
        expectFailure(id, section, title, expected, call, () -> null);
    }

    /** {@code after} says what else is wrong once the call failed as expected (null: nothing). */
    private void expectFailure(String id, String section, String title, ServiceException.Failure expected, Refused call,
                               java.util.function.Supplier<String> after) {
        expect(id, section, title, () -> {
            Object answered;
            try {
                answered = call.run();
            } catch (ServiceException e) {
                if (e.failure() != expected) {
                    return Outcome.fail(describe(e) + ", not " + expected);
                }
                String wrong = after.get();
                return wrong == null ? Outcome.pass(describe(e)) : Outcome.fail(wrong);
            }
            return Outcome.fail("served it: " + answered);
        });
    }

    private void skip(String why, String... ids) {
        for (String id : ids) {
            results.add(new CheckResult(id, "docs/PROTOCOL.md §4", "a mobile-node service", Verdict.SKIPPED, why, null, null));
        }
    }

    private static String describe(ServiceException e) {
        return e.failure() + (e.resultCode() >= 0 ? " (" + e.resultCode() + ")" : "") + ": " + e.getMessage();
    }

    /** The user of the settlement checks: answers each confirmation with one decision and keeps what it was shown. */
    private static final class Proposals implements ConfirmationCallback {
        private final Decision decision;
        private final List<SettlementProposal> shown = new CopyOnWriteArrayList<>();

        Proposals(Decision decision) {
            this.decision = decision;
        }

        @Override
        public Decision confirm(SettlementProposal proposal) {
            shown.add(proposal);
            return decision;
        }

        /** What is wrong with what the user was asked (null: asked once, about this order at its amount). */
        String shownOnceFor(PurchaseInfo order) {
            if (shown.size() != 1) {
                return "the user was asked " + shown.size() + " times to confirm (a UCR, docs/PROTOCOL.md §4.3), not once";
            }
            SettlementProposal p = shown.get(0);
            return p.purchase().amount().equals(order.amount()) && p.purchase().payee().equals(order.payee()) ? null
                    : "the user was asked to confirm " + p + ", not the order " + order;
        }
    }

    /** The messages of the current check, as the agent's wire tap saw them. */
    private static final class Tap implements WireTap {
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public synchronized void message(boolean outgoing, byte[] message) {
            (outgoing ? sent : received).writeBytes(message);
        }

        synchronized void clear() {
            sent.reset();
            received.reset();
        }

        synchronized byte[] sent() {
            return sent.toByteArray();
        }

        synchronized byte[] received() {
            return received.toByteArray();
        }
    }
}
