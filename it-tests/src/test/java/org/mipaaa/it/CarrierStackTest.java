package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jdiameter.api.DisconnectCause;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.PeerTable;
import org.jdiameter.server.impl.StackImpl;
import org.jdiameter.server.impl.helpers.XMLConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.aaah.HomeAaaRole;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.Settlement;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.fa.UserPlaneRelay;
import org.mipaaa.install.Installation;
import org.mipaaa.install.MipAaa;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryContent;
import org.mipaaa.ledger.EntryKind;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.registration.InfinispanBindingTable;
import org.mipaaa.role.Role;
import org.mipaaa.settings.Settings;

/**
 * The AAAH applications on a carrier's own jDiameter Stack (issue: "the applications as a jDiameter
 * plugin"): the stack is built from a plain jDiameter XML of the kind jDiameter's examples use
 * (src/test/resources/carrier/jdiameter.xml: its peers and realms, jDiameter's own TCP transport, no
 * extension of this project), the AAAH's applications are installed on it with {@link MipAaa} before it
 * starts, exactly as the README shows a carrier, and the other roles are this project's nodes from
 * config/, linked to it by plain TCP. Registration, communication-fee accounting and a settlement with
 * the user's confirmation then run through it.
 */
class CarrierStackTest {

    private static final String MN1 = "mn1@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final String SHOP = "shop@shop.example";

    @TempDir
    static Path dir;

    private static TopologyFixture fixture;
    private static StackImpl carrierStack;
    private static Installation carrierAaah;
    private static final SimpleMeterRegistry carrierMeters = new SimpleMeterRegistry();
    private static DatagramSocket correspondent;

    @BeforeAll
    static void start() throws Exception {
        fixture = new TopologyFixture().start(EnumSet.of(Role.FA, Role.AAAF, Role.HA, Role.AAAY, Role.TERMINAL),
                RoleApplications.STANDARD, Map.of("link.security", "none", "fa.accounting.interval.ms", "1000"));

        // the carrier's side: its own jDiameter configuration, our AAAH settings (config/aaah) for the applications
        Map<String, String> overrides = new HashMap<>(fixture.overrides());
        overrides.put("state.directory", dir.resolve("carrier-state").toString());
        Settings aaahSettings = Settings.of(TopologyFixture.configRoot().resolve("aaah"), overrides);
        String xml = aaahSettings.resolve(Files.readString(Path.of("src/test/resources/carrier/jdiameter.xml")));
        carrierStack = new StackImpl();
        carrierStack.init(new XMLConfiguration(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        // the carrier's own meter registry (its Prometheus, JMX, ...), given to the installation
        carrierAaah = MipAaa.on(carrierStack, aaahSettings).meters(carrierMeters).install();
        carrierStack.start();
        assertThat(Eventually.within(Duration.ofSeconds(20),
                () -> carrierPeersUp().containsAll(Set.of("aaaf.visited.example", "ha.home.example", "aaay.shop.example"))))
                .as("the carrier's stack has its peer links").isTrue();

        correspondent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread echo = new Thread(CarrierStackTest::echo, "correspondent");
        echo.setDaemon(true);
        echo.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (correspondent != null) {
            correspondent.close();
        }
        if (fixture != null) {
            fixture.topology().node(Role.FA).closeAgents();
        }
        if (carrierStack != null) {
            carrierAaah.closeAgents();
            carrierStack.stop(5, TimeUnit.SECONDS, DisconnectCause.REBOOTING);
            carrierStack.destroy();
            carrierAaah.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static Set<String> carrierPeersUp() {
        try {
            return carrierStack.unwrap(PeerTable.class).getPeerTable().stream()
                    .filter(p -> p.getState(PeerState.class) == PeerState.OKAY)
                    .map(p -> p.getUri().getFQDN()).collect(java.util.stream.Collectors.toSet());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void echo() {
        byte[] buffer = new byte[65_535];
        while (!correspondent.isClosed()) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                correspondent.receive(p);
                correspondent.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    private static ForeignAgent fa() {
        return fixture.topology().node(Role.FA).installation().fa().agent();
    }

    private static MobileNode.Outcome register(MobileNode mn) throws Exception {
        ForeignAgent.Advertisement ad = fa().advertise();
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);
        return registration.accept(MobileIpUdp.exchange(ad.registrationAddress(), registration.bytes()));
    }

    private static List<AccountEntry> mn1Entries(EntryKind kind) {
        HomeAaaRole aaah = carrierAaah.aaah();
        return aaah.database().entries(MN1, aaah.accounts().queries().periodOf(Instant.now())).stream()
                .filter(e -> e.kind() == kind).toList();
    }

    @Test
    void s101ToS106_registrationThroughTheCarriersStack_andS31ToS14_theTrafficIsChargedThere() throws Exception {
        MobileNode mn = new MobileNode(MN1, MnAaaSecurityAssociation.of(256, MN1_KEY), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        MobileNode.Outcome registered = register(mn);

        // S101-S106: the AMR went FA -> AAAF -> the carrier's AAAH, whose HAR bound the address at the HA
        assertThat(registered.accepted()).as(String.valueOf(registered.problem())).isTrue();
        assertThat(carrierAaah.aaah().registration().sessions().current(MN1)).as("the AAAH's session of mn1").isPresent();
        assertThat(InfinispanBindingTable.in(fixture.topology().node(Role.HA).state()).find(registered.homeAddress()))
                .as("the HA's binding").isPresent();
        assertThat(fixture.events()).anyMatch(e -> e.command().equals("AMA") && e.from().equals("aaah.home.example")
                && e.to().equals("aaaf.visited.example") && Long.valueOf(2001).equals(e.resultCode()));

        // S31-S14: traffic through the FA's relay; its ACRs reach the carrier's AAAH, which charges them
        InetSocketAddress relay = fixture.topology().node(Role.FA).installation().fa().relay().address();
        InetSocketAddress peer = (InetSocketAddress) correspondent.getLocalSocketAddress();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            for (int size : new int[] {100, 200, 300}) {
                byte[] framed = UserPlaneRelay.frame(registered.homeAddress(), (java.net.Inet4Address) peer.getAddress(), peer.getPort(),
                        new byte[size], 0, size);
                socket.send(new DatagramPacket(framed, framed.length, relay));
                socket.receive(new DatagramPacket(new byte[65_535], 65_535));
            }
        }
        assertThat(Eventually.within(Duration.ofSeconds(15), () -> mn1Entries(EntryKind.COMMUNICATION_FEE).stream()
                .mapToLong(e -> ((EntryContent.CommunicationFee) e.content()).usage().packets()).sum() == 6))
                .as("3 datagrams each way charged at the carrier's AAAH").isTrue();

        // the applications' meters are on the carrier's own registry
        assertThat(carrierMeters.get("mip.registrations").tag("result", "2001").counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(carrierMeters.get("diameter.answers").tag("command", "AMR").tag("result", "2001").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(carrierMeters.get("mip.ledger.writes").tag("kind", "usage").tag("outcome", "written").counter().count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void s207ToS211_aSettlementThroughTheAaafIsChargedAtTheCarriersAaah() throws Exception {
        AgentEndpoint endpoint = AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(Role.AAAF), LabTls.context(fixture.tlsDirectory(), "mn1.home.example", fixture.tlsDirectory()))
                .originHost("mn1.home.example").originRealm("home.example").expectedServer(fixture.topology().node(Role.AAAF).host())
                .application(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(6)).build();
        ConfirmingUser user = new ConfirmingUser(ConfirmationCallback.Decision.OK, 0);
        BigDecimal shopBefore = fixture.topology().node(Role.AAAY).installation().aaay().ledger().balance(SHOP);
        Settlement settlement;
        try (AaamAgent agent = new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, 4097, MN1_KEY), endpoint,
                new InMemoryReplayCounters(), VENDOR)) {
            PurchaseInfo info = agent.accountingInfo(SHOP, "A-1001");
            settlement = agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT, user);
        }

        // the user confirmed the carrier AAAH's UCR, the AAAY booked -X, the carrier's AAAH +X
        assertThat(user.shown).singleElement().satisfies(p -> assertThat(p.settlementId()).isEqualTo(settlement.settlementId()));
        assertThat(mn1Entries(EntryKind.TRANSFERRED_CHARGE)).anySatisfy(e -> {
            assertThat(e.amount().amount()).isEqualByComparingTo("23.40");
            assertThat(e.isValid()).isTrue();
        });
        assertThat(fixture.topology().node(Role.AAAY).installation().aaay().ledger().balance(SHOP))
                .isEqualByComparingTo(shopBefore.subtract(new BigDecimal("23.40")));
        assertThat(fixture.topology().node(Role.TERMINAL).installation().terminal().notices().notice(settlement.settlementId()))
                .as("the shop's terminal was told").isPresent();
    }
}
