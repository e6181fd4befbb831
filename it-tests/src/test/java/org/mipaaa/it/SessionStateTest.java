package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.jdiameter.client.api.IMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationReply;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;

/**
 * Our foreign agent behind another vendor's AAAF/AAAH, played by a raw peer built from the RFCs: the
 * AMA's Auth-Session-State binds (RFC 6733 §8.11). NO_STATE_MAINTAINED: the server keeps no state and
 * no STR follows the visit. STATE_MAINTAINED, or no Auth-Session-State at all (its default): when the
 * visit lapses the foreign agent MUST send the STR (RFC 4004 §4.1.3) in the AMR's session, Application-Id
 * 2 in the header (RFC 6733 §3: the same as its Auth-Application-Id) and Auth-Application-Id 2, to the
 * server that authorised it (the AMA's Origin-Host).
 */
class SessionStateTest {

    private static final String FA_HOST = "fa.visited.example";
    private static final String AAAF_HOST = "aaaf.visited.example";
    private static final String AAAH_HOST = "aaah.home.example";
    private static final String VISITED = "visited.example";
    private static final String HOME = "home.example";
    private static final String MN1 = "mn1@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    /** The lifetime the other vendor's home side grants: short, so the visit lapses within the test. */
    private static final int LIFETIME = 2;
    private static final Dictionary DICTIONARY = Dictionary.bundled();

    @TempDir
    static Path dir;

    private static TopologyFixture foreignAgent;
    private static RawPeer aaaf;

    @BeforeAll
    static void start() throws Exception {
        Path tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), EnumSet.allOf(Role.class), Map.of()));
        PkiIssuer.issueAll(tls, "session state lab CA", hosts, List.of());
        foreignAgent = new TopologyFixture().start(EnumSet.of(Role.FA), RoleApplications.STANDARD, Map.of("tls.dir", tls.toString()));
        aaaf = aaafDialledByTheForeignAgent(tls);
    }

    @AfterAll
    static void stop() throws Exception {
        if (aaaf != null) {
            aaaf.close();
        }
        if (foreignAgent != null) {
            foreignAgent.close();
        }
    }

    @Test
    void aVisitWhoseAaahKeepsNoStateEndsWithItsStopRecordAndNoStr() throws Exception {
        String session = registerWith(OptionalInt.of(Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED), false, ReplyCode.ACCEPTED);

        List<IMessage> after = requestsUntilTheVisitsStop(session);

        assertThat(after).as("no STR: the server said it keeps no state")
                .noneMatch(m -> m.getCommandCode() == CommandCodes.SESSION_TERMINATION);
    }

    @Test
    void aVisitWhoseAmaSaysNothingOfItsStateIsEndedWithAnStrWhenItLapses() throws Exception {
        // RFC 6733 §8.11: STATE_MAINTAINED is the default
        String session = registerWith(OptionalInt.empty(), false, ReplyCode.ACCEPTED);

        List<IMessage> after = requestsUntilTheVisitsStop(session);

        List<IMessage> strs = after.stream().filter(m -> m.getCommandCode() == CommandCodes.SESSION_TERMINATION).toList();
        assertThat(strs).hasSize(1);
        IMessage str = strs.get(0);
        assertThat(str.getSessionId()).isEqualTo(session);
        assertThat(str.getApplicationId()).as("header Application-Id (RFC 6733 §3)").isEqualTo(ApplicationIds.MOBILE_IPV4);
        assertThat(str.getAvps().getAvp(AvpCodes.AUTH_APPLICATION_ID).getUnsigned32()).isEqualTo(ApplicationIds.MOBILE_IPV4);
        assertThat(str.getAvps().getAvp(AvpCodes.DESTINATION_REALM).getDiameterIdentity()).isEqualTo(HOME);
        assertThat(str.getAvps().getAvp(AvpCodes.DESTINATION_HOST).getDiameterIdentity())
                .as("the server that authorised the session").isEqualTo(AAAH_HOST);
        assertThat(str.getAvps().getAvp(AvpCodes.TERMINATION_CAUSE).getInteger32())
                .isEqualTo(Enumerations.TERMINATION_CAUSE_DIAMETER_AUTH_EXPIRED);
        assertThat(str.getAvps().getAvp(AvpCodes.USER_NAME).getUTF8String()).isEqualTo(MN1);
    }

    @Test
    void aVisitWithPacketFilterRulesTheForeignAgentCannotApplyIsRefused65AndItsSessionEndedWithAnStr() throws Exception {
        String session = registerWith(OptionalInt.of(Enumerations.AUTH_SESSION_STATE_STATE_MAINTAINED), true,
                ReplyCode.FA_ADMINISTRATIVELY_PROHIBITED);

        IMessage str = aaaf.nextRequest(AAAF_HOST, VISITED, Duration.ofSeconds(15)).orElseThrow();

        // RFC 6733 §8.4: "The access device also MUST issue an STR for a session that was authorized but
        // never actually started ... because the access device does not support a mandatory AVP returned
        // in the authorization"
        assertThat(str.getCommandCode()).as("no accounting: the visit never started").isEqualTo(CommandCodes.SESSION_TERMINATION);
        assertThat(str.getSessionId()).isEqualTo(session);
        assertThat(str.getAvps().getAvp(AvpCodes.TERMINATION_CAUSE).getInteger32())
                .isEqualTo(Enumerations.TERMINATION_CAUSE_DIAMETER_SERVICE_NOT_PROVIDED);
        IMessage sta = aaaf.answer(str, ResultCodes.SUCCESS, AAAF_HOST, VISITED);
        sta.getAvps().addAvp(str.getAvps().getAvp(AvpCodes.USER_NAME));
        aaaf.send(sta);
    }

    /**
     * mn1's first registration through our foreign agent, answered by the other vendor's side with an
     * AMA of {@code authSessionState} (absent if empty) and, if {@code withFilterRule}, a MIP-Filter-Rule
     * for the foreign agent; the mobile node's reply is {@code expectedReply}. Returns the AMR's Session-Id.
     */
    private static String registerWith(OptionalInt authSessionState, boolean withFilterRule, int expectedReply) throws Exception {
        ForeignAgent.Advertisement ad = foreignAgent.topology().node(Role.FA).installation().fa().agent().advertise();
        MobileNode mn = new MobileNode(MN1, MnAaaSecurityAssociation.of(256, MN1_KEY), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), LIFETIME);
        CompletableFuture<byte[]> reply = CompletableFuture.supplyAsync(() -> {
            try {
                return MobileIpUdp.exchange(ad.registrationAddress(), registration.bytes());
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        IMessage amr = aaaf.nextRequest(AAAF_HOST, VISITED, Duration.ofSeconds(15)).orElseThrow();
        assertThat(amr.getCommandCode()).isEqualTo(CommandCodes.AA_MOBILE_NODE);
        RegistrationRequest asked = RegistrationCodec.decodeRequest(amr.getAvps().getAvp(AvpCodes.MIP_REG_REQUEST).getOctetString()).request();

        IMessage ama = ama(amr, asked, authSessionState);
        if (withFilterRule) {
            // RFC 4004 §7.8: rules the AAAH sets in the AMA for the foreign agent to apply
            new AvpWriter(DICTIONARY, ama.getAvps()).add(AvpCodes.MIP_FILTER_RULE, "permit out ip from any to 10.1.0.150");
        }
        aaaf.send(ama);

        RegistrationReply replied = RegistrationCodec.decodeReply(reply.get(15, TimeUnit.SECONDS)).reply();
        assertThat(replied.code()).isEqualTo(expectedReply);
        return amr.getSessionId();
    }

    /**
     * The AMA another vendor's AAAH sends (RFC 4004 §5.2), as its AAAF passes it on: 2001, the home
     * agent's Registration Reply (accepted for {@link #LIFETIME} s), the addresses, an MN-FA key.
     */
    private static IMessage ama(IMessage amr, RegistrationRequest asked, OptionalInt authSessionState) throws Exception {
        IMessage ama = aaaf.answer(amr, ResultCodes.SUCCESS, AAAH_HOST, HOME);
        var home = Ipv4.parse("10.1.0.150");
        var homeAgent = Ipv4.parse("10.1.0.1");
        AvpWriter avps = new AvpWriter(DICTIONARY, ama.getAvps())
                .add(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4)
                .add(AvpCodes.USER_NAME, MN1)
                .add(AvpCodes.ACCT_MULTI_SESSION_ID, "ha.home.example;7")
                .add(AvpCodes.AUTHORIZATION_LIFETIME, LIFETIME);
        authSessionState.ifPresent(state -> avps.add(AvpCodes.AUTH_SESSION_STATE, state));
        avps.add(AvpCodes.MIP_REG_REPLY, RegistrationBuilder.reply(new RegistrationReply(ReplyCode.ACCEPTED, LIFETIME, home, homeAgent,
                        asked.identification())).toBytes())
                .add(AvpCodes.MIP_HOME_AGENT_ADDRESS, homeAgent)
                .add(AvpCodes.MIP_MOBILE_NODE_ADDRESS, home);
        avps.group(AvpCodes.MIP_FA_TO_MN_MSA)
                .add(AvpCodes.MIP_FA_TO_MN_SPI, 300)
                .add(AvpCodes.MIP_ALGORITHM_TYPE, Enumerations.MIP_ALGORITHM_TYPE_HMAC_SHA_1)
                .add(AvpCodes.MIP_SESSION_KEY, "an-mn-fa-key-of-20b".getBytes(StandardCharsets.US_ASCII));
        return ama;
    }

    /**
     * The foreign agent's requests after the visit of {@code session} began, each answered 2001 as
     * the other vendor's AAAF would, until its STOP record and {@code 3 s} after it (the visit's STR,
     * if any, goes out with the STOP).
     */
    private static List<IMessage> requestsUntilTheVisitsStop(String session) throws Exception {
        List<IMessage> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Optional<Long> stoppedAt = Optional.empty();
        while (System.nanoTime() < deadline && stoppedAt.map(t -> System.nanoTime() - t < TimeUnit.SECONDS.toNanos(3)).orElse(true)) {
            Optional<IMessage> next = aaaf.nextRequest(AAAF_HOST, VISITED, Duration.ofMillis(500));
            if (next.isEmpty()) {
                continue;
            }
            IMessage request = next.get();
            seen.add(request);
            IMessage answer = aaaf.answer(request, ResultCodes.SUCCESS, AAAF_HOST, VISITED);
            if (request.getCommandCode() == CommandCodes.ACCOUNTING) {
                int type = request.getAvps().getAvp(AvpCodes.ACCOUNTING_RECORD_TYPE).getInteger32();
                answer.getAvps().addAvp(request.getAvps().getAvp(AvpCodes.ACCOUNTING_RECORD_TYPE));
                answer.getAvps().addAvp(request.getAvps().getAvp(AvpCodes.ACCOUNTING_RECORD_NUMBER));
                if (type == Enumerations.ACCOUNTING_RECORD_TYPE_STOP_RECORD && session.equals(request.getSessionId())) {
                    stoppedAt = Optional.of(System.nanoTime());
                }
            } else if (request.getCommandCode() == CommandCodes.SESSION_TERMINATION) {
                answer.getAvps().addAvp(request.getAvps().getAvp(AvpCodes.USER_NAME));
            }
            aaaf.send(answer);
        }
        assertThat(stoppedAt).as("the visit's STOP record after its %d s lifetime", LIFETIME).isPresent();
        return seen;
    }

    /**
     * Another vendor's AAAF: our foreign agent dials its AAAF (config/fa/jdiameter.xml), so this one
     * listens on the AAAF's port with the AAAF's certificate and answers the CER.
     */
    private static RawPeer aaafDialledByTheForeignAgent(Path tls) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) LabTls.context(tls, AAAF_HOST, tls).getServerSocketFactory()
                .createServerSocket(foreignAgent.tlsPort(Role.AAAF), 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            listener.setSoTimeout(30_000);
            SSLSocket socket = (SSLSocket) listener.accept();
            socket.startHandshake();
            RawPeer peer = new RawPeer(socket);
            IMessage cer = peer.read();
            assertThat(cer.getCommandCode()).isEqualTo(CommandCodes.CAPABILITIES_EXCHANGE);
            assertThat(cer.getAvps().getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity()).isEqualTo(FA_HOST);
            IMessage cea = peer.capabilitiesExchangeAnswer(cer, AAAF_HOST, VISITED, ApplicationIds.MOBILE_IPV4);
            cea.getAvps().addAvp(AvpCodes.ACCT_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
            peer.send(cea);
            assertThat(foreignAgent.topology().node(Role.FA).awaitPeers(java.util.Set.of(AAAF_HOST), Duration.ofSeconds(10))).isTrue();
            return peer;
        }
    }
}
