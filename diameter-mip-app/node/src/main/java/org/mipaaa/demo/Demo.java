package org.mipaaa.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mipaaa.diameter.CommandNames;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.lab.Topology;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.presence.web.PageSettings;
import org.mipaaa.presence.web.PresencePage;
import org.mipaaa.role.Role;
import org.mipaaa.trace.FlowTrace;
import org.mipaaa.trace.JsonLinesTraceSink;
import org.mipaaa.trace.PrintTraceSink;
import org.mipaaa.trace.TraceEvent;

/**
 * The embedded demo: every role as its own jDiameter stack on loopback TCP, in one JVM, each with its
 * own embedded Infinispan, with the flow trace of every DIAMETER message printed as it is received.
 */
public final class Demo {

    /** RFC 3539 §3.4.1: Tw is at least 6 seconds. The demo uses the minimum to show DWR/DWA soon. */
    private static final Duration WATCHDOG = Duration.ofSeconds(6);
    /** How often the FA reports usage (INTERIM) in the demo: short, to show one. */
    private static final Duration ACCOUNTING_INTERVAL = Duration.ofSeconds(2);

    private final Path configRoot;
    private final PrintStream out;
    private final Path jsonTrace;

    public Demo(Path configRoot, PrintStream out, Path jsonTrace) {
        this.configRoot = configRoot;
        this.out = out;
        this.jsonTrace = jsonTrace;
    }

    /** Runs the demo; true when every step did what the RFCs ask. */
    public boolean run() throws Exception {
        FlowTrace trace = new FlowTrace().add(new PrintTraceSink(out));
        JsonLinesTraceSink json = jsonTrace == null ? null : new JsonLinesTraceSink(jsonTrace);
        if (json != null) {
            trace.add(json);
        }
        CommandNames names = new CommandNames(Dictionary.bundled());
        LinkWatch watch = new LinkWatch(names.abbreviation(ApplicationIds.COMMON_MESSAGES, CommandCodes.DEVICE_WATCHDOG, false));
        trace.add(watch);
        // a lab CA and a state directory for this run; the links between the nodes are TLS
        // the FA's and HA's Mobile IP ports are free ones: 434 would need root
        // the presence page (seed Fig. 20) first, so the HA can be pointed at it
        PresencePage page = startPresencePage();
        out.println("Presence page: " + page.url() + "  (open it in a browser: it follows the mobile node by itself)");
        List<TraceEvent> events = new CopyOnWriteArrayList<>();
        trace.add(events::add);
        LoopbackSetup setup = LoopbackSetup.create(configRoot, false, Map.of("watchdog.ms", Long.toString(WATCHDOG.toMillis()),
                "fa.udp.port", Integer.toString(LoopbackSetup.freePort()), "ha.udp.port", Integer.toString(LoopbackSetup.freePort()),
                "fa.accounting.interval.ms", Long.toString(ACCOUNTING_INTERVAL.toMillis()),
                "ha.presence.file", "presence.properties", "presence.page.url", page.notificationUrl().toString(),
                "presence.retry.first.ms", "200"), List.of(PurchaseScene.MOBILE_NODE_HOST));
        boolean ok = true;
        boolean plainLinks = "none".equals(System.getProperty("link.security"));
        section("1. Every role starts as its own jDiameter stack; peer links come up over "
                + (plainLinks ? "plain TCP (-Dlink.security=none: readable by a capture)" : "TLS (RFC 6733 §13)") + ", then CER/CEA");
        try (Topology topology = Topology.start(configRoot, EnumSet.allOf(Role.class), setup.overrides(), RoleApplications.STANDARD, trace)) {
            if (!topology.awaitLinks(Duration.ofSeconds(20))) {
                out.println("!! not every peer link came up within 20 s");
                return false;
            }
            section("2. Watchdog (RFC 3539): DWR/DWA on every link after Tw = " + WATCHDOG.toSeconds() + " s of silence");
            ok &= awaitWatchdogs(topology, watch, WATCHDOG.multipliedBy(3));
            section("3. Each role refuses, with the RFC 6733 answer, a request it does not serve");
            ok &= runProbes(topology);
            section("4. A roaming mobile node registers: UDP to the FA, AMR FA -> AAAF -> AAAH, HAR to the HA, and back (S101-S106);"
                    + " then renews and deregisters FA -> HA (S107-S110); registers again and comes back home."
                    + " The HA notifies the presence page of each change (S2001-S2011)");
            ok &= new RegistrationScene(topology, out, new PresenceWatch(page, out)).play();
            section("5. Communication-fee accounting: the FA meters a visitor's traffic, START/INTERIM/STOP go FA -> AAAF -> AAAH"
                    + " (S31-S32), the AAAH charges its account database (S13-S14)");
            ok &= new AccountingScene(topology, out, ACCOUNTING_INTERVAL).play();
            section("6. Own communication charges: the mobile node's AAAM agent asks its AAAH, through the AAAF, what it holds"
                    + " about its charges this month (Fig. 8 S25)");
            ok &= new OwnChargesScene(topology, out, setup.tlsDirectory()).play();
            section("7. Accounting information (S201-S206): the mobile node's AAAM agent asks through the AAAF; the AAAH asks"
                    + " the shop's AAAY, which asks the shop terminal; then an order the AAAY holds itself (S203/S204 skipped)");
            PurchaseScene purchase = new PurchaseScene(topology, setup, out, events);
            ok &= purchase.play();
            section("7b. Settlement with the user's confirmation (S207-S211) and cancellation: the node pays an order through the"
                    + " AAAF in mode (1), the AAAH asks the user (UCR), notifies the shop's AAAY, which tells the terminal;"
                    + " then the node cancels it");
            ok &= new SettlementScene(topology, purchase, out, events).play();
            section("8. Correspondent confirmation before call setup (S3001-S3014): the caller asks the terminal at the"
                    + " address it resolved whether it is the expected host and user, and calls only on OK");
            ok &= new ConfirmationScene(out).play();
            section("9. Shutdown: every node sends DPR, peers answer DPA");
        } finally {
            if (json != null) {
                json.close();
            }
            setup.close();
            page.close();
        }
        section(ok ? "Demo finished: every step as expected." : "Demo finished WITH UNEXPECTED RESULTS (see above).");
        if (jsonTrace != null) {
            out.println("JSON-lines trace written to " + jsonTrace.toAbsolutePath());
        }
        return ok;
    }

    /** The page of config/www on its configured port, or on a free one when that is taken. */
    private PresencePage startPresencePage() throws Exception {
        PageSettings settings = PageSettings.load(configRoot.resolve("www/presence-page.properties"));
        try {
            return PresencePage.start(settings);
        } catch (java.io.IOException taken) {
            out.println("(port " + settings.port() + " is taken: the presence page takes a free one)");
            return PresencePage.start(settings.withPort(0));
        }
    }

    private boolean awaitWatchdogs(Topology topology, LinkWatch watch, Duration timeout) throws InterruptedException {
        List<Set<String>> links = links(topology);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (links.stream().allMatch(l -> watch.seen(first(l), second(l)))) {
                return true;
            }
            Thread.sleep(100);
        }
        out.println("!! no DWR/DWA seen on some links within " + timeout.toSeconds() + " s");
        return false;
    }

    private boolean runProbes(Topology topology) {
        boolean ok = true;
        ProbeRunner runner = new ProbeRunner(topology);
        for (Probe probe : RefusalProbes.all(topology.node(Role.AAAH).settings().vendor())) {
            ProbeResult r = runner.run(probe);
            String verdict = r.asExpected() ? "ok" : "UNEXPECTED";
            out.printf("   %-8s %s -> %s: %s%n       expected %d %s, got %s%s%s  [%s]%n",
                    "probe", probe.from(), probe.to(), probe.what(),
                    probe.expected(), ResultCodes.name(probe.expected()),
                    r.resultCode() == null ? "no answer (" + r.failure() + ")" : r.resultCode() + " " + ResultCodes.name(r.resultCode().intValue()),
                    r.errorBit() ? " (E bit)" : "",
                    r.failedAvpCode() == null ? "" : ", Failed-AVP " + r.failedAvpCode(),
                    verdict);
            ok &= r.asExpected();
        }
        return ok;
    }

    /** The links of the topology: each pair of nodes configured as peers of each other. */
    private static List<Set<String>> links(Topology topology) {
        List<Set<String>> links = new ArrayList<>();
        for (Role role : topology.roles()) {
            DiameterNode node = topology.node(role);
            for (String peer : node.configuredPeers()) {
                Set<String> link = Set.of(node.host(), peer);
                boolean inTopology = topology.roles().stream().anyMatch(r -> topology.node(r).host().equals(peer));
                if (inTopology && !links.contains(link)) {
                    links.add(link);
                }
            }
        }
        return links;
    }

    private static String first(Set<String> link) {
        return link.stream().sorted().findFirst().orElseThrow();
    }

    private static String second(Set<String> link) {
        return link.stream().sorted().skip(1).findFirst().orElseThrow();
    }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }
}
