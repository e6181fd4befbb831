package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.ha.HomeAgentRole;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.lab.Topology;
import org.mipaaa.mobileip.AuthenticationKind;
import org.mipaaa.mobileip.ExtensionField;
import org.mipaaa.mobileip.GeneralizedMnAaaAuthentication;
import org.mipaaa.mobileip.Identification;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.MnFaKeyGenerationNonceReply;
import org.mipaaa.mobileip.MnFaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceReply;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MobileHomeAuthentication;
import org.mipaaa.mobileip.MobileNodeNai;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.RequestFlag;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.mobileip.auth.Authenticators;
import org.mipaaa.mobileip.auth.KeyDerivation;
import org.mipaaa.mobileip.auth.MnAaaAlgorithm;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.auth.MobilitySecurityAssociation;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.registration.AddressRange;
import org.mipaaa.registration.HomeAddressPool;
import org.mipaaa.registration.InfinispanBindingTable;
import org.mipaaa.registration.InfinispanHomeAddressPool;
import org.mipaaa.registration.MobilityBinding;
import org.mipaaa.role.Role;
import org.mipaaa.trace.TraceEvent;
import org.mipaaa.trace.TraceSink;

/**
 * The home side of a first registration (seed S104-S106) between real jDiameter stacks over TLS:
 * the AAAF node sends the AMR (S104) carrying a Registration Request built as a mobile node builds
 * it, the AAAH authenticates it, allocates a home address, makes the keys and sends the HAR (S105),
 * the HA binds and replies, and the AAAH answers the AMA (S106). The reply is checked as the mobile
 * node checks it, with keys it derives itself from the nonces and its own AAA-key. Then the errors,
 * each with its Result-Code, and with no binding or address left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HomeRegistrationTest {

    private static final String MN1 = "mn1@home.example";
    private static final String MN3 = "mn3@home.example";
    /** config/aaah/subscribers.properties: "demo-mn1-aaa-key", SPI 256, HMAC-MD5. */
    private static final MnAaaSecurityAssociation MN1_AAA = new MnAaaSecurityAssociation(256, MnAaaAlgorithm.HMAC_MD5,
            HexFormat.of().parseHex("64656d6f2d6d6e312d6161612d6b6579"));
    /** config/aaah/subscribers.properties: mn3 is CHAP-style (SPI 2), "demo-mn3-aaa-key". */
    private static final MnAaaSecurityAssociation MN3_AAA = new MnAaaSecurityAssociation(2, MnAaaAlgorithm.CHAP_MD5,
            HexFormat.of().parseHex("64656d6f2d6d6e332d6161612d6b6579"));
    /** mn3's SPI and algorithm, but not its key. */
    private static final MnAaaSecurityAssociation MN3_WRONG = new MnAaaSecurityAssociation(2, MnAaaAlgorithm.CHAP_MD5,
            "not-mn3s-aaa-key".getBytes(StandardCharsets.US_ASCII));
    private static final AddressRange POOL = AddressRange.parse("10.1.0.100-10.1.0.199");
    private static final Inet4Address HOME_AGENT = Ipv4.parse("10.1.0.1");
    private static final String HA2 = "ha2.home.example";
    private static final Inet4Address HOME_AGENT_2 = Ipv4.parse("10.1.0.2");
    private static final Inet4Address CARE_OF = Ipv4.parse("198.51.100.7");
    private static final long MN_HA_SPI = 1000;
    private static final long MN_FA_SPI = 1001;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TopologyFixture fixture;

    @BeforeAll
    void start() throws Exception {
        fixture = startHome(EnumSet.of(Role.AAAF, Role.AAAH, Role.HA));
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static TopologyFixture startHome(Set<Role> roles) throws Exception {
        return startHome(roles, Map.of(), RoleApplications.STANDARD);
    }

    /**
     * {@code roles} with their own applications configured with {@code registrationOverrides}; the HA
     * gets what {@code homeAgent} installs instead.
     */
    private static TopologyFixture startHome(Set<Role> roles, Map<String, String> registrationOverrides,
                                             RoleApplications homeAgent) throws Exception {
        return new TopologyFixture().start(roles, TopologyFixture.standardExcept(Role.HA, homeAgent), registrationOverrides);
    }

    @Test
    void s104ToS106_theAaahAuthenticatesTheHaBindsAndTheMobileNodeVerifiesTheReplyWithKeysItDerivesItself() throws Exception {
        MobileNode mn = new MobileNode(MN1, MN1_AAA);
        Answer ama = mn.register(fixture, MN1_AAA);

        // S106: the AMA
        assertThat(Exchange.resultCode(ama)).isEqualTo(ResultCodes.SUCCESS);
        AvpSet avps = ama.getAvps();
        Inet4Address home = (Inet4Address) avps.getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress();
        assertThat(POOL.contains(home)).as("home address %s from the pool", Ipv4.format(home)).isTrue();
        assertThat(avps.getAvp(AvpCodes.MIP_HOME_AGENT_ADDRESS, 0).getAddress()).isEqualTo(HOME_AGENT);
        assertThat(avps.getAvp(AvpCodes.AUTHORIZATION_LIFETIME, 0).getUnsigned32()).isEqualTo(1800);
        String multiSession = avps.getAvp(AvpCodes.ACCT_MULTI_SESSION_ID, 0).getUTF8String();
        assertThat(multiSession).startsWith("ha.home.example;");

        // the Registration Reply, as the mobile node receives it
        RegistrationPacket reply = RegistrationCodec.decodeReply(avps.getAvp(AvpCodes.MIP_REG_REPLY, 0).getOctetString());
        assertThat(reply.reply().code()).isEqualTo(ReplyCode.ACCEPTED);
        assertThat(reply.reply().homeAddress()).isEqualTo(home);
        assertThat(reply.reply().homeAgent()).isEqualTo(HOME_AGENT);
        assertThat(reply.reply().lifetime()).isEqualTo(1800);
        assertThat(reply.reply().identification()).isEqualTo(mn.identification);
        MnHaKeyGenerationNonceReply haNonce = reply.first(MnHaKeyGenerationNonceReply.class).orElseThrow();
        MnFaKeyGenerationNonceReply faNonce = reply.first(MnFaKeyGenerationNonceReply.class).orElseThrow();
        assertThat(haNonce.nonce()).hasSize(16).isNotEqualTo(faNonce.nonce());
        assertThat(haNonce.aaaSpi()).isEqualTo(MN1_AAA.spi());
        assertThat(haNonce.algorithmIdentifier()).isEqualTo(Enumerations.MIP_ALGORITHM_TYPE_HMAC_SHA_1);

        // the end-to-end key check: the MN's own MN-HA key verifies the HA's Mobile-Home authenticator
        byte[] mnHaKey = mn.deriveKey(haNonce.nonce());
        ExtensionField mhAuth = reply.fields(MobileHomeAuthentication.class).get(0);
        assertThat(mhAuth.offset()).as("the authenticator follows (and covers) both nonces")
                .isGreaterThan(reply.fields(MnFaKeyGenerationNonceReply.class).get(0).offset());
        assertThat(Authenticators.verify(reply, mhAuth,
                new MobilitySecurityAssociation(MN_HA_SPI, AuthAlgorithm.HMAC_SHA1, mnHaKey))).isTrue();

        // the MN-FA key for the foreign agent is the one the MN derives from the MN-FA nonce
        AvpSet faToMn = avps.getAvp(AvpCodes.MIP_FA_TO_MN_MSA, 0).getGrouped();
        assertThat(faToMn.getAvp(AvpCodes.MIP_SESSION_KEY, 0).getOctetString()).isEqualTo(mn.deriveKey(faNonce.nonce()));
        assertThat(faToMn.getAvp(AvpCodes.MIP_FA_TO_MN_SPI, 0).getUnsigned32()).isEqualTo(MN_FA_SPI);

        // S105: the HA holds the binding of the allocated home address, with the same MN-HA key
        MobilityBinding binding = bindings(Role.HA).find(home).orElseThrow();
        assertThat(binding.nai()).isEqualTo(MN1);
        assertThat(binding.careOfAddress()).isEqualTo(CARE_OF);
        assertThat(binding.homeAgentAddress()).isEqualTo(HOME_AGENT);
        assertThat(binding.lastIdentification()).isEqualTo(mn.identification);
        assertThat(binding.acctMultiSessionId()).isEqualTo(multiSession);
        assertThat(binding.mnHa().key()).isEqualTo(mnHaKey);
        assertThat(binding.mnHa().haToMnSpi()).isEqualTo(MN_HA_SPI);
        assertThat(binding.mnHa().mnToHaSpi()).isEqualTo(haNonce.haSpi());
        assertThat(pool(fixture).addressOf(MN1)).contains(home);

        // S104 in, S105 both ways, S106 out, as the trace saw them on the wire
        String amrSession = ama.getSessionId();
        assertThat(fixture.events()).anySatisfy(e -> assertStep(e, "S104", "AMR", true, amrSession));
        assertThat(fixture.events()).anySatisfy(e -> assertStep(e, "S106", "AMA", false, amrSession));
        assertThat(fixture.events()).anySatisfy(e -> {
            assertThat(e.step()).isEqualTo("S105");
            assertThat(e.request()).isFalse();
            assertThat(e.resultCode()).isEqualTo((long) ResultCodes.SUCCESS);
            assertThat(e.to()).isEqualTo(node(Role.AAAH).host());
        });
    }

    @Test
    void s105_theNextRegistrationOfABoundNodeKeepsItsAcctMultiSessionId() throws Exception {
        MobileNode mn = new MobileNode(MN1, MN1_AAA);
        Answer first = mn.register(fixture, MN1_AAA);
        assertThat(Exchange.resultCode(first)).isEqualTo(ResultCodes.SUCCESS);

        mn.identification++; // RFC 5944 §5.7.1: greater than the last accepted
        Answer renewal = mn.register(fixture, MN1_AAA);

        assertThat(Exchange.resultCode(renewal)).isEqualTo(ResultCodes.SUCCESS);
        assertThat(renewal.getSessionId()).isNotEqualTo(first.getSessionId());
        // RFC 4004 §4.1.2: "the same value in all HAAs for the mobile's session"
        String multiSession = first.getAvps().getAvp(AvpCodes.ACCT_MULTI_SESSION_ID, 0).getUTF8String();
        assertThat(renewal.getAvps().getAvp(AvpCodes.ACCT_MULTI_SESSION_ID, 0).getUTF8String()).isEqualTo(multiSession);
        Inet4Address home = (Inet4Address) renewal.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress();
        assertThat(bindings(Role.HA).find(home).orElseThrow().acctMultiSessionId()).isEqualTo(multiSession);
    }

    @Test
    void s105_aReplayedIdentificationIsRefusedByTheHa4005WithCode133AndTheBindingStays() throws Exception {
        MobileNode mn = new MobileNode(MN1, MN1_AAA);
        Answer first = mn.register(fixture, MN1_AAA);
        assertThat(Exchange.resultCode(first)).isEqualTo(ResultCodes.SUCCESS);
        Inet4Address home = (Inet4Address) first.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress();
        RegistrationPacket accepted = RegistrationCodec.decodeReply(first.getAvps().getAvp(AvpCodes.MIP_REG_REPLY, 0).getOctetString());
        byte[] mnHaKey = mn.deriveKey(accepted.first(MnHaKeyGenerationNonceReply.class).orElseThrow().nonce());
        MobilityBinding bound = bindings(Role.HA).find(home).orElseThrow();

        // the same request again (same Identification): RFC 5944 §5.7.1, not greater than the last accepted
        Answer replay = mn.register(fixture, MN1_AAA);

        assertThat(Exchange.resultCode(replay)).isEqualTo(ResultCodes.ERROR_MIP_REPLY_FAILURE);
        RegistrationPacket denial = RegistrationCodec.decodeReply(replay.getAvps().getAvp(AvpCodes.MIP_REG_REPLY, 0).getOctetString());
        assertThat(denial.reply().code()).isEqualTo(ReplyCode.HA_IDENTIFICATION_MISMATCH);
        assertThat(Identification.low(denial.reply().identification())).isEqualTo(Identification.low(mn.identification));
        // authenticated with the MN-HA key the mobile node already has from its accepted registration
        assertThat(Authenticators.verify(denial, denial.fields(MobileHomeAuthentication.class).get(0),
                new MobilitySecurityAssociation(MN_HA_SPI, AuthAlgorithm.HMAC_SHA1, mnHaKey))).isTrue();
        assertThat(bindings(Role.HA).find(home)).contains(bound);
        assertThat(pool(fixture).addressOf(MN1)).as("the registered node keeps its address").contains(home);
    }

    @Test
    void s104_aMipRegRequestThatIsNoRegistrationRequestIs5004WithItInFailedAvp() throws Exception {
        byte[] garbage = {1, 0, 0};
        Answer ama = Exchange.send(node(Role.AAAF), node(Role.AAAH), CommandCodes.AA_MOBILE_NODE, 0,
                ApplicationIds.MOBILE_IPV4, r -> {
                    AvpSet avps = r.getAvps();
                    avps.addAvp(AvpCodes.USER_NAME, MN1, true, false, false);
                    avps.addAvp(AvpCodes.MIP_REG_REQUEST, garbage, true, false);
                    AvpSet auth = avps.addGroupedAvp(AvpCodes.MIP_MN_AAA_AUTH, true, false);
                    auth.addAvp(AvpCodes.MIP_MN_AAA_SPI, 256L, true, false, true);
                    auth.addAvp(AvpCodes.MIP_AUTH_INPUT_DATA_LENGTH, 0L, true, false, true);
                    auth.addAvp(AvpCodes.MIP_AUTHENTICATOR_LENGTH, 16L, true, false, true);
                    auth.addAvp(AvpCodes.MIP_AUTHENTICATOR_OFFSET, 0L, true, false, true);
                });

        assertThat(Exchange.resultCode(ama)).isEqualTo(ResultCodes.INVALID_AVP_VALUE);
        AvpSet failed = Exchange.failedAvp(ama);
        assertThat(failed.getAvpByIndex(0).getCode()).isEqualTo(AvpCodes.MIP_REG_REQUEST);
        assertThat(failed.getAvpByIndex(0).getOctetString()).isEqualTo(garbage);
    }

    @Test
    void s104_aWrongMnAaaKeyIsRejected4001WithNoBindingAndNoAddress() throws Exception {
        Answer ama = new MobileNode(MN3, MN3_WRONG).register(fixture, MN3_WRONG);

        assertThat(Exchange.resultCode(ama)).isEqualTo(ResultCodes.AUTHENTICATION_REJECTED);
        assertThat(ama.getAvps().getAvp(AvpCodes.MIP_REG_REPLY, 0)).as("no reply can be authenticated").isNull();
        assertThat(ama.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0)).isNull();
        assertThat(pool(fixture).addressOf(MN3)).isEmpty();
        assertThat(allBindings(Role.HA)).noneMatch(b -> b.nai().equals(MN3));
    }

    @Test
    void s104_mn1sRequestUnderAnotherKeyIsRejected4001AndChangesNothing() throws Exception {
        MnAaaSecurityAssociation forged = new MnAaaSecurityAssociation(256, MnAaaAlgorithm.HMAC_MD5, new byte[16]);
        Optional<Inet4Address> before = pool(fixture).addressOf(MN1);
        List<MobilityBinding> bindingsBefore = allBindings(Role.HA);

        Answer ama = new MobileNode(MN1, forged).register(fixture, forged);

        assertThat(Exchange.resultCode(ama)).isEqualTo(ResultCodes.AUTHENTICATION_REJECTED);
        assertThat(pool(fixture).addressOf(MN1)).isEqualTo(before);
        assertThat(allBindings(Role.HA)).isEqualTo(bindingsBefore);
    }

    @Test
    void s104_anUnknownUserIsRejected4001() throws Exception {
        MnAaaSecurityAssociation someone = new MnAaaSecurityAssociation(256, MnAaaAlgorithm.HMAC_MD5, new byte[16]);
        Answer ama = new MobileNode("nobody@home.example", someone).register(fixture, someone);

        assertThat(Exchange.resultCode(ama)).isEqualTo(ResultCodes.AUTHENTICATION_REJECTED);
        assertThat(ama.getAvps().getAvp(AvpCodes.MIP_REG_REPLY, 0)).isNull();
        assertThat(pool(fixture).addressOf("nobody@home.example")).isEmpty();
    }

    @Test
    void s105_withoutTheHomeAgentTheAmaIs4006AndTheAddressIsReleased() throws Exception {
        try (TopologyFixture noHa = startHome(EnumSet.of(Role.AAAF, Role.AAAH))) {
            Answer ama = new MobileNode(MN1, MN1_AAA).register(noHa, MN1_AAA);

            assertThat(Exchange.resultCode(ama)).isEqualTo(ResultCodes.ERROR_HA_NOT_AVAILABLE);
            assertThat(ama.getAvps().getAvp(AvpCodes.MIP_REG_REPLY, 0)).isNull();
            assertThat(pool(noHa).addressOf(MN1)).as("address released").isEmpty();
        }
    }

    @Test
    void s105_aHomeAgentThatNeverAnswersGives4006AfterTheTimeoutAndTheAddressIsReleased() throws Exception {
        // the HA is connected but its HAR handler never completes: no HAA within request.timeout.ms (5 s);
        // the ASR finds no binding of that session there (RFC 6733 §8.5.2: 5002)
        HandlerRegistry silent = new HandlerRegistry().register(ApplicationIds.MOBILE_IPV4, CommandCodes.HOME_AGENT_MIP,
                request -> new CompletableFuture<>())
                .register(ApplicationIds.MOBILE_IPV4, CommandCodes.ABORT_SESSION, request -> CompletableFuture.completedFuture(
                        Outcome.refusal(ResultCodes.UNKNOWN_SESSION_ID, "no active registration in this session")));
        try (TopologyFixture mute = startHome(EnumSet.of(Role.AAAF, Role.AAAH, Role.HA), Map.of(), TopologyFixture.only(r -> silent))) {
            Answer ama = new MobileNode(MN1, MN1_AAA).register(mute, MN1_AAA);

            assertThat(Exchange.resultCode(ama)).isEqualTo(ResultCodes.ERROR_HA_NOT_AVAILABLE);
            // the HAR may yet bind: the AAAH aborts it at the HA (ASR) and frees the address on the ASA
            assertThat(Eventually.within(java.time.Duration.ofSeconds(15), () -> mute.events().stream().anyMatch(e -> e.command().equals("ASR")
                    && e.to().equals(mute.topology().node(Role.HA).host())))).as("ASR to the HA").isTrue();
            assertThat(Eventually.within(java.time.Duration.ofSeconds(15), () -> pool(mute).addressOf(MN1).isEmpty())).as("address released").isTrue();
        }
    }

    @Test
    void s105_anHarAnsweredAfterTheAaahGaveUpIsAbortedAndLeavesNoBindingAndNoAddress() throws Exception {
        // the HA's own applications, but each HAR handled 2.5 s late; the AAAH waits 1 s for an HAA
        RoleApplications lateHomeAgent = ctx -> {
            HomeAgentRole own = HomeAgentRole.install(ctx.withHandlers(new HandlerRegistry()));
            ctx.handlers().register(ApplicationIds.MOBILE_IPV4, CommandCodes.HOME_AGENT_MIP,
                    request -> CompletableFuture.runAsync(() -> { },
                                    CompletableFuture.delayedExecutor(2500, java.util.concurrent.TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> own.har().handle(request)));
            // the AAAH sends its ASR in the Mobile IPv4 application (PROTOCOL.md §8.12)
            ctx.handlers().register(ApplicationIds.MOBILE_IPV4, CommandCodes.ABORT_SESSION, own.abort());
            return own;
        };
        try (TopologyFixture slow = startHome(EnumSet.of(Role.AAAF, Role.AAAH, Role.HA),
                Map.of("registration.home.agent.timeout.ms", "1000"), lateHomeAgent)) {
            DiameterNode ha = slow.topology().node(Role.HA);

            Answer ama = new MobileNode(MN1, MN1_AAA).register(slow, MN1_AAA);

            assertThat(Exchange.resultCode(ama)).isEqualTo(ResultCodes.ERROR_HA_NOT_AVAILABLE);
            // the ASR for the HAR's session finds no binding yet (5002) and the HA remembers the abort
            assertThat(Eventually.within(java.time.Duration.ofSeconds(15), () -> slow.events().stream().anyMatch(e -> e.command().equals("ASA")
                    && Long.valueOf(ResultCodes.UNKNOWN_SESSION_ID).equals(e.resultCode())))).isTrue();
            assertThat(Eventually.within(java.time.Duration.ofSeconds(15), () -> pool(slow).addressOf(MN1).isEmpty())).as("address released after the ASA").isTrue();
            // the late HAR binds nothing: its HAA is 5012, and the HA holds no binding
            assertThat(Eventually.within(java.time.Duration.ofSeconds(15), () -> slow.events().stream().anyMatch(e -> e.command().equals("HAA")
                    && Long.valueOf(ResultCodes.UNABLE_TO_COMPLY).equals(e.resultCode())))).isTrue();
            assertThat(InfinispanBindingTable.in(ha.state()).expired(Instant.now().plus(Duration.ofDays(3650)))).isEmpty();
        }
    }


    @Test
    void s104_s105_aNodeThatNamesTheRealmsSecondHomeAgentIsBoundThereAndOnlyThatHomeAgentsStrEndsIt(@TempDir Path dir) throws Exception {
        // RFC 4004 §5.1: the home agent the node asks for. Variant two-home-agents: ha2.home.example at
        // 10.1.0.2 (its own node, config/variants/second-home-agent/ha) beside ha, the configured one
        Path tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), EnumSet.allOf(Role.class), Map.of()));
        hosts.add(HA2);
        PkiIssuer.issueAll(tls, "two home agents CA", hosts, List.of());
        int ha2Tls = LoopbackSetup.freePort();
        Map<String, String> overrides = Map.of("tls.dir", tls.toString(), "ha2.port", Integer.toString(LoopbackSetup.freePort()),
                "ha2.tls.port", Integer.toString(ha2Tls), "ha2.link.port", Integer.toString(ha2Tls));
        try (TopologyFixture two = new TopologyFixture().variant("two-home-agents")
                .start(EnumSet.of(Role.AAAF, Role.AAAH, Role.HA), RoleApplications.STANDARD, overrides);
             DiameterNode ha2 = DiameterNode.start(secondHomeAgent(two), RoleApplications.STANDARD, TraceSink.NONE)) {
            DiameterNode aaah = two.topology().node(Role.AAAH);
            DiameterNode ha = two.topology().node(Role.HA);
            assertThat(ha2.awaitPeers(java.util.Set.of(aaah.host()), Duration.ofSeconds(20))).as("the AAAH connected to ha2").isTrue();

            Answer ama = new MobileNode(MN1, MN1_AAA).register(two, MN1_AAA, HOME_AGENT_2);

            assertThat(Exchange.resultCode(ama)).isEqualTo(ResultCodes.SUCCESS);
            assertThat(ama.getAvps().getAvp(AvpCodes.MIP_HOME_AGENT_ADDRESS, 0).getAddress()).isEqualTo(HOME_AGENT_2);
            Inet4Address home = (Inet4Address) ama.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress();
            List<MobilityBinding> atHa2 = InfinispanBindingTable.in(ha2.state()).expired(Instant.now().plus(Duration.ofDays(3650)));
            assertThat(atHa2).extracting(MobilityBinding::nai).containsExactly(MN1);
            assertThat(InfinispanBindingTable.in(ha.state()).expired(Instant.now().plus(Duration.ofDays(3650)))).isEmpty();
            String session = atHa2.get(0).aaaSessionId();

            // the realm's other home agent never had that session: its STR ends nothing (5002)
            assertThat(Exchange.resultCode(terminate(ha, aaah, session))).isEqualTo(ResultCodes.UNKNOWN_SESSION_ID);
            assertThat(pool(two).addressOf(MN1)).contains(home);
            // the home agent that bound it: its STR ends the registration and frees the address
            assertThat(Exchange.resultCode(terminate(ha2, aaah, session))).isEqualTo(ResultCodes.SUCCESS);
            assertThat(pool(two).addressOf(MN1)).isEmpty();
        }
    }

    /** {@code from}'s STR of {@code session} (RFC 6733 §8.4.1) to the AAAH, as a home agent sends it. */
    private static Answer terminate(DiameterNode from, DiameterNode aaah, String session) throws Exception {
        DiameterClient.OutgoingRequest str = from.client().requestInSession(session, CommandCodes.SESSION_TERMINATION,
                ApplicationId.createByAuthAppId(ApplicationIds.MOBILE_IPV4), aaah.realm(), aaah.host());
        // the client puts Auth-Application-Id 2 in it, as in the HA's own STR
        new AvpWriter(Dictionary.bundled(), str.request().getAvps())
                .add(AvpCodes.USER_NAME, MN1)
                .add(AvpCodes.TERMINATION_CAUSE, Enumerations.TERMINATION_CAUSE_DIAMETER_LOGOUT);
        return str.send().get(10, TimeUnit.SECONDS);
    }

    /** ha2's configuration (variant second-home-agent) with the topology's overrides, and a Mobile IP port of its own. */
    private static ConfigSource secondHomeAgent(TopologyFixture two) {
        Map<String, String> overrides = new HashMap<>(two.overrides());
        // the fixture sets this key of node.properties for ha
        overrides.put("ha.udp.port", Integer.toString(LoopbackSetup.freePort()));
        return ConfigSource.of(TopologyFixture.configRoot().resolve("variants/second-home-agent/ha"), overrides);
    }

    @Test
    void s104_anExhaustedPoolIsAnswered5012WithNoBindingAndTheHolderKeepsItsAddress() throws Exception {
        try (TopologyFixture small = startHome(EnumSet.of(Role.AAAF, Role.AAAH, Role.HA),
                Map.of("home.address.pool.range", "10.1.0.100-10.1.0.100"), RoleApplications.STANDARD)) {
            Answer first = new MobileNode(MN1, MN1_AAA).register(small, MN1_AAA);
            assertThat(Exchange.resultCode(first)).isEqualTo(ResultCodes.SUCCESS);

            Answer second = new MobileNode(MN3, MN3_AAA).register(small, MN3_AAA);

            assertThat(Exchange.resultCode(second)).isEqualTo(ResultCodes.UNABLE_TO_COMPLY);
            assertThat(second.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0)).isNull();
            HomeAddressPool pool = InfinispanHomeAddressPool.in(small.topology().node(Role.AAAH).state(),
                    AddressRange.parse("10.1.0.100-10.1.0.100"));
            assertThat(pool.addressOf(MN3)).isEmpty();
            assertThat(pool.addressOf(MN1)).contains(Ipv4.parse("10.1.0.100"));
            assertThat(InfinispanBindingTable.in(small.topology().node(Role.HA).state())
                    .expired(Instant.now().plus(Duration.ofDays(3650)))).extracting(MobilityBinding::nai).containsExactly(MN1);
        }
    }

    @Test
    void s105_anAaahWithoutAPoolLeavesTheAddressToTheHomeAgentWhoseHaaNamesItAndItIsFreedWhenTheBindingEnds() throws Exception {
        // RFC 4004 §5.3: no MIP-Mobile-Node-Address in the HAR, so the home agent allocates; one address,
        // and bindings of 3 s so that one ends within the test
        AddressRange haPool = AddressRange.parse("10.1.0.200-10.1.0.200");
        Inet4Address theAddress = Ipv4.parse("10.1.0.200");
        try (TopologyFixture haAllocates = startHome(EnumSet.of(Role.AAAF, Role.AAAH, Role.HA),
                Map.of("home.address.pool.range", "", "ha.home.address.pool.range", haPool.toString(),
                        "registration.lifetime.max.s", "3"), RoleApplications.STANDARD)) {
            HomeAddressPool allocatedByTheHa = InfinispanHomeAddressPool.in(haAllocates.topology().node(Role.HA).state(), haPool);

            Answer ama = new MobileNode(MN1, MN1_AAA).register(haAllocates, MN1_AAA);

            assertThat(Exchange.resultCode(ama)).isEqualTo(ResultCodes.SUCCESS);
            assertThat(ama.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress()).isEqualTo(theAddress);
            RegistrationPacket reply = RegistrationCodec.decodeReply(ama.getAvps().getAvp(AvpCodes.MIP_REG_REPLY, 0).getOctetString());
            assertThat(reply.reply().homeAddress()).isEqualTo(theAddress);
            assertThat(allocatedByTheHa.addressOf(MN1)).contains(theAddress);
            assertThat(pool(haAllocates).addressOf(MN1)).as("the AAAH allocated nothing").isEmpty();

            // the only address is held: the home agent refuses with "insufficient resources" (RFC 5944 §3.4)
            Answer noneLeft = new MobileNode(MN3, MN3_AAA).register(haAllocates, MN3_AAA);
            assertThat(Exchange.resultCode(noneLeft)).isEqualTo(ResultCodes.ERROR_MIP_REPLY_FAILURE);
            assertThat(RegistrationCodec.decodeReply(noneLeft.getAvps().getAvp(AvpCodes.MIP_REG_REPLY, 0).getOctetString())
                    .reply().code()).isEqualTo(ReplyCode.HA_INSUFFICIENT_RESOURCES);
            assertThat(allocatedByTheHa.addressOf(MN3)).isEmpty();

            // MN1's binding expires: its address is free again, and the next node gets it
            assertThat(Eventually.within(Duration.ofSeconds(15), () -> allocatedByTheHa.addressOf(MN1).isEmpty()))
                    .as("released when the binding expired").isTrue();
            Answer next = new MobileNode(MN3, MN3_AAA).register(haAllocates, MN3_AAA);
            assertThat(Exchange.resultCode(next)).isEqualTo(ResultCodes.SUCCESS);
            assertThat(next.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress()).isEqualTo(theAddress);
        }
    }

    private static void assertStep(TraceEvent e, String step, String command, boolean request, String session) {
        assertThat(e.step()).isEqualTo(step);
        assertThat(e.command()).isEqualTo(command);
        assertThat(e.request()).isEqualTo(request);
        assertThat(e.sessionId()).isEqualTo(session);
    }

    private DiameterNode node(Role role) {
        return fixture.topology().node(role);
    }

    private InfinispanBindingTable bindings(Role role) {
        return InfinispanBindingTable.in(node(role).state());
    }

    private List<MobilityBinding> allBindings(Role role) {
        return bindings(role).expired(Instant.now().plus(Duration.ofDays(3650)));
    }

    private static HomeAddressPool pool(TopologyFixture f) {
        return InfinispanHomeAddressPool.in(f.topology().node(Role.AAAH).state(), POOL);
    }

    /**
     * A roaming mobile node's first registration request, as RFC 5944 §3.3, RFC 2794, RFC 4721 and RFC
     * 3957 §6 make it: home address 0.0.0.0 with its NAI, the foreign agent's challenge, MN-HA and MN-FA
     * key requests, and MN-AAA authentication with its AAA-key over all of that.
     */
    private static final class MobileNode {
        final String nai;
        final MnAaaSecurityAssociation aaa;
        final byte[] challenge = new byte[16];
        long identification = Identification.ntpTimestamp(Instant.now(), RANDOM.nextInt());

        MobileNode(String nai, MnAaaSecurityAssociation aaa) {
            this.nai = nai;
            this.aaa = aaa;
            RANDOM.nextBytes(challenge);
        }

        /** Builds the request under {@code signWith}, and the AAAF sends it in an AMR to the AAAH (S104). */
        Answer register(TopologyFixture f, MnAaaSecurityAssociation signWith) throws Exception {
            return register(f, signWith, HOME_AGENT);
        }

        /** As {@link #register(TopologyFixture, MnAaaSecurityAssociation)}, the request naming {@code homeAgent}. */
        Answer register(TopologyFixture f, MnAaaSecurityAssociation signWith, Inet4Address homeAgent) throws Exception {
            RegistrationRequest fixed = RegistrationRequest.of(EnumSet.noneOf(RequestFlag.class), 1800,
                    Ipv4.parse("0.0.0.0"), homeAgent, CARE_OF, identification);
            RegistrationPacket request = RegistrationBuilder.request(fixed)
                    .add(new MobileNodeNai(nai))
                    .add(new MnFaChallenge(challenge))
                    .add(new MnHaKeyGenerationNonceRequest(MN_HA_SPI))
                    .add(new MnFaKeyGenerationNonceRequest(MN_FA_SPI))
                    .authenticate(AuthenticationKind.MN_AAA, signWith.forChallenge(challenge))
                    .build();
            ExtensionField mnAaa = request.fields(GeneralizedMnAaaAuthentication.class).get(0);
            int authenticatorOffset = mnAaa.end() - 16;
            DiameterNode aaaf = f.topology().node(Role.AAAF);
            DiameterNode aaah = f.topology().node(Role.AAAH);
            return Exchange.send(aaaf, aaah, CommandCodes.AA_MOBILE_NODE, 0, ApplicationIds.MOBILE_IPV4, r -> {
                AvpSet avps = r.getAvps();
                avps.addAvp(AvpCodes.USER_NAME, nai, true, false, false);
                avps.addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
                avps.addAvp(AvpCodes.MIP_REG_REQUEST, request.bytes(), true, false);
                AvpSet auth = avps.addGroupedAvp(AvpCodes.MIP_MN_AAA_AUTH, true, false);
                auth.addAvp(AvpCodes.MIP_MN_AAA_SPI, signWith.spi(), true, false, true);
                // RFC 4004 §7.6: the authenticator covers everything before it, the SPI included
                auth.addAvp(AvpCodes.MIP_AUTH_INPUT_DATA_LENGTH, (long) authenticatorOffset, true, false, true);
                auth.addAvp(AvpCodes.MIP_AUTHENTICATOR_LENGTH, 16L, true, false, true);
                auth.addAvp(AvpCodes.MIP_AUTHENTICATOR_OFFSET, (long) authenticatorOffset, true, false, true);
                avps.addAvp(AvpCodes.MIP_FA_CHALLENGE, challenge, true, false);
                avps.addAvp(AvpCodes.MIP_FEATURE_VECTOR, (long) (Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED
                        | Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST | Enumerations.MIP_FEATURE_VECTOR_MN_FA_KEY_REQUEST),
                        true, false, true);
            });
        }

        /** RFC 3957 §5, on the mobile node: HMAC-SHA1(its AAA-key, nonce || its NAI). */
        byte[] deriveKey(byte[] nonce) {
            return KeyDerivation.deriveKey(aaa.key(), nonce, nai.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
