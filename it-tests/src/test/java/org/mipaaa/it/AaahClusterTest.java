package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.lab.ClusterLab;
import org.mipaaa.ledger.EntryIds;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three AAAH processes of home.example share their state (config/variants/aaah-cluster, README "A
 * cluster of AAAHs"), with a home agent, an AAAF and a foreign agent, each node its own JVM as on a
 * carrier's hosts, TLS between them on the loopback. Mobile nodes register without pause through FA ->
 * AAAF -> an AAAH -> HA, real Mobile IP bytes over UDP, while one AAAH is killed with SIGKILL and
 * later restarted on its old stores.
 */
class AaahClusterTest {

    private static final Logger log = LoggerFactory.getLogger(AaahClusterTest.class);

    private static final Path CONFIG = Path.of("../config");
    private static final int MOBILE_NODES = 12;
    /** HomeAcrHandler's line for a record that made a fee entry: Session-Id, record number, entry id. */
    private static final Pattern WRITTEN_FEE = Pattern.compile("ACR (\\S+) #(\\d+) for \\S+: entry (\\S+) ");
    /** HomeAccountingForwarder's line for a record the AAAH acknowledged: Session-Id, record number. */
    private static final Pattern ACKNOWLEDGED_ACR = Pattern.compile(
            "ACR (\\S+) #(\\d+) for \\S+ to the AAAH: ACA 2001");
    private static final Duration START = Duration.ofSeconds(90);
    private static final VendorSettings VENDOR = VendorSettings.defaults();

    @TempDir
    Path dir;

    private ClusterLab lab;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopNodes() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void registrationsGoOnThroughTheOtherMembersWhileOneIsKilledAndTheRestartedMemberServesTheSamePool() throws Exception {
        startTopology();
        Load load = new Load();
        load.start();
        load.awaitAccepted(MOBILE_NODES * 3);
        // killed once it has written fee entries too: what it acknowledged must outlive it
        assertThat(Eventually.within(Duration.ofSeconds(30), () -> WRITTEN_FEE.matcher(lab.output("aaah2")).find())).isTrue();

        lab.kill("aaah2");
        long killedAt = System.currentTimeMillis();
        load.awaitAccepted(load.accepted() + MOBILE_NODES * 3);
        // the AAAF serves through the other members: it stays ready, naming the one it lost
        assertThat(Eventually.within(Duration.ofSeconds(30), () -> !lab.connected("aaaf", "aaah2.home.example"))).isTrue();
        assertThat(lab.readiness("aaaf")).contains("\"status\":\"UP\"", "not connected: aaah2.home.example");

        lab.start("aaah2");
        assertThat(Eventually.within(START, () -> ready("aaah2") && aaafConnectedToEveryAaah())).as(lab.output("aaah2")).isTrue();
        int beforeRejoin = load.accepted();
        assertThat(Eventually.within(Duration.ofSeconds(60), () -> lab.output("aaah2").contains("registered, home address")))
                .as("the restarted member serves registrations").isTrue();
        load.awaitAccepted(beforeRejoin + MOBILE_NODES * 3);
        load.stop();
        log.info("cluster of three AAAHs, one killed and restarted: {} registrations accepted, {} failed, longest gap {} ms",
                load.accepted(), load.failures().size(), load.longestGap().toMillis());

        // refused or unanswered only while the survivors take the dead member's share: its registrations in
        // flight, copies the HA refuses as replays (133), and 3004s while the cluster's view changes
        assertThat(load.failures()).as("failures only in the seconds after the kill").allSatisfy(at ->
                assertThat(at - killedAt).isBetween(0L, Duration.ofSeconds(10).toMillis()));
        assertThat(load.longestGap()).as("longest time without an accepted registration").isLessThan(Duration.ofSeconds(10));
        // every member answered some (shared in turn), and each mobile node kept one address whichever member it met
        for (String aaah : ClusterLab.AAAHS) {
            assertThat(lab.allOutput(aaah)).as(aaah).contains("registered, home address");
        }
        assertThat(load.addressesByNai()).hasSize(MOBILE_NODES).allSatisfy((nai, addresses) ->
                assertThat(addresses).as(nai + " got one address from the pool, from every member").hasSize(1));
        List<String> held = load.addressesByNai().values().stream().map(a -> a.iterator().next()).toList();
        assertThat(held).as("no address given to two mobile nodes").doesNotHaveDuplicates();

        // the visits' accounting (an INTERIM every 2 s) under the same kill: every fee entry a member wrote
        // before it answered is in the ledger, the killed member's included, and so is every one of those
        // the AAAF saw acknowledged
        Map<String, String> written = new HashMap<>();
        for (String aaah : ClusterLab.AAAHS) {
            Matcher entry = WRITTEN_FEE.matcher(lab.allOutput(aaah));
            while (entry.find()) {
                written.put(entry.group(1) + "#" + entry.group(2), entry.group(3));
            }
        }
        Set<String> acknowledged = new TreeSet<>();
        Matcher ack = ACKNOWLEDGED_ACR.matcher(lab.allOutput("aaaf"));
        while (ack.find()) {
            if (written.containsKey(ack.group(1) + "#" + ack.group(2))) {
                acknowledged.add(written.get(ack.group(1) + "#" + ack.group(2)));
            }
        }
        Set<String> fees = Set.copyOf(ledger("aaah3").lines().filter(l -> l.contains(",COMMUNICATION_FEE,"))
                .map(l -> l.substring(0, l.indexOf(','))).toList());
        long byTheKilled = WRITTEN_FEE.matcher(lab.output("aaah2", 1)).results().count();
        log.info("{} fee entries written by the members ({} by aaah2 before it was killed), {} of them acknowledged to the AAAF; "
                + "{} in the ledger", written.size(), byTheKilled, acknowledged.size(), fees.size());
        assertThat(acknowledged).as("fee entries acknowledged while a member died").isNotEmpty();
        assertThat(byTheKilled).as("fee entries the killed member wrote").isPositive();
        assertThat(fees).as("every fee entry a member wrote is in the ledger").containsAll(written.values());
        assertThat(fees).as("every acknowledged record is in the ledger").containsAll(acknowledged);
    }

    @Test
    void settlementsThroughTheAaafAreChargedOnceWhileAMemberIsKilledAndRestarted() throws Exception {
        startTopology(true);
        Settlements load = new Settlements();
        load.start();
        load.awaitSettled(AGENTS * 2);

        lab.kill("aaah3");
        load.awaitSettled(load.settled() + AGENTS * 2);
        lab.start("aaah3");
        assertThat(Eventually.within(START, () -> ready("aaah3") && aaafConnectedToEveryAaah())).as(lab.output("aaah3")).isTrue();
        load.awaitSettled(load.settled() + AGENTS * 3);
        load.stop();
        log.info("cluster of three AAAHs, one killed and restarted: {} settlements settled, {} failed of {} asked; {} cancelled, {} unknown",
                load.settled(), load.failed(), load.asked(), load.cancelled().size(), load.cancelUnknown().size());

        // the ledger as a running member exports it: every settlement a mobile node was told of, charged once
        String csv = ledger("aaah2");
        List<String> transfers = csv.lines().filter(l -> l.contains(",TRANSFERRED_CHARGE,")).map(l -> l.substring(0, l.indexOf(',')))
                .toList();
        assertThat(transfers).as("no entry twice").doesNotHaveDuplicates();
        assertThat(transfers).as("every settlement a mobile node was told of is in the ledger")
                .containsAll(load.settlementIds().stream().map(EntryIds::transferredCharge).toList());
        assertThat(transfers.size()).as("no more charges than settlements asked for").isLessThanOrEqualTo(load.asked());
        assertThat(load.failed()).as("settlements not settled (only around the kill)").isLessThanOrEqualTo(AGENTS);
        // every third settlement cancelled under the same kill: refunded once, the others still charged
        Map<String, String> states = csv.lines().filter(l -> l.contains(",TRANSFERRED_CHARGE,"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(',')), l -> l.split(",")[7]));
        assertThat(load.cancelled()).as("cancellations confirmed").isNotEmpty();
        assertThat(load.cancelled()).as("cancelled settlements are off the bill").allSatisfy(id ->
                assertThat(states.get(EntryIds.transferredCharge(id))).as(id).isEqualTo("INVALIDATED"));
        assertThat(load.settlementIds()).filteredOn(id -> !load.cancelled().contains(id) && !load.cancelUnknown().contains(id))
                .as("settlements nobody cancelled stay on the bill")
                .allSatisfy(id -> assertThat(states.get(EntryIds.transferredCharge(id))).as(id).isEqualTo("VALID"));
        assertThat(load.cancelUnknown()).as("cancellations left without a definitive answer").hasSizeLessThanOrEqualTo(1);
    }

    /** This billing period's ledger as {@code member} exports it while it serves (CSV). */
    private String ledger(String member) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lab.setting(member + ".ops.port")
                + "/billing/export.csv?date=" + LocalDate.now(ZoneOffset.UTC))).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void startTopology() throws Exception {
        startTopology(false);
    }

    /** The cluster, its home agent, the AAAF and the FA; with {@code shop} the shop's AAAY and terminal too. */
    private void startTopology(boolean shop) throws Exception {
        // the members log each fee entry they write (HomeAcrHandler), the AAAF each record a member
        // acknowledged (HomeAccountingForwarder), at DEBUG; the FA reports usage every 2 s
        lab = ClusterLab.prepare(CONFIG, dir, MOBILE_NODES, Map.of("aaaf:MIP_AAA_LOG_LEVEL", "DEBUG",
                "aaah:MIP_AAA_LOG_LEVEL", "DEBUG", "aaah2:MIP_AAA_LOG_LEVEL", "DEBUG", "aaah3:MIP_AAA_LOG_LEVEL", "DEBUG",
                "fa.accounting.interval.ms", "2000"));
        lab.start("aaah");
        assertThat(Eventually.within(START, () -> installed("aaah"))).as(lab.output("aaah")).isTrue();
        for (String node : shop ? List.of("aaah2", "aaah3", "ha", "aaaf", "fa", "aaay", "terminal")
                : List.of("aaah2", "aaah3", "ha", "aaaf", "fa")) {
            lab.start(node);
        }
        assertThat(Eventually.within(START, () -> aaafConnectedToEveryAaah() && ready("fa")
                && ClusterLab.AAAHS.stream().allMatch(this::installed))).as(lab.output("aaaf")).isTrue();
        if (shop) {
            assertThat(Eventually.within(START, () -> lab.readiness("aaay").contains("\"status\":\"UP\"")
                    && lab.readiness("terminal").contains("\"status\":\"UP\""))).as(lab.output("aaay")).isTrue();
        }
        assertThat(lab.readiness("aaah")).contains("cluster of").contains("aaah.home.example", "aaah2.home.example", "aaah3.home.example");
    }

    private boolean installed(String node) {
        String readiness = lab.readiness(node);
        return readiness.contains("\"handlers\":\"installed\"") && readiness.contains("\"state\":\"running");
    }

    private boolean ready(String node) {
        return installed(node) && !lab.readiness(node).contains("unavailable");
    }

    private boolean aaafConnectedToEveryAaah() {
        String aaaf = lab.readiness("aaaf");
        return aaaf.contains("\"status\":\"UP\"") && aaaf.contains("aaah.home.example,aaah2.home.example,aaah3.home.example");
    }

    private static final int AGENTS = 4;

    /** Mobile nodes' agents settling order A-1001 through the AAAF one after the other, the user confirming at once. */
    private final class Settlements {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService workers = Executors.newFixedThreadPool(AGENTS);
        private final List<String> settled = new CopyOnWriteArrayList<>();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger asked = new AtomicInteger();
        /** every third settlement is cancelled at once (right of withdrawal): those the AAAH confirmed cancelled */
        private final List<String> cancelled = new CopyOnWriteArrayList<>();
        /** cancellations without a definitive answer after every attempt: either state may hold */
        private final List<String> cancelUnknown = new CopyOnWriteArrayList<>();

        void start() {
            for (int i = 0; i < AGENTS; i++) {
                int n = i;
                workers.execute(() -> {
                    try (AaamAgent agent = agent(n)) {
                        while (running.get()) {
                            settleOnce(agent);
                        }
                    } catch (Exception e) {
                        log.warn("agent {} could not start", n, e);
                    }
                });
            }
        }

        private void settleOnce(AaamAgent agent) {
            try {
                PurchaseInfo info = agent.accountingInfo("shop@shop.example", "A-1001");
                int n = asked.incrementAndGet();
                String id = agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT,
                        new ConfirmingUser(ConfirmationCallback.Decision.OK, 0)).settlementId();
                settled.add(id);
                if (n % 3 == 0) {
                    cancel(agent, id);
                }
            } catch (ServiceException e) {
                failed.incrementAndGet();
                log.info("settlement not settled: {}", e.toString());
            }
        }

        /** Cancels {@code id}, asking again while the answer says nothing definitive (a member died with it). */
        private void cancel(AaamAgent agent, String id) {
            for (int attempt = 0; attempt < 4; attempt++) {
                try {
                    agent.cancel(id);
                    cancelled.add(id);
                    return;
                } catch (ServiceException e) {
                    if (e.failure() == ServiceException.Failure.ALREADY_CANCELLED) {
                        cancelled.add(id); // the first attempt was applied, its answer lost: refunded once
                        return;
                    }
                    log.info("cancellation of {} not confirmed: {}", id, e.toString());
                }
            }
            cancelUnknown.add(id);
        }

        List<String> cancelled() {
            return cancelled;
        }

        List<String> cancelUnknown() {
            return cancelUnknown;
        }

        private AaamAgent agent(int n) throws Exception {
            AgentEndpoint endpoint = AgentEndpoint.builder("127.0.0.1",
                            Integer.parseInt(lab.setting("aaaf.tls.port")), LabTls.context(lab.tls(), ClusterLab.host(n), lab.tls()))
                    .originHost(ClusterLab.host(n)).originRealm("home.example").expectedServer("aaaf.visited.example")
                    .application(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(8))
                    .build();
            return new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(ClusterLab.nai(n),
                    ClusterLab.aaamSpi(n), ClusterLab.key(n)), endpoint, new InMemoryReplayCounters(), VENDOR);
        }

        int settled() {
            return settled.size();
        }

        int failed() {
            return failed.get();
        }

        int asked() {
            return asked.get();
        }

        List<String> settlementIds() {
            return settled;
        }

        void awaitSettled(int count) throws InterruptedException {
            assertThat(Eventually.within(Duration.ofSeconds(120), () -> settled() >= count))
                    .as("settled " + settled() + ", failed " + failed()).isTrue();
        }

        void stop() throws InterruptedException {
            running.set(false);
            workers.shutdown();
            assertThat(workers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Mobile nodes registering one after the other, each a first registration (an AMR every time), until stopped. */
    private final class Load {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService workers = Executors.newFixedThreadPool(MOBILE_NODES);
        private final List<Long> acceptedAt = new CopyOnWriteArrayList<>();
        private final List<Long> failedAt = new CopyOnWriteArrayList<>();
        private final Map<String, Set<String>> addresses = new ConcurrentHashMap<>();

        void start() {
            InetSocketAddress fa = new InetSocketAddress("127.0.0.1", Integer.parseInt(lab.setting("fa.udp.port")));
            for (int i = 0; i < MOBILE_NODES; i++) {
                int n = i;
                workers.execute(() -> {
                    MobileNode mn = new MobileNode(ClusterLab.nai(n), MnAaaSecurityAssociation.of(256, ClusterLab.key(n)), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
                    while (running.get()) {
                        register(mn, fa);
                    }
                });
            }
        }

        private void register(MobileNode mn, InetSocketAddress fa) {
            try {
                // a challenge the foreign agent never gave is refused 104 with a fresh one (RFC 4721 §3.3)
                byte[] refusal = MobileIpUdp.exchange(fa, mn.firstRegistration(Ipv4.parse("127.0.0.1"), new byte[16], 600).bytes(),
                        Duration.ofSeconds(10));
                byte[] challenge = ((MnFaChallenge) RegistrationCodec.decodeReply(refusal).fields(MnFaChallenge.class).get(0).extension())
                        .challenge();
                MobileNode.FirstRegistration registration = mn.firstRegistration(Ipv4.parse("127.0.0.1"), challenge, 600);
                MobileNode.Outcome outcome = registration.accept(MobileIpUdp.exchange(fa, registration.bytes(), Duration.ofSeconds(15)));
                if (outcome.accepted()) {
                    acceptedAt.add(System.currentTimeMillis());
                    addresses.computeIfAbsent(mn.nai(), k -> ConcurrentHashMap.newKeySet()).add(Ipv4.format(outcome.homeAddress()));
                } else {
                    failedAt.add(System.currentTimeMillis());
                }
            } catch (Exception e) {
                failedAt.add(System.currentTimeMillis());
            }
        }

        int accepted() {
            return acceptedAt.size();
        }

        void awaitAccepted(int count) throws InterruptedException {
            assertThat(Eventually.within(Duration.ofSeconds(90), () -> accepted() >= count))
                    .as("accepted " + accepted() + ", failed " + failedAt.size()).isTrue();
        }

        void stop() throws InterruptedException {
            running.set(false);
            workers.shutdown();
            assertThat(workers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        List<Long> failures() {
            return failedAt;
        }

        Duration longestGap() {
            List<Long> at = acceptedAt.stream().sorted().toList();
            long longest = 0;
            for (int i = 1; i < at.size(); i++) {
                longest = Math.max(longest, at.get(i) - at.get(i - 1));
            }
            return Duration.ofMillis(longest);
        }

        Map<String, Set<String>> addressesByNai() {
            return addresses;
        }
    }
}
