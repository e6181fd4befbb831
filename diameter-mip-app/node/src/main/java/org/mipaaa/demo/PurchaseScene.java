package org.mipaaa.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.lab.Topology;
import org.mipaaa.registration.RegistrationSettings;
import org.mipaaa.registration.Subscriber;
import org.mipaaa.registration.SubscriberProvisioning;
import org.mipaaa.role.Role;
import org.mipaaa.trace.TraceEvent;
import org.mipaaa.transport.TlsContext;
import org.mipaaa.transport.TransportSettings;

/**
 * The demo's accounting-information retrieval (seed Figs. 13-15, S201-S206): mn1's AAAM agent asks,
 * through the AAAF, for the accounting information of an order at the shop; the AAAH asks the shop's
 * AAAY, which asks the shop terminal. Then, straight to the AAAH, an order whose information the AAAY
 * holds itself (S203/S204 skipped). Each exchange is checked hop by hop in the flow trace.
 */
final class PurchaseScene {

    static final String MOBILE_NODE_HOST = "mn1.home.example";
    private static final String NAI = "mn1@home.example";

    private final Topology topology;
    private final LoopbackSetup setup;
    private final PrintStream out;
    private final List<TraceEvent> events;

    PurchaseScene(Topology topology, LoopbackSetup setup, PrintStream out, List<TraceEvent> events) {
        this.topology = topology;
        this.setup = setup;
        this.out = out;
        this.events = events;
    }

    boolean play() throws Exception {
        boolean throughAaaf = fetch(Role.AAAF, "shop@shop.example", "A-1001",
                List.of(hop("PIR", Role.AAAF, Role.AAAH, "S201"), hop("PIR", Role.AAAH, Role.AAAY, "S202"),
                        hop("PIR", Role.AAAY, Role.TERMINAL, "S203"), hop("PIA", Role.TERMINAL, Role.AAAY, "S204"),
                        hop("PIA", Role.AAAY, Role.AAAH, "S205"), hop("PIA", Role.AAAH, Role.AAAF, "S206")), true);
        boolean heldAtAaay = fetch(Role.AAAH, "kiosk@shop.example", "K-77",
                List.of(hop("PIR", Role.AAAH, Role.AAAY, "S202"), hop("PIA", Role.AAAY, Role.AAAH, "S205")), false);
        return throughAaaf && heldAtAaay;
    }

    private record Hop(String command, String from, String to, String step) {
    }

    private Hop hop(String command, Role from, Role to, String step) {
        return new Hop(command, topology.node(from).host(), topology.node(to).host(), step);
    }

    private boolean fetch(Role server, String payee, String order, List<Hop> expectedHops, boolean viaTerminal) throws Exception {
        Instant since = Instant.now();
        PurchaseInfo info;
        try (AaamAgent agent = agent(server)) {
            info = agent.accountingInfo(payee, order);
        } catch (ServiceException e) {
            out.printf("   %s asks %s for order %s of %s: refused, %s %s  [UNEXPECTED]%n", NAI, topology.node(server).host(), order,
                    payee, e.failure(), e.getMessage());
            return false;
        }
        Thread.sleep(200); // the last hop's trace event is recorded by the receiving node
        List<TraceEvent> seen = events.stream().filter(e -> !e.time().isBefore(since)).toList();
        boolean hopsOk = true;
        out.printf("   %s asks %s for the accounting information of order %s of %s:%n", NAI, topology.node(server).host(), order, payee);
        for (Hop hop : expectedHops) {
            boolean found = seen.stream().anyMatch(e -> e.command().equals(hop.command()) && e.from().equals(hop.from())
                    && e.to().equals(hop.to()) && Objects.equals(e.step(), hop.step()));
            hopsOk &= found;
            out.printf("     %s  %s %s -> %s  [%s]%n", hop.step(), hop.command(), hop.from(), hop.to(), found ? "ok" : "UNEXPECTED");
        }
        String terminal = topology.node(Role.TERMINAL).host();
        // S203 is a PIR to the terminal; the watchdogs its links exchange meanwhile are not
        boolean terminalAsked = seen.stream().anyMatch(e -> e.to().equals(terminal) && "PIR".equals(e.command()));
        if (!viaTerminal) {
            out.printf("     S203/S204 skipped: the AAAY holds this payee's orders itself  [%s]%n", terminalAsked ? "UNEXPECTED" : "ok");
        }
        boolean content = info.orderReference().equals(order) && info.payee().equals(payee)
                && info.terminalHost().isPresent() == viaTerminal && !info.goods().isEmpty();
        out.printf("     the node shows: order %s, %s, %s, %s%s  [%s]%n", info.orderReference(), String.join("; ", info.goods()),
                info.amount(), info.time().map(Instant::toString).orElse("no time"),
                info.terminalHost().map(h -> ", from " + h).orElse(""), content ? "ok" : "UNEXPECTED");
        return hopsOk && content && terminalAsked == viaTerminal;
    }

    AaamAgent agent(Role server) throws Exception {
        Subscriber subscriber = SubscriberProvisioning.read(RegistrationSettings.from(topology.config(Role.AAAH).settings())
                        .subscribersFile().orElseThrow()).stream()
                .filter(s -> s.nai().equals(NAI)).findFirst().orElseThrow();
        long spi = subscriber.aaamSpi().orElseThrow(() -> new IllegalStateException(NAI + " has no aaam.spi"));
        Path tls = setup.tlsDirectory();
        SSLContext context = TlsContext.of(new TransportSettings.TlsSettings(tls.resolve(MOBILE_NODE_HOST + ".p12"),
                tls.resolve(MOBILE_NODE_HOST + ".pass"), tls.resolve("trust.p12"), tls.resolve("trust.pass"),
                List.of("TLSv1.3", "TLSv1.2"), List.of())).sslContext();
        VendorSettings vendor = topology.node(server).settings().vendor();
        AgentEndpoint endpoint = AgentEndpoint.builder("127.0.0.1", setup.tlsPort(server), context)
                .originHost(MOBILE_NODE_HOST).originRealm(Subscriber.realmOf(NAI)).expectedServer(topology.node(server).host())
                .application(vendor.vendorId(), vendor.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(6)).build();
        return new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(NAI, spi, subscriber.mnAaa().key()), endpoint,
                new InMemoryReplayCounters(), vendor);
    }
}
