package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.jdiameter.client.api.IMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.mobileip.AuthenticationKind;
import org.mipaaa.mobileip.GeneralizedMnAaaAuthentication;
import org.mipaaa.mobileip.Identification;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MobileNodeNai;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.RequestFlag;
import org.mipaaa.mobileip.auth.KeyDerivation;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.registration.HomeAddressPool;
import org.mipaaa.registration.PendingTerminations;
import org.mipaaa.role.Role;

/**
 * STR and ASR of a Mobile IPv4 session as another vendor's foreign agent, home agent or AAAH sends
 * them, built byte for byte from the RFCs over TLS: Application-Id 0 in the header (RFC 4004 §4) or the
 * session's own, 2 (RFC 6733 §3 allows either; the Auth-Application-Id is 2 both ways), and a foreign
 * agent's STR through the AAAF (RFC 4004 §4.1.3: the mobility agents MUST issue it).
 */
class SessionCommandsTest {

    private static final String FA_HOST = "fa.visited.example";
    private static final String HA_HOST = "ha.home.example";
    private static final String AAAH_HOST = "aaah.home.example";
    private static final String HOME = "home.example";
    private static final String VISITED = "visited.example";
    private static final String MN1 = "mn1@home.example";
    /** mn1's MN-AAA security association, as config/aaah/subscribers.properties provisions it. */
    private static final MnAaaSecurityAssociation MN1_AAA = MnAaaSecurityAssociation.of(256,
            "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    static Path dir;

    /** The AAAF and the AAAH, their foreign agent and home agent played by raw peers. */
    private static TopologyFixture servers;
    /** The home agent alone, its AAAH played by a raw peer. */
    private static TopologyFixture homeAgent;
    private static Path tls;

    @BeforeAll
    static void start() throws Exception {
        tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), EnumSet.allOf(Role.class), Map.of()));
        PkiIssuer.issueAll(tls, "session commands lab CA", hosts, List.of());
        Map<String, String> overrides = Map.of("tls.dir", tls.toString());
        servers = new TopologyFixture().start(EnumSet.of(Role.AAAF, Role.AAAH), RoleApplications.STANDARD, overrides);
        homeAgent = new TopologyFixture().start(EnumSet.of(Role.HA), RoleApplications.STANDARD, overrides);
    }

    @AfterAll
    static void stop() {
        for (TopologyFixture f : new TopologyFixture[] {servers, homeAgent}) {
            if (f != null) {
                f.close();
            }
        }
    }

    @ParameterizedTest(name = "header Application-Id {0}")
    @ValueSource(longs = {ApplicationIds.COMMON_MESSAGES, ApplicationIds.MOBILE_IPV4})
    void s107_theHomeAgentsStrForASessionTheAaahNoLongerHasIsAnswered5002(long headerApplication) throws Exception {
        try (RawPeer ha = homeAgentDialledByTheAaah()) {
            ha.send(str(ha, headerApplication, HA_HOST, HOME, "aaah.home.example;1;no-such-har-" + headerApplication));
            IMessage sta = ha.readAnswer(HA_HOST, HOME);
            assertThat(sta.getApplicationId()).isEqualTo(headerApplication);
            assertThat(resultCode(sta)).as("not 3001: the command is served in either application")
                    .isEqualTo(ResultCodes.UNKNOWN_SESSION_ID);
            assertThat(sta.getAvps().getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity()).isEqualTo(AAAH_HOST);
        }
    }

    @Test
    void s107_anStrWithoutUserNameIsServedNotRefused5005() throws Exception {
        // RFC 6733 §8.4.1: User-Name is optional in the STR; the AAAH finds the node by the session, and
        // this one is of no registration here
        try (RawPeer ha = homeAgentDialledByTheAaah()) {
            IMessage str = str(ha, ApplicationIds.MOBILE_IPV4, HA_HOST, HOME, "aaah.home.example;1;no-user-name");
            str.getAvps().removeAvp(AvpCodes.USER_NAME);
            ha.send(str);

            IMessage sta = ha.readAnswer(HA_HOST, HOME);

            assertThat(resultCode(sta)).isEqualTo(ResultCodes.UNKNOWN_SESSION_ID);
            assertThat(sta.getAvps().getAvp(AvpCodes.USER_NAME)).isNull();
        }
    }

    @Test
    void aCoLocatedNodesAmrFromAnotherVendorsHomeAgentGetsItsKeysWithoutRegistrationReplyAndItsStrFreesTheAddress()
            throws Exception {
        String session = HA_HOST + ";1;co-located";
        HomeAddressPool pool = servers.topology().node(Role.AAAH).installation().aaah().registration().pool().orElseThrow();
        try (RawPeer ha = homeAgentDialledByTheAaah()) {
            ha.send(coLocatedAmr(ha, session));

            IMessage ama = ha.readAnswer(HA_HOST, HOME);

            assertThat(resultCode(ama)).isEqualTo(ResultCodes.SUCCESS);
            var avps = ama.getAvps();
            // RFC 4004 §5.2: MIP-Reg-Reply if and only if the node is not co-located; the MN-HA keys MUST be there
            assertThat(avps.getAvp(AvpCodes.MIP_REG_REPLY)).isNull();
            byte[] nonce = avps.getAvp(AvpCodes.MIP_MN_TO_HA_MSA).getGrouped().getAvp(AvpCodes.MIP_NONCE).getOctetString();
            byte[] key = avps.getAvp(AvpCodes.MIP_HA_TO_MN_MSA).getGrouped().getAvp(AvpCodes.MIP_SESSION_KEY).getOctetString();
            assertThat(key).as("RFC 3957 §5: the key mn1 derives from the nonce")
                    .isEqualTo(KeyDerivation.deriveKey(MN1_AAA.key(), nonce, MN1.getBytes(StandardCharsets.US_ASCII)));
            Inet4Address home = (Inet4Address) avps.getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS).getAddress();
            assertThat(pool.addressOf(MN1)).contains(home);
            assertThat(avps.getAvp(AvpCodes.AUTH_SESSION_STATE).getInteger32())
                    .as("stateful: the home agent ends it with an STR").isEqualTo(Enumerations.AUTH_SESSION_STATE_STATE_MAINTAINED);

            IMessage str = str(ha, ApplicationIds.MOBILE_IPV4, HA_HOST, HOME, session);
            str.setEndToEndIdentifier(str.getEndToEndIdentifier() + 1); // a new request in the AMR's session
            str.setHopByHopIdentifier(str.getHopByHopIdentifier() + 1);
            ha.send(str);
            IMessage sta = ha.readAnswer(HA_HOST, HOME);

            assertThat(resultCode(sta)).isEqualTo(ResultCodes.SUCCESS);
            assertThat(pool.addressOf(MN1)).as("freed on the home agent's STR").isEmpty();
        }
    }

    /**
     * The AMR a home agent sends for a co-located mobile node (RFC 4004 §3.3, §5.1): mn1's Registration
     * Request, D flag set, MN-AAA authenticated without a foreign agent's challenge (RFC 4721 §6), the
     * Co-Located-Mobile-Node bit and the home agent's Acct-Multi-Session-Id.
     */
    private static IMessage coLocatedAmr(RawPeer ha, String sessionId) {
        RegistrationPacket registration = RegistrationBuilder.request(RegistrationRequest.of(
                        EnumSet.of(RequestFlag.DECAPSULATION_BY_MOBILE_NODE), 1800, Ipv4.parse("0.0.0.0"), Ipv4.parse("10.1.0.1"),
                        Ipv4.parse("198.51.100.7"), Identification.ntpTimestamp(java.time.Instant.now(), 7)))
                .add(new MobileNodeNai(MN1))
                .add(new MnHaKeyGenerationNonceRequest(1000))
                .authenticate(AuthenticationKind.MN_AAA, MN1_AAA.forChallenge(MnAaaSecurityAssociation.COLOCATED_CHALLENGE))
                .build();
        long offset = registration.fields(GeneralizedMnAaaAuthentication.class).get(0).end() - 16;
        IMessage amr = request(ha, CommandCodes.AA_MOBILE_NODE, ApplicationIds.MOBILE_IPV4, HA_HOST, HOME, HOME, sessionId);
        var avps = amr.getAvps();
        avps.addAvp(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
        avps.addAvp(AvpCodes.USER_NAME, MN1, true, false, false);
        avps.addAvp(AvpCodes.MIP_REG_REQUEST, registration.bytes(), true, false);
        var auth = avps.addGroupedAvp(AvpCodes.MIP_MN_AAA_AUTH, true, false);
        auth.addAvp(AvpCodes.MIP_MN_AAA_SPI, MN1_AAA.spi(), true, false, true);
        auth.addAvp(AvpCodes.MIP_AUTH_INPUT_DATA_LENGTH, offset, true, false, true);
        auth.addAvp(AvpCodes.MIP_AUTHENTICATOR_LENGTH, 16L, true, false, true);
        auth.addAvp(AvpCodes.MIP_AUTHENTICATOR_OFFSET, offset, true, false, true);
        avps.addAvp(AvpCodes.ACCT_MULTI_SESSION_ID, HA_HOST + ";co-located", true, false, false);
        avps.addAvp(AvpCodes.MIP_FEATURE_VECTOR, (long) (Enumerations.MIP_FEATURE_VECTOR_CO_LOCATED_MOBILE_NODE
                | Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED
                | Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST), true, false, true);
        return amr;
    }

    @ParameterizedTest(name = "header Application-Id {0}")
    @ValueSource(longs = {ApplicationIds.COMMON_MESSAGES, ApplicationIds.MOBILE_IPV4})
    void aForeignAgentsStrReachesTheHomeRealmThroughTheAaaf(long headerApplication) throws Exception {
        try (RawPeer fa = connect(servers, Role.AAAF, FA_HOST, VISITED)) {
            fa.send(str(fa, headerApplication, FA_HOST, VISITED, FA_HOST + ";1;" + headerApplication));
            IMessage sta = fa.readAnswer(FA_HOST, VISITED);
            assertThat(sta.getApplicationId()).isEqualTo(headerApplication);
            // the AAAH judges it, not the AAAF: a session in which it accepted no registration is unknown
            // (RFC 6733 §7.1.5; the STR of a registered node's session is 2001, AmrHandlerTest.s107_*)
            assertThat(sta.getAvps().getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity()).isEqualTo(AAAH_HOST);
            assertThat(resultCode(sta)).isEqualTo(ResultCodes.UNKNOWN_SESSION_ID);
        }
    }

    @Test
    void aRequestForAServerThatIsNoPeerOfTheAaafIsForwardedByRealmNotRefused3002ByTheAaaf() throws Exception {
        String session = FA_HOST + ";1;to-a-server-behind-the-realm-route";
        try (RawPeer fa = connect(servers, Role.AAAF, FA_HOST, VISITED)) {
            IMessage str = str(fa, ApplicationIds.COMMON_MESSAGES, FA_HOST, VISITED, session);
            // the server that authorised the session, which the AAAF reaches only through its route to
            // home.example (here the AAAH; a relay in other deployments)
            str.getAvps().addAvp(AvpCodes.DESTINATION_HOST, "aaah2.home.example", true, false, true);
            fa.send(str);

            IMessage sta = fa.readAnswer(FA_HOST, VISITED);

            // RFC 6733 §6.1.5-§6.1.6: the AAAF forwards by realm; the home realm's server answers (it has
            // no route to aaah2 either: 3002 from it, not from the AAAF)
            assertThat(sta.getAvps().getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity()).isEqualTo(AAAH_HOST);
            assertThat(servers.events()).anyMatch(e -> e.command().equals("STR") && session.equals(e.sessionId())
                    && e.to().equals(AAAH_HOST));
        }
    }

    @Test
    void anAsrWithTheSessionsApplicationInItsHeaderIsServedAsOneWithZero() throws Exception {
        try (RawPeer aaah = connect(homeAgent, Role.HA, AAAH_HOST, HOME)) {
            long[] results = new long[2];
            long[] applications = {ApplicationIds.COMMON_MESSAGES, ApplicationIds.MOBILE_IPV4};
            for (int i = 0; i < applications.length; i++) {
                IMessage asr = request(aaah, CommandCodes.ABORT_SESSION, applications[i], AAAH_HOST, HOME, HOME,
                        AAAH_HOST + ";1;no-such-har-" + i);
                asr.getAvps().addAvp(AvpCodes.DESTINATION_HOST, HA_HOST, true, false, true);
                asr.getAvps().addAvp(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
                asr.getAvps().addAvp(AvpCodes.USER_NAME, MN1, true, false, false);
                aaah.send(asr);
                IMessage asa = aaah.readAnswer(AAAH_HOST, HOME);
                assertThat(asa.getApplicationId()).isEqualTo(applications[i]);
                results[i] = resultCode(asa);
            }
            assertThat(results).containsExactly(ResultCodes.UNKNOWN_SESSION_ID, ResultCodes.UNKNOWN_SESSION_ID);
        }
    }

    @Test
    void s105_anHarWithPacketFilterRulesIsAnswered4008AndBindsNothing() throws Exception {
        try (RawPeer aaah = connect(homeAgent, Role.HA, AAAH_HOST, HOME)) {
            IMessage har = har(aaah, AAAH_HOST + ";1;filtered-har");
            // RFC 4004 §7.8: rules the AAAH sets for the home agent to apply to the node's traffic
            har.getAvps().addAvp(AvpCodes.MIP_FILTER_RULE, "permit in ip from 10.1.0.150 to any", true, false, false);
            aaah.send(har);

            IMessage haa = aaah.readAnswer(AAAH_HOST, HOME);

            // RFC 4004 §6.1: DIAMETER_ERROR_MIP_FILTER_NOT_SUPPORTED, not a binding served unfiltered
            assertThat(resultCode(haa)).isEqualTo(ResultCodes.ERROR_MIP_FILTER_NOT_SUPPORTED);
            assertThat(haa.getAvps().getAvp(AvpCodes.MIP_REG_REPLY)).isNull();
            assertThat(org.mipaaa.registration.InfinispanBindingTable.in(homeAgent.topology().node(Role.HA).state())
                    .withSession(AAAH_HOST + ";1;filtered-har")).isEmpty();
        }
    }

    @Test
    void s105_anHarWithoutMnHaKeysForANodeThatAskedForNoneIs5012AndBindsNothing() throws Exception {
        String session = AAAH_HOST + ";1;static-mn-ha";
        // RFC 3957 §3: the node asked for no keys, so another vendor's AAAH sends none; this home agent
        // holds no static MN-HA association, and says so rather than bind a node it cannot authenticate
        RegistrationPacket registration = RegistrationBuilder.request(RegistrationRequest.of(EnumSet.noneOf(RequestFlag.class), 1800,
                        Ipv4.parse("0.0.0.0"), Ipv4.parse("10.1.0.1"), Ipv4.parse("198.51.100.7"),
                        Identification.ntpTimestamp(java.time.Instant.now(), 9)))
                .add(new MobileNodeNai(MN1))
                .authenticate(AuthenticationKind.MN_AAA, MN1_AAA.forChallenge(MnAaaSecurityAssociation.COLOCATED_CHALLENGE))
                .build();
        try (RawPeer aaah = connect(homeAgent, Role.HA, AAAH_HOST, HOME)) {
            IMessage har = request(aaah, CommandCodes.HOME_AGENT_MIP, ApplicationIds.MOBILE_IPV4, AAAH_HOST, HOME, HOME, session);
            var avps = har.getAvps();
            avps.addAvp(AvpCodes.DESTINATION_HOST, HA_HOST, true, false, true);
            avps.addAvp(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
            avps.addAvp(AvpCodes.AUTHORIZATION_LIFETIME, 1800L, true, false, true);
            avps.addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_STATE_MAINTAINED, true, false);
            avps.addAvp(AvpCodes.MIP_REG_REQUEST, registration.bytes(), true, false);
            avps.addAvp(AvpCodes.USER_NAME, MN1, true, false, false);
            avps.addAvp(AvpCodes.MIP_FEATURE_VECTOR, (long) Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED,
                    true, false, true);
            aaah.send(har);

            IMessage haa = aaah.readAnswer(AAAH_HOST, HOME);

            assertThat(resultCode(haa)).isEqualTo(ResultCodes.UNABLE_TO_COMPLY);
            assertThat(haa.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).contains("no MN-HA security association");
            assertThat(org.mipaaa.registration.InfinispanBindingTable.in(homeAgent.topology().node(Role.HA).state())
                    .withSession(session)).isEmpty();
        }
    }

    @Test
    void s105_anHarContinuingASessionTheHomeAgentHasEndedIsAnswered5002() throws Exception {
        String ended = AAAH_HOST + ";1;ended-at-the-home-agent";
        // the binding of that session lapsed and its STR waits for the AAAH's answer
        PendingTerminations.in(homeAgent.topology().node(Role.HA).state())
                .add(new PendingTerminations.Termination(ended, MN1, Enumerations.TERMINATION_CAUSE_DIAMETER_AUTH_EXPIRED));
        try (RawPeer aaah = connect(homeAgent, Role.HA, AAAH_HOST, HOME)) {
            aaah.send(har(aaah, ended));

            IMessage haa = aaah.readAnswer(AAAH_HOST, HOME);

            // RFC 4004 §4.1.1: a stateful AAAH sends one Session-Id for the node's session; once the home
            // agent has ended it, the AAAH must start a new one (AmrHandler does)
            assertThat(resultCode(haa)).isEqualTo(ResultCodes.UNKNOWN_SESSION_ID);
        } finally {
            PendingTerminations.in(homeAgent.topology().node(Role.HA).state()).remove(ended);
        }
    }

    /**
     * An HAR (RFC 4004 §5.3) of the AAAH in {@code sessionId} with what its CCF requires; the
     * MIP-Reg-Request is no Registration Request, which a home agent finds only when it decodes it.
     */
    private static IMessage har(RawPeer aaah, String sessionId) {
        IMessage har = request(aaah, CommandCodes.HOME_AGENT_MIP, ApplicationIds.MOBILE_IPV4, AAAH_HOST, HOME, HOME, sessionId);
        var avps = har.getAvps();
        avps.addAvp(AvpCodes.DESTINATION_HOST, HA_HOST, true, false, true);
        avps.addAvp(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
        avps.addAvp(AvpCodes.AUTHORIZATION_LIFETIME, 1800L, true, false, true);
        avps.addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_STATE_MAINTAINED, true, false);
        avps.addAvp(AvpCodes.MIP_REG_REQUEST, new byte[] {1, 0, 0, 0}, true, false);
        avps.addAvp(AvpCodes.USER_NAME, MN1, true, false, false);
        avps.addAvp(AvpCodes.MIP_FEATURE_VECTOR, (long) Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST, true, false, true);
        return har;
    }

    /**
     * Another vendor's home agent: the AAAH dials its home agent (config/aaah/jdiameter.xml), so this one
     * listens on the home agent's port with its certificate and answers the AAAH's CER.
     */
    private static RawPeer homeAgentDialledByTheAaah() throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) LabTls.context(tls, HA_HOST, tls).getServerSocketFactory()
                .createServerSocket(servers.tlsPort(Role.HA), 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            listener.setSoTimeout(30_000);
            SSLSocket socket = (SSLSocket) listener.accept();
            socket.startHandshake();
            RawPeer ha = new RawPeer(socket);
            IMessage cer = ha.read();
            assertThat(cer.getCommandCode()).isEqualTo(CommandCodes.CAPABILITIES_EXCHANGE);
            ha.send(ha.capabilitiesExchangeAnswer(cer, HA_HOST, HOME, ApplicationIds.MOBILE_IPV4));
            assertThat(servers.topology().node(Role.AAAH).awaitPeers(Set.of(HA_HOST), Duration.ofSeconds(10))).isTrue();
            return ha;
        }
    }

    /** {@code host} over TLS to {@code server}'s node, past CER/CEA (advertising application 2). */
    private static RawPeer connect(TopologyFixture fixture, Role server, String host, String realm) throws Exception {
        RawPeer peer = RawPeer.overTls(tls, host, fixture.tlsPort(server));
        IMessage cea = peer.capabilitiesExchange(host, realm, ApplicationIds.MOBILE_IPV4);
        assertThat(resultCode(cea)).as("CEA of " + host).isEqualTo(ResultCodes.SUCCESS);
        assertThat(fixture.topology().node(server).awaitPeers(Set.of(host), Duration.ofSeconds(10))).isTrue();
        return peer;
    }

    /** An STR of RFC 6733 §8.4.1 / RFC 4004 §4.1.3 for mn1's session, logged out. */
    private static IMessage str(RawPeer peer, long headerApplication, String host, String realm, String sessionId) {
        IMessage str = request(peer, CommandCodes.SESSION_TERMINATION, headerApplication, host, realm, HOME, sessionId);
        str.getAvps().addAvp(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
        str.getAvps().addAvp(AvpCodes.TERMINATION_CAUSE, Enumerations.TERMINATION_CAUSE_DIAMETER_LOGOUT, true, false);
        str.getAvps().addAvp(AvpCodes.USER_NAME, MN1, true, false, false);
        return str;
    }

    private static IMessage request(RawPeer peer, int command, long application, String host, String realm,
                                    String destinationRealm, String sessionId) {
        IMessage m = peer.request(command, application, host, realm);
        m.getAvps().removeAvp(AvpCodes.SESSION_ID);
        m.getAvps().insertAvp(0, AvpCodes.SESSION_ID, sessionId, false);
        m.getAvps().addAvp(AvpCodes.DESTINATION_REALM, destinationRealm, true, false, true);
        long id = Math.abs((long) sessionId.hashCode());
        m.setEndToEndIdentifier(id);
        m.setHopByHopIdentifier(id);
        return m;
    }

    private static long resultCode(IMessage answer) throws Exception {
        return answer.getAvps().getAvp(AvpCodes.RESULT_CODE).getUnsigned32();
    }
}
