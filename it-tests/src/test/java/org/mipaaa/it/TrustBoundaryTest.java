package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdiameter.api.Avp;
import org.jdiameter.client.api.IMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;
import org.mipaaa.trace.TraceEvent;

/**
 * The attacks of issue 14 that a peer makes with its own, valid certificate: each over a real TLS
 * connection to a node started from config/, the attacker a bare socket sending the bytes the issue
 * describes, and each refused before any handler acts, with nothing written.
 */
class TrustBoundaryTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long SERVICES = VENDOR.accountingServicesApplicationId();
    private static final String MN1 = "mn1@home.example";
    private static final String MN1_HOST = "mn1.home.example";
    private static final String MN2_HOST = "mn2.home.example";
    private static final String HA_HOST = "ha.home.example";
    private static final String TERMINAL_HOST = "terminal.shop.example";

    @TempDir
    static Path dir;

    private static TopologyFixture fixture;
    private static Path tls;

    @BeforeAll
    static void start() throws Exception {
        Set<Role> roles = EnumSet.of(Role.AAAF, Role.AAAH, Role.HA, Role.AAAY, Role.TERMINAL);
        tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of()));
        PkiIssuer.issueAll(tls, "trust boundary lab CA", hosts, List.of(MN1_HOST, MN2_HOST));
        fixture = new TopologyFixture().start(roles, RoleApplications.STANDARD, Map.of("tls.dir", tls.toString()));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static DiameterNode node(Role role) {
        return fixture.topology().node(role);
    }

    /** {@code host}, with its own certificate, connected over TLS to {@code server} and past CER/CEA. */
    private static RawPeer connectAs(String host, String realm, Role server) throws Exception {
        RawPeer peer = RawPeer.overTls(tls, host, fixture.tlsPort(server));
        IMessage cer = peer.capabilitiesExchangeRequest(host, realm, ApplicationIds.MOBILE_IPV4);
        cer.getAvps().addAvp(AvpCodes.ACCT_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
        // the services application is the vendor's (RFC 6733 §6.11), as the AAAM agent advertises it
        var services = cer.getAvps().addGroupedAvp(AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID, true, false);
        services.addAvp(AvpCodes.VENDOR_ID, VENDOR.vendorId(), true, false, true);
        services.addAvp(AvpCodes.AUTH_APPLICATION_ID, SERVICES, true, false, true);
        peer.send(cer);
        IMessage cea = peer.read();
        assertThat(cea.getAvps().getAvp(AvpCodes.RESULT_CODE).getUnsigned32()).as("CEA of " + host).isEqualTo(ResultCodes.SUCCESS);
        // the node sends its CEA before its peer state machine has opened the peer (jDiameter)
        assertThat(node(server).awaitPeers(Set.of(host), Duration.ofSeconds(10))).as("%s open at %s", host, server).isTrue();
        return peer;
    }

    /** A request of {@code command} as {@code originHost} of {@code realm}, for {@code destinationRealm}. */
    private static IMessage request(RawPeer peer, int command, long application, String originHost, String realm,
                                    String destinationRealm, long endToEnd) {
        IMessage m = peer.request(command, application, originHost, realm);
        m.getAvps().addAvp(AvpCodes.DESTINATION_REALM, destinationRealm, true, false, true);
        m.setEndToEndIdentifier(endToEnd);
        m.setHopByHopIdentifier(endToEnd);
        return m;
    }

    /**
     * A request of the services application as RFC 6733 §6.11 has it: Vendor-Specific-Application-Id and
     * Auth-Session-State after the header AVPs (the AAAM agent's ServiceRequestHeader writes the same).
     */
    private static IMessage servicesRequest(RawPeer peer, int command, String originHost, String realm, String destinationRealm,
                                            long endToEnd) {
        IMessage m = request(peer, command, SERVICES, originHost, realm, destinationRealm, endToEnd);
        var vsa = m.getAvps().addGroupedAvp(AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID, true, false);
        vsa.addAvp(AvpCodes.VENDOR_ID, VENDOR.vendorId(), true, false, true);
        vsa.addAvp(AvpCodes.AUTH_APPLICATION_ID, SERVICES, true, false, true);
        m.getAvps().addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
        return m;
    }

    /** The result of the answer {@code peer} gets next (as {@code host}, answering watchdogs meanwhile). */
    private static long answered(RawPeer peer, String host) throws Exception {
        return resultCode(peer.readAnswer(host, host.substring(host.indexOf('.') + 1)));
    }

    private static long resultCode(IMessage answer) throws Exception {
        Avp rc = answer.getAvps().getAvp(AvpCodes.RESULT_CODE);
        assertThat(rc).as("Result-Code of answer to command " + answer.getCommandCode()).isNotNull();
        return rc.getUnsigned32();
    }

    /** An ACR (RFC 6733 §9.7.1, application 2) for {@code userName} and a session time of 46 days, as attack 1 sent it. */
    private static IMessage forgedAcr(RawPeer peer, String originHost, long endToEnd) {
        IMessage acr = request(peer, CommandCodes.ACCOUNTING, ApplicationIds.MOBILE_IPV4, originHost, "home.example", "home.example",
                endToEnd);
        acr.getAvps().addAvp(AvpCodes.ACCOUNTING_RECORD_TYPE, Enumerations.ACCOUNTING_RECORD_TYPE_EVENT_RECORD, true, false);
        acr.getAvps().addAvp(AvpCodes.ACCOUNTING_RECORD_NUMBER, 0L, true, false, true);
        acr.getAvps().addAvp(AvpCodes.ACCT_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
        acr.getAvps().addAvp(AvpCodes.USER_NAME, MN1, true, false, false);
        acr.getAvps().addAvp(AvpCodes.ACCT_SESSION_TIME, 4_000_000L, true, false, true);
        return acr;
    }

    private static List<AccountEntry> mn1Entries() {
        var accounts = node(Role.AAAH).installation().aaah().accounts();
        return accounts.database().entries(MN1, accounts.queries().periodOf(Instant.now()));
    }

    @Test
    void attack1_aMobileNodeCannotChargeAnotherSubscriberStraightAtTheAaah() throws Exception {
        int before = mn1Entries().size();
        try (RawPeer mn2 = connectAs(MN2_HOST, "home.example", Role.AAAH)) {
            mn2.send(forgedAcr(mn2, MN2_HOST, 0x1001));
            assertThat(answered(mn2, MN2_HOST)).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        }
        assertThat(mn1Entries()).hasSize(before);
    }

    @Test
    void attack1_aMobileNodeCannotChargeAnotherSubscriberThroughTheAaaf() throws Exception {
        int before = mn1Entries().size();
        int queued = node(Role.AAAF).installation().aaaf().outbox().size();
        try (RawPeer mn2 = connectAs(MN2_HOST, "home.example", Role.AAAF)) {
            mn2.send(forgedAcr(mn2, MN2_HOST, 0x1002));
            assertThat(answered(mn2, MN2_HOST)).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        }
        assertThat(node(Role.AAAF).installation().aaaf().outbox().size()).as("nothing stored to forward").isEqualTo(queued);
        assertThat(mn1Entries()).hasSize(before);
    }

    @Test
    void attack4_aShopTerminalSendsItsAaayNoPurchaseInfoPaymentNoticeOrCancellation() throws Exception {
        fixture.topology().stop(Role.TERMINAL); // the attacker holds the terminal's certificate and takes its place
        try (RawPeer terminal = connectAs(TERMINAL_HOST, "shop.example", Role.AAAY)) {
            IMessage pir = servicesRequest(terminal, CommandCodes.PURCHASE_INFORMATION, TERMINAL_HOST, "shop.example", "shop.example", 0x4001);
            pir.getAvps().addAvp(AvpCodes.USER_NAME, MN1, true, false, false);
            pir.getAvps().addAvp(VendorAvpCodes.PAYEE_ID, "kiosk@shop.example", VENDOR.vendorId(), true, false, false);
            pir.getAvps().addAvp(VendorAvpCodes.ORDER_REFERENCE, "K-77", VENDOR.vendorId(), true, false, false);
            terminal.send(pir);
            assertThat(answered(terminal, TERMINAL_HOST)).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);

            String randomId = "forged-" + System.nanoTime();
            IMessage scr = servicesRequest(terminal, CommandCodes.SETTLEMENT_CANCEL, TERMINAL_HOST, "shop.example", "shop.example", 0x4002);
            scr.getAvps().addAvp(AvpCodes.USER_NAME, MN1, true, false, false);
            scr.getAvps().addAvp(VendorAvpCodes.SETTLEMENT_ID, randomId, VENDOR.vendorId(), true, false, false);
            terminal.send(scr);
            assertThat(answered(terminal, TERMINAL_HOST)).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
            assertThat(node(Role.AAAY).installation().aaay().ledger().find(randomId)).as("no void record stored").isEmpty();

            IMessage pnr = servicesRequest(terminal, CommandCodes.PAYMENT_NOTIFICATION, TERMINAL_HOST, "shop.example", "shop.example",
                    0x4003);
            pnr.getAvps().addAvp(AvpCodes.USER_NAME, MN1, true, false, false);
            pnr.getAvps().addAvp(VendorAvpCodes.SETTLEMENT_ID, randomId, VENDOR.vendorId(), true, false, false);
            terminal.send(pnr);
            assertThat(answered(terminal, TERMINAL_HOST)).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
            assertThat(node(Role.AAAY).installation().aaay().ledger().find(randomId)).isEmpty();
        } finally {
            DiameterNode restarted = fixture.topology().restart(Role.TERMINAL);
            assertThat(node(Role.AAAY).awaitPeers(Set.of(restarted.host()), Duration.ofSeconds(20))).isTrue();
        }
    }

    @Test
    void attack5_aMobileNodeWritingTheHomeAgentsOriginHostFreesNoAddress() throws Exception {
        try (RawPeer mn2 = connectAs(MN2_HOST, "home.example", Role.AAAH)) {
            // Application-Id 0, as RFC 4004 §6 says for STR and as the AAAH serves it
            IMessage str = request(mn2, CommandCodes.SESSION_TERMINATION, ApplicationIds.COMMON_MESSAGES, HA_HOST, "home.example", "home.example",
                    0x5001);
            str.getAvps().addAvp(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
            str.getAvps().addAvp(AvpCodes.TERMINATION_CAUSE, Enumerations.TERMINATION_CAUSE_DIAMETER_LOGOUT, true, false);
            str.getAvps().addAvp(AvpCodes.USER_NAME, MN1, true, false, false);
            mn2.send(str);
            assertThat(answered(mn2, MN2_HOST)).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);

            // nor may it send a registration (AMR) of its own: only a foreign agent's AAAF does
            IMessage amr = request(mn2, CommandCodes.AA_MOBILE_NODE, ApplicationIds.MOBILE_IPV4, MN2_HOST, "home.example", "home.example",
                    0x5002);
            amr.getAvps().addAvp(AvpCodes.USER_NAME, MN1, true, false, false);
            mn2.send(amr);
            assertThat(answered(mn2, MN2_HOST)).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        }
        assertThat(fixture.events()).noneMatch(e -> e.command().equals("STR") && e.from().equals(MN2_HOST) && !e.error()
                && Long.valueOf(ResultCodes.SUCCESS).equals(e.resultCode()));
    }

    @Test
    void attack8_anotherMobileNodesEndToEndIdentifierGetsItsOwnAnswerNeverTheFirstOnes() throws Exception {
        Instant since = Instant.now();
        try (AaamAgent agent = new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, 4097,
                "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII)),
                AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(Role.AAAH), LabTls.context(tls, MN1_HOST, tls))
                        .originHost(MN1_HOST).originRealm("home.example").expectedServer("aaah.home.example")
                        .application(VENDOR.vendorId(), SERVICES).build(),
                new InMemoryReplayCounters(), VENDOR)) {
            agent.communicationCharges(java.time.YearMonth.now());
        }
        TraceEvent cqr = fixture.events().stream().filter(e -> !e.time().isBefore(since) && e.command().equals("CQR")
                && e.from().equals(MN1_HOST)).findFirst().orElseThrow();
        try (RawPeer mn2 = connectAs(MN2_HOST, "home.example", Role.AAAH)) {
            // as mn1, under mn1's End-to-End Identifier: refused, it is not mn1
            IMessage asMn1 = servicesRequest(mn2, CommandCodes.PURCHASE_INFORMATION, MN1_HOST, "home.example", "home.example",
                    cqr.endToEnd());
            mn2.send(asMn1);
            IMessage refused = mn2.readAnswer(MN2_HOST, "home.example");
            assertThat(refused.getCommandCode()).isEqualTo(CommandCodes.PURCHASE_INFORMATION);
            assertThat(resultCode(refused)).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
            // as itself, under that identifier: its own request, answered on its own (not mn1's CQA)
            IMessage own = servicesRequest(mn2, CommandCodes.PURCHASE_INFORMATION, MN2_HOST, "home.example", "home.example",
                    cqr.endToEnd());
            mn2.send(own);
            IMessage answer = mn2.readAnswer(MN2_HOST, "home.example");
            assertThat(answer.getCommandCode()).isEqualTo(CommandCodes.PURCHASE_INFORMATION);
            assertThat(answer.getAvps().getAvp(AvpCodes.SESSION_ID).getUTF8String())
                    .isEqualTo(own.getAvps().getAvp(AvpCodes.SESSION_ID).getUTF8String());
            assertThat(answer.getAvps().getAvp(VendorAvpCodes.BILLING_PERIOD, VENDOR.vendorId())).isNull();
        }
    }

    @Test
    void attack7_proxyInfoNestedTwentyThousandDeepIsAnswered5004AtOnce() throws Exception {
        try (RawPeer mn2 = connectAs(MN2_HOST, "home.example", Role.AAAH)) {
            IMessage cqr = servicesRequest(mn2, CommandCodes.CHARGE_QUERY, MN2_HOST, "home.example", "home.example", 0x7001);
            cqr.getAvps().addAvp(AvpCodes.USER_NAME, "mn2@home.example", true, false, false);
            cqr.getAvps().addAvp(VendorAvpCodes.BILLING_PERIOD, "2026-12", VENDOR.vendorId(), true, false, false);
            cqr.getAvps().addAvp(AvpCodes.PROXY_INFO, nestedProxyInfo(20_000), true, false);
            long start = System.nanoTime();
            mn2.send(cqr);
            IMessage answer = mn2.readAnswer(MN2_HOST, "home.example");
            assertThat(resultCode(answer)).isEqualTo(ResultCodes.INVALID_AVP_VALUE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered, not worked on").isLessThan(Duration.ofSeconds(5));
        }
    }

    /** The contents of a Proxy-Info holding Proxy-Host, Proxy-State and, {@code depth} times over, another Proxy-Info. */
    private static byte[] nestedProxyInfo(int depth) {
        byte[] host = avp(AvpCodes.PROXY_HOST, "relay.interop.example".getBytes(StandardCharsets.US_ASCII));
        byte[] state = avp(AvpCodes.PROXY_STATE, new byte[] {1, 2, 3, 4});
        int level = host.length + state.length;
        ByteBuffer b = ByteBuffer.allocate(level + (depth - 1) * (8 + level));
        for (int i = 0; i < depth; i++) {
            b.put(host).put(state);
            if (i < depth - 1) {
                b.putInt(AvpCodes.PROXY_INFO);
                b.putInt((0x40 << 24) | (4 + b.remaining())); // the rest of the buffer after the code: this length field on
            }
        }
        return b.array();
    }

    /** An AVP's bytes (RFC 6733 §4.1), M bit set, padded to 32 bits. */
    private static byte[] avp(int code, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + ((data.length + 3) & ~3));
        b.putInt(code).putInt((0x40 << 24) | (8 + data.length)).put(data);
        return b.array();
    }
}
