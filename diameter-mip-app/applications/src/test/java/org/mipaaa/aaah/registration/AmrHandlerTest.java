package org.mipaaa.aaah.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.diameter.InProcessNextHop;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.mobileip.AuthenticationKind;
import org.mipaaa.mobileip.ExtensionField;
import org.mipaaa.mobileip.GeneralizedMnAaaAuthentication;
import org.mipaaa.mobileip.Identification;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.MnFaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MobileNodeNai;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.RegistrationReply;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.RequestFlag;
import org.mipaaa.mobileip.auth.KeyDerivation;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.registration.AddressRange;
import org.mipaaa.registration.HomeAddressPool;
import org.mipaaa.registration.HomeRegistrationSettings;
import org.mipaaa.registration.HomeSessions;
import org.mipaaa.registration.InfinispanHomeAddressPool;
import org.mipaaa.registration.InfinispanSubscriberDirectory;
import org.mipaaa.registration.SessionOwners;
import org.mipaaa.registration.Subscriber;
import org.mipaaa.registration.VisitedRealms;
import org.mipaaa.state.StateStore;

/**
 * The AAAH's AA-Mobile-Node-Request (seed S104-S106; RFC 4004 §5.1): AMRs built from real Registration
 * Requests as the foreign agent sends them, the subscribers, home address pool and registration
 * sessions on the real embedded Infinispan of config/infinispan.xml; the home agent (HAR/HAA, ASR/ASA)
 * is played in process.
 */
class AmrHandlerTest {

    private static final Dictionary DICTIONARY = Dictionary.bundled();
    private static final String MN1 = "mn1@home.example";
    private static final MnAaaSecurityAssociation MN1_AAA = MnAaaSecurityAssociation.of(256,
            "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII));
    private static final MnAaaSecurityAssociation NOT_MN1S_KEY = MnAaaSecurityAssociation.of(256,
            "not-mn1s-aaa-key".getBytes(StandardCharsets.US_ASCII));
    private static final Inet4Address HOME_AGENT = Ipv4.parse("10.1.0.1");
    /** The realm's other home agent (registration.home.agents). */
    private static final Inet4Address HOME_AGENT_2 = Ipv4.parse("10.1.0.2");
    private static final Inet4Address CARE_OF = Ipv4.parse("198.51.100.7");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private StateStore state;
    private HomeAddressPool pool;
    private HomeSessions sessions;
    private HomeRegistrationSettings settings;
    private AmrHandler amrs;
    private StrHandler strs;
    private final AnswerFactory answers = new AnswerFactory("aaah.home.example", "home.example", DICTIONARY);
    private final AnswerFactory homeAgentAnswers = new AnswerFactory("ha.home.example", "home.example", DICTIONARY);
    private final InProcessNextHop homeAgent = new InProcessNextHop("aaah.home.example", "home.example", DICTIONARY);
    private final MessageParser parser = new MessageParser();

    @BeforeEach
    void open() throws Exception {
        state = StateStore.open(Path.of("../../config/infinispan.xml"), dir, "amr-" + System.nanoTime());
        InfinispanSubscriberDirectory subscribers = InfinispanSubscriberDirectory.in(state);
        subscribers.put(Subscriber.of(MN1, MN1_AAA));
        subscribers.put(Subscriber.of("mn2@home.example", MnAaaSecurityAssociation.of(257, "mn2".getBytes(StandardCharsets.US_ASCII))));
        pool = InfinispanHomeAddressPool.in(state, AddressRange.parse("10.1.0.100-10.1.0.101"));
        sessions = HomeSessions.in(state);
        settings = new HomeRegistrationSettings(Optional.of("ha.home.example"), Optional.of(HOME_AGENT),
                Duration.ofSeconds(1800), Duration.ofSeconds(1800), Duration.ofMillis(500),
                List.of(new HomeRegistrationSettings.HomeAgent("ha2.home.example", HOME_AGENT_2)));
        amrs = new AmrHandler(subscribers, Optional.of(pool), sessions, VisitedRealms.in(state), SessionOwners.in(state),
                homeAgent.client(Duration.ofSeconds(10)), settings, RANDOM, "home.example");
        strs = new StrHandler(Optional.of(pool), sessions, VisitedRealms.in(state), SessionOwners.in(state), settings);
    }

    @AfterEach
    void close() {
        state.close();
    }

    /**
     * The AMR the foreign agent sends (RFC 4004 §5.1) for a first registration of {@code nai} (home
     * address 0.0.0.0, the FA's challenge, MN-HA and MN-FA key requests), MN-AAA authenticated with
     * {@code signWith}.
     */
    private IMessage amr(String nai, MnAaaSecurityAssociation signWith) {
        return amr(nai, signWith, true);
    }

    /** As {@link #amr(String, MnAaaSecurityAssociation)}; without any key request when {@code keyRequests} is false. */
    private IMessage amr(String nai, MnAaaSecurityAssociation signWith, boolean keyRequests) {
        return amr(nai, signWith, keyRequests, HOME_AGENT);
    }

    /** As {@link #amr(String, MnAaaSecurityAssociation, boolean)}, the node naming {@code homeAgent}. */
    private IMessage amr(String nai, MnAaaSecurityAssociation signWith, boolean keyRequests, Inet4Address homeAgent) {
        byte[] challenge = new byte[16];
        RANDOM.nextBytes(challenge);
        RegistrationBuilder builder = RegistrationBuilder.request(RegistrationRequest.of(EnumSet.noneOf(RequestFlag.class), 1800,
                        Ipv4.parse("0.0.0.0"), homeAgent, CARE_OF, Identification.ntpTimestamp(Instant.now(), RANDOM.nextInt())))
                .add(new MobileNodeNai(nai))
                .add(new MnFaChallenge(challenge));
        if (keyRequests) {
            builder.add(new MnHaKeyGenerationNonceRequest(1000)).add(new MnFaKeyGenerationNonceRequest(1001));
        }
        RegistrationPacket registration = builder.authenticate(AuthenticationKind.MN_AAA, signWith.forChallenge(challenge)).build();
        ExtensionField mnAaa = registration.fields(GeneralizedMnAaaAuthentication.class).get(0);
        int authenticatorOffset = mnAaa.end() - 16;
        IMessage r = parser.createEmptyMessage(CommandCodes.AA_MOBILE_NODE, ApplicationIds.MOBILE_IPV4);
        r.setRequest(true);
        AvpWriter avps = new AvpWriter(DICTIONARY, r.getAvps())
                .add(AvpCodes.SESSION_ID, "fa.visited.example;1;" + RANDOM.nextInt(1_000_000))
                .add(AvpCodes.ORIGIN_HOST, "aaaf.visited.example")
                .add(AvpCodes.ORIGIN_REALM, "visited.example")
                .add(AvpCodes.DESTINATION_REALM, "home.example")
                .add(AvpCodes.USER_NAME, nai)
                .add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED)
                .add(AvpCodes.MIP_REG_REQUEST, registration.bytes());
        avps.group(AvpCodes.MIP_MN_AAA_AUTH)
                .add(AvpCodes.MIP_MN_AAA_SPI, signWith.spi())
                .add(AvpCodes.MIP_AUTH_INPUT_DATA_LENGTH, authenticatorOffset)
                .add(AvpCodes.MIP_AUTHENTICATOR_LENGTH, 16)
                .add(AvpCodes.MIP_AUTHENTICATOR_OFFSET, authenticatorOffset);
        avps.add(AvpCodes.MIP_FA_CHALLENGE, challenge)
                .add(AvpCodes.MIP_FEATURE_VECTOR, Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED
                        | (keyRequests ? Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST | Enumerations.MIP_FEATURE_VECTOR_MN_FA_KEY_REQUEST : 0));
        return r;
    }

    private Answer serve(Request amr) throws Exception {
        return answers.answer(amr, amrs.handle(amr).toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    private Answer serveStr(Request str) throws Exception {
        return answers.answer(str, strs.handle(str).toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    /** The home agent binding what the HAR asks (S105): HAA 2001 with a Registration Reply and a multi-session id. */
    private CompletableFuture<Answer> binds(Request har) throws Exception {
        AvpSet avps = har.getAvps();
        Inet4Address home = (Inet4Address) avps.getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress();
        byte[] reply = RegistrationBuilder.reply(new RegistrationReply(0, 1800, home, HOME_AGENT, 7)).toBytes();
        return CompletableFuture.completedFuture(homeAgentAnswers.answer(har, Outcome.success(a -> a
                .add(AvpCodes.ACCT_MULTI_SESSION_ID, "ha.home.example;42")
                .add(AvpCodes.USER_NAME, MN1)
                .add(AvpCodes.MIP_REG_REPLY, reply))));
    }

    private static byte[] member(AvpSet avps, int group, int code) throws Exception {
        return avps.getAvp(group, 0).getGrouped().getAvp(code, 0).getOctetString();
    }

    /** RFC 3957 §5, as the mobile node derives it: HMAC-SHA1(its AAA-key, nonce || its NAI). */
    private static byte[] derivedByMn1(byte[] nonce) {
        return KeyDerivation.deriveKey(MN1_AAA.key(), nonce, MN1.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void s104_s106_anAuthenticAmrGetsAPoolAddressAndKeysTheMobileNodeDerivesItselfOnceTheHomeAgentBinds() throws Exception {
        homeAgent.answerWith(this::binds);

        Answer ama = serve(amr(MN1, MN1_AAA));

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        AvpSet avps = ama.getAvps();
        Inet4Address home = (Inet4Address) avps.getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress();
        assertThat(pool.addressOf(MN1)).contains(home);
        assertThat(avps.getAvp(AvpCodes.MIP_HOME_AGENT_ADDRESS, 0).getAddress()).isEqualTo(HOME_AGENT);
        assertThat(avps.getAvp(AvpCodes.ACCT_MULTI_SESSION_ID, 0).getUTF8String()).isEqualTo("ha.home.example;42");
        assertThat(avps.getAvp(AvpCodes.AUTHORIZATION_LIFETIME, 0).getUnsigned32()).isEqualTo(1800);

        // S105: the HAR to the home agent carries the address and the MN-HA key of the nonce it names
        Request har = homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(0);
        assertThat(har.getAvps().getAvp(AvpCodes.DESTINATION_HOST).getDiameterIdentity()).isEqualTo("ha.home.example");
        assertThat(har.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress()).isEqualTo(home);
        assertThat(member(har.getAvps(), AvpCodes.MIP_HA_TO_MN_MSA, AvpCodes.MIP_SESSION_KEY))
                .isEqualTo(derivedByMn1(member(har.getAvps(), AvpCodes.MIP_MN_TO_HA_MSA, AvpCodes.MIP_NONCE)));
        // S106: the reply the home agent made, and the MN-FA key for the foreign agent
        assertThat(avps.getAvp(AvpCodes.MIP_REG_REPLY, 0).getOctetString())
                .isEqualTo(RegistrationBuilder.reply(new RegistrationReply(0, 1800, home, HOME_AGENT, 7)).toBytes());
        AvpSet faToMn = avps.getAvp(AvpCodes.MIP_FA_TO_MN_MSA, 0).getGrouped();
        assertThat(faToMn.getAvp(AvpCodes.MIP_FA_TO_MN_SPI, 0).getUnsigned32()).isEqualTo(1001);
        assertThat(faToMn.getAvp(AvpCodes.MIP_SESSION_KEY, 0).getOctetString())
                .isEqualTo(derivedByMn1(member(har.getAvps(), AvpCodes.MIP_MN_TO_FA_MSA, AvpCodes.MIP_NONCE)));
        assertThat(sessions.current(MN1)).as("the HAR's session is the registration the home agent's STR ends")
                .contains(har.getSessionId());
        assertThat(VisitedRealms.in(state).of(MN1)).as("where its agent is reached: the AMR's foreign realm").contains("visited.example");
        assertThat(SessionOwners.in(state).ownerOfMultiSession("ha.home.example;42")).as("whose an ACR of this binding without User-Name is")
                .contains(MN1);
    }

    /** This test's AAAH, without a pool: the home agent allocates the address (RFC 4004 §5.3). */
    private AmrHandler withoutPool() throws Exception {
        HomeRegistrationSettings settings = new HomeRegistrationSettings(Optional.of("ha.home.example"), Optional.of(HOME_AGENT),
                Duration.ofSeconds(1800), Duration.ofSeconds(1800), Duration.ofMillis(500));
        return new AmrHandler(InfinispanSubscriberDirectory.in(state), Optional.empty(), sessions, VisitedRealms.in(state),
                SessionOwners.in(state), homeAgent.client(Duration.ofSeconds(10)), settings, RANDOM, "home.example");
    }

    /** The home agent binding and allocating {@code address} itself, named in the HAA or not (RFC 4004 §5.4). */
    private CompletableFuture<Answer> allocates(Request har, Optional<Inet4Address> named) {
        if (har.getCommandCode() == CommandCodes.ABORT_SESSION) {
            return CompletableFuture.completedFuture(homeAgentAnswers.answer(har, Outcome.success(a -> { })));
        }
        byte[] reply = RegistrationBuilder.reply(new RegistrationReply(0, 1800, Ipv4.parse("10.1.0.200"), HOME_AGENT, 7)).toBytes();
        return CompletableFuture.completedFuture(homeAgentAnswers.answer(har, Outcome.success(a -> {
            a.add(AvpCodes.ACCT_MULTI_SESSION_ID, "ha.home.example;43").add(AvpCodes.USER_NAME, MN1).add(AvpCodes.MIP_REG_REPLY, reply);
            named.ifPresent(address -> a.add(AvpCodes.MIP_MOBILE_NODE_ADDRESS, address));
        })));
    }

    @Test
    void s105_anAaahWithoutAPoolSendsTheHarWithoutAnAddressAndTheAmaNamesTheOneTheHomeAgentAllocated() throws Exception {
        Inet4Address allocated = Ipv4.parse("10.1.0.200");
        homeAgent.answerWith(har -> allocates(har, Optional.of(allocated)));

        IMessage amr = amr(MN1, MN1_AAA);
        Answer ama = answers.answer(amr, withoutPool().handle(amr).toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        Request har = homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(0);
        assertThat(har.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0)).as("the home agent allocates").isNull();
        assertThat(har.getAvps().getAvp(AvpCodes.MIP_FEATURE_VECTOR, 0).getUnsigned32()
                & Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED).isNotZero();
        assertThat(ama.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress()).isEqualTo(allocated);
        assertThat(sessions.current(MN1)).contains(har.getSessionId());
    }

    @Test
    void s105_anHaaThatBindsWithoutNamingTheAllocatedAddressIs5012AndTheBindingIsAborted() throws Exception {
        homeAgent.answerWith(har -> allocates(har, Optional.empty()));

        IMessage amr = amr(MN1, MN1_AAA);
        Answer ama = answers.answer(amr, withoutPool().handle(amr).toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.UNABLE_TO_COMPLY));
        assertThat(ama.getAvps().getAvp(AvpCodes.MIP_REG_REPLY, 0)).as("no reply naming an address nobody knows").isNull();
        Request har = homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(0);
        assertThat(homeAgent.sent(CommandCodes.ABORT_SESSION)).extracting(Request::getSessionId).containsExactly(har.getSessionId());
        assertThat(sessions.current(MN1)).isEmpty();
    }

    @Test
    void s109_theHomeAgentsStrWithoutUserNameEndsTheRegistrationOfItsSessionAndFreesTheAddress() throws Exception {
        homeAgent.answerWith(this::binds);
        Answer ama = serve(amr(MN1, MN1_AAA));
        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        String harSession = homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(0).getSessionId();

        // RFC 6733 §8.4.1: User-Name is optional in the STR
        IMessage str = str("ha.home.example", "home.example", ApplicationIds.MOBILE_IPV4, harSession, false);
        Answer sta = serveStr(str);

        assertThat(AnswerResult.of(sta)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        assertThat(sta.getAvps().getAvp(AvpCodes.USER_NAME).getUTF8String()).isEqualTo(MN1);
        assertThat(sessions.current(MN1)).isEmpty();
        assertThat(pool.addressOf(MN1)).as("released").isEmpty();
        Answer again = serveStr(str);
        assertThat(AnswerResult.of(again)).as("the session is over").contains(AnswerResult.resultCode(ResultCodes.UNKNOWN_SESSION_ID));
    }

    /**
     * The AMR a home agent sends for a co-located mobile node (RFC 4004 §3.3): no foreign agent, so no
     * challenge (the node signs with the co-located one), the Co-Located-Mobile-Node bit, and the home
     * agent's Acct-Multi-Session-Id (§3.3); sent by {@code originHost}.
     */
    private IMessage coLocatedAmr(String originHost) {
        RegistrationPacket registration = RegistrationBuilder.request(RegistrationRequest.of(
                        EnumSet.of(RequestFlag.DECAPSULATION_BY_MOBILE_NODE), 1800, Ipv4.parse("0.0.0.0"), HOME_AGENT, CARE_OF,
                        Identification.ntpTimestamp(Instant.now(), RANDOM.nextInt())))
                .add(new MobileNodeNai(MN1))
                .add(new MnHaKeyGenerationNonceRequest(1000))
                .authenticate(AuthenticationKind.MN_AAA, MN1_AAA.forChallenge(MnAaaSecurityAssociation.COLOCATED_CHALLENGE))
                .build();
        int authenticatorOffset = registration.fields(GeneralizedMnAaaAuthentication.class).get(0).end() - 16;
        IMessage r = parser.createEmptyMessage(CommandCodes.AA_MOBILE_NODE, ApplicationIds.MOBILE_IPV4);
        r.setRequest(true);
        AvpWriter avps = new AvpWriter(DICTIONARY, r.getAvps())
                .add(AvpCodes.SESSION_ID, originHost + ";1;" + RANDOM.nextInt(1_000_000))
                .add(AvpCodes.ORIGIN_HOST, originHost)
                .add(AvpCodes.ORIGIN_REALM, "home.example")
                .add(AvpCodes.DESTINATION_REALM, "home.example")
                .add(AvpCodes.USER_NAME, MN1)
                .add(AvpCodes.ACCT_MULTI_SESSION_ID, "ha.home.example;co-located")
                .add(AvpCodes.MIP_REG_REQUEST, registration.bytes());
        avps.group(AvpCodes.MIP_MN_AAA_AUTH)
                .add(AvpCodes.MIP_MN_AAA_SPI, MN1_AAA.spi())
                .add(AvpCodes.MIP_AUTH_INPUT_DATA_LENGTH, authenticatorOffset)
                .add(AvpCodes.MIP_AUTHENTICATOR_LENGTH, 16)
                .add(AvpCodes.MIP_AUTHENTICATOR_OFFSET, authenticatorOffset);
        avps.add(AvpCodes.MIP_FEATURE_VECTOR, Enumerations.MIP_FEATURE_VECTOR_CO_LOCATED_MOBILE_NODE
                | Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED | Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST);
        return r;
    }

    @Test
    void aCoLocatedNodesAmrFromItsHomeAgentGetsTheMnHaKeysAndNoRegistrationReplyWithoutAnHar() throws Exception {
        IMessage amr = coLocatedAmr("ha.home.example");

        Answer ama = serve(amr);

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        AvpSet avps = ama.getAvps();
        // RFC 4004 §5.2: MIP-Reg-Reply "if and only if" the node is not co-located: the home agent replies
        assertThat(avps.getAvp(AvpCodes.MIP_REG_REPLY)).isNull();
        assertThat(avps.getAvp(AvpCodes.MIP_FA_TO_MN_MSA)).as("no foreign agent").isNull();
        Inet4Address home = (Inet4Address) avps.getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS).getAddress();
        assertThat(pool.addressOf(MN1)).contains(home);
        assertThat(avps.getAvp(AvpCodes.MIP_HOME_AGENT_ADDRESS).getAddress()).isEqualTo(HOME_AGENT);
        // §5.2: MIP-MN-to-HA-MSA and MIP-HA-to-MN-MSA MUST be there: the key the node derives from the nonce
        assertThat(member(avps, AvpCodes.MIP_HA_TO_MN_MSA, AvpCodes.MIP_SESSION_KEY))
                .isEqualTo(derivedByMn1(member(avps, AvpCodes.MIP_MN_TO_HA_MSA, AvpCodes.MIP_NONCE)));
        assertThat(avps.getAvp(AvpCodes.ACCT_MULTI_SESSION_ID).getUTF8String()).isEqualTo("ha.home.example;co-located");
        assertThat(homeAgent.sent()).as("the home agent asked; no HAR back to it").isEmpty();
        assertThat(sessions.current(MN1)).as("the AMR's session is the registration").contains(amr.getSessionId());
        assertThat(SessionOwners.in(state).ownerOfMultiSession("ha.home.example;co-located")).contains(MN1);

        // the home agent ends it with an STR (RFC 4004 §4.1.3), which frees the address
        Answer sta = strFrom("ha.home.example", amr.getSessionId());
        assertThat(AnswerResult.of(sta)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        assertThat(pool.addressOf(MN1)).as("released").isEmpty();
    }

    @Test
    void aCoLocatedAmrFromAnyoneButTheHomeAgentIs5003AndGetsNoKey() throws Exception {
        Answer ama = serve(coLocatedAmr("aaaf.visited.example"));

        // the MN-HA key is for the home agent alone
        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.AUTHORIZATION_REJECTED));
        assertThat(ama.getAvps().getAvp(AvpCodes.MIP_HA_TO_MN_MSA)).isNull();
        assertThat(pool.addressOf(MN1)).isEmpty();
        assertThat(sessions.current(MN1)).isEmpty();
        assertThat(homeAgent.sent()).isEmpty();
    }

    @Test
    void s107_theForeignAgentsStrEndsTheSessionOfItsAmrOnceAndFreesNothing() throws Exception {
        homeAgent.answerWith(this::binds);
        IMessage amr = amr(MN1, MN1_AAA);
        assertThat(AnswerResult.of(serve(amr))).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        Inet4Address home = pool.addressOf(MN1).orElseThrow();
        IMessage str = str("fa.visited.example", "visited.example", ApplicationIds.COMMON_MESSAGES, amr.getSessionId(), false);

        Answer sta = serveStr(str);

        // RFC 4004 §4.1.3: the address is the home agent's STR to free, not the foreign agent's
        assertThat(AnswerResult.of(sta)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        assertThat(sta.getAvps().getAvp(AvpCodes.USER_NAME).getUTF8String()).isEqualTo(MN1);
        assertThat(pool.addressOf(MN1)).contains(home);
        assertThat(sessions.current(MN1)).isPresent();
        // RFC 6733 §7.1.5: the session is over, and one never authorised here is unknown
        Answer again = serveStr(str);
        assertThat(AnswerResult.of(again)).contains(AnswerResult.resultCode(ResultCodes.UNKNOWN_SESSION_ID));
    }

    @Test
    void aNodeWithAStaticMnHaAssociationIsRegisteredWithoutKeysForTheHomeAgent() throws Exception {
        homeAgent.answerWith(this::binds);

        // RFC 3957 §3: a node that asks for no keys shares a security association with its home agent
        Answer ama = serve(amr(MN1, MN1_AAA, false));

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        Request har = homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(0);
        assertThat(har.getAvps().getAvp(AvpCodes.MIP_MN_TO_HA_MSA)).isNull();
        assertThat(har.getAvps().getAvp(AvpCodes.MIP_HA_TO_MN_MSA)).isNull();
        assertThat(har.getAvps().getAvp(AvpCodes.MIP_FEATURE_VECTOR).getUnsigned32() & Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST)
                .as("MN-HA-Key-Request not set").isZero();
        assertThat(ama.getAvps().getAvp(AvpCodes.MIP_FA_TO_MN_MSA)).as("nor an MN-FA key nobody asked for").isNull();
        assertThat(ama.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS)).isNotNull();
    }

    /** The AMR of a foreign agent that asks for an FA-HA key, the home agent to use SPI 4000 (RFC 4004 §8.5). */
    private IMessage amrAskingForAnFaHaKey() {
        IMessage amr = amr(MN1, MN1_AAA);
        AvpSet avps = amr.getAvps();
        long features = Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED | Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST
                | Enumerations.MIP_FEATURE_VECTOR_MN_FA_KEY_REQUEST | Enumerations.MIP_FEATURE_VECTOR_FA_HA_KEY_REQUEST;
        avps.removeAvp(AvpCodes.MIP_FEATURE_VECTOR);
        new AvpWriter(DICTIONARY, avps).add(AvpCodes.MIP_FEATURE_VECTOR, features).add(AvpCodes.MIP_HA_TO_FA_SPI, 4000);
        return amr;
    }

    @Test
    void s104_s106_anFaHaKeyGoesToTheHomeAgentUnderTheForeignAgentsSpiAndToTheForeignAgentUnderTheHomeAgents() throws Exception {
        // the home agent binds and names the SPI the foreign agent is to use with the key
        homeAgent.answerWith(har -> binds(har).thenApply(haa -> {
            new AvpWriter(DICTIONARY, haa.getAvps()).add(AvpCodes.MIP_FA_TO_HA_SPI, 5000);
            return haa;
        }));

        Answer ama = serve(amrAskingForAnFaHaKey());

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        AvpSet toHomeAgent = homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(0).getAvps().getAvp(AvpCodes.MIP_HA_TO_FA_MSA).getGrouped();
        AvpSet toForeignAgent = ama.getAvps().getAvp(AvpCodes.MIP_FA_TO_HA_MSA).getGrouped();
        assertThat(toHomeAgent.getAvp(AvpCodes.MIP_HA_TO_FA_SPI).getUnsigned32()).isEqualTo(4000);
        assertThat(toForeignAgent.getAvp(AvpCodes.MIP_FA_TO_HA_SPI).getUnsigned32()).isEqualTo(5000);
        byte[] key = toHomeAgent.getAvp(AvpCodes.MIP_SESSION_KEY).getOctetString();
        assertThat(key).as("one key, shared by the two agents").hasSize(20)
                .isEqualTo(toForeignAgent.getAvp(AvpCodes.MIP_SESSION_KEY).getOctetString());
        assertThat(toForeignAgent.getAvp(AvpCodes.MIP_ALGORITHM_TYPE).getInteger32()).isEqualTo(Enumerations.MIP_ALGORITHM_TYPE_HMAC_SHA_1);
    }

    @Test
    void anFaHaKeyRequestWithoutTheHomeAgentsSpiLeavesTheForeignAgentWithoutAKey() throws Exception {
        homeAgent.answerWith(this::binds); // a home agent that does not take FA-HA authentication names no SPI

        Answer ama = serve(amrAskingForAnFaHaKey());

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        assertThat(ama.getAvps().getAvp(AvpCodes.MIP_FA_TO_HA_MSA)).isNull();
    }

    @Test
    void anFaHaKeyRequestWithoutTheSpiForTheHomeAgentIs5005() throws Exception {
        homeAgent.answerWith(this::binds);
        IMessage amr = amrAskingForAnFaHaKey();
        amr.getAvps().removeAvp(AvpCodes.MIP_HA_TO_FA_SPI);

        Answer ama = serve(amr);

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.MISSING_AVP));
        assertThat(ama.getAvps().getAvp(AvpCodes.FAILED_AVP).getGrouped().getAvp(AvpCodes.MIP_HA_TO_FA_SPI)).isNotNull();
        assertThat(homeAgent.sent()).isEmpty();
    }

    /**
     * An STR (RFC 6733 §8.4.1, RFC 4004 §4.1.3) of mn1's {@code session} from {@code host} of {@code realm},
     * {@code headerApplication} in its header; User-Name (optional) when {@code withUserName}.
     */
    private IMessage str(String host, String realm, long headerApplication, String session, boolean withUserName) {
        IMessage str = parser.createEmptyMessage(CommandCodes.SESSION_TERMINATION, headerApplication);
        str.setRequest(true);
        AvpWriter avps = new AvpWriter(DICTIONARY, str.getAvps())
                .add(AvpCodes.SESSION_ID, session)
                .add(AvpCodes.ORIGIN_HOST, host)
                .add(AvpCodes.ORIGIN_REALM, realm)
                .add(AvpCodes.DESTINATION_REALM, "home.example")
                .add(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4);
        if (withUserName) {
            avps.add(AvpCodes.USER_NAME, MN1);
        }
        avps.add(AvpCodes.TERMINATION_CAUSE, Enumerations.TERMINATION_CAUSE_DIAMETER_LOGOUT);
        return str;
    }

    /** The home agent {@code homeAgentHost}'s STR of {@code session}, with User-Name, as the AAAH answers it. */
    private Answer strFrom(String homeAgentHost, String session) throws Exception {
        return serveStr(str(homeAgentHost, "home.example", ApplicationIds.MOBILE_IPV4, session, true));
    }

    @Test
    void s104_s105_aNodeThatNamesAnotherHomeAgentOfTheRealmIsRegisteredThereAndOnlyThatOneEndsIt() throws Exception {
        homeAgent.answerWith(this::binds);

        Answer ama = serve(amr(MN1, MN1_AAA, true, HOME_AGENT_2));

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        assertThat(ama.getAvps().getAvp(AvpCodes.MIP_HOME_AGENT_ADDRESS).getAddress()).isEqualTo(HOME_AGENT_2);
        Request har = homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(0);
        assertThat(har.getAvps().getAvp(AvpCodes.DESTINATION_HOST).getDiameterIdentity()).isEqualTo("ha2.home.example");
        assertThat(har.getAvps().getAvp(AvpCodes.MIP_HOME_AGENT_ADDRESS).getAddress()).isEqualTo(HOME_AGENT_2);
        Inet4Address home = pool.addressOf(MN1).orElseThrow();
        // the realm's other home agent holds no registration in that session: it ends nothing
        assertThat(AnswerResult.of(strFrom("ha.home.example", har.getSessionId())))
                .contains(AnswerResult.resultCode(ResultCodes.UNKNOWN_SESSION_ID));
        assertThat(pool.addressOf(MN1)).contains(home);
        assertThat(AnswerResult.of(strFrom("ha2.home.example", har.getSessionId())))
                .contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        assertThat(pool.addressOf(MN1)).as("released by the home agent that had it").isEmpty();
    }

    @Test
    void anAmrNamingAnotherHomeAgentHostOfTheRealmRegistersThereAndASessionElsewhereIsNotContinuedThere() throws Exception {
        homeAgent.answerWith(this::binds);
        assertThat(AnswerResult.of(serve(amr(MN1, MN1_AAA)))).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        String atTheFirst = homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(0).getSessionId();
        IMessage amr = amr(MN1, MN1_AAA);
        new AvpWriter(DICTIONARY, amr.getAvps()).group(AvpCodes.MIP_HOME_AGENT_HOST)
                .add(AvpCodes.DESTINATION_REALM, "home.example")
                .add(AvpCodes.DESTINATION_HOST, "ha2.home.example");

        Answer ama = serve(amr);

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        Request har = homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(1);
        assertThat(har.getAvps().getAvp(AvpCodes.DESTINATION_HOST).getDiameterIdentity()).isEqualTo("ha2.home.example");
        // RFC 4004 §4.1.1 keeps a node's session at its home agent; the other home agent gets a new one
        assertThat(har.getSessionId()).isNotEqualTo(atTheFirst);
        assertThat(sessions.homeAgentOf(har.getSessionId())).contains("ha2.home.example");
    }

    @Test
    void s104_aWrongMnAaaAuthenticatorIs4001WithoutReplyAndNothingIsAllocatedOrAsked() throws Exception {
        homeAgent.answerWith(this::binds);

        Answer ama = serve(amr(MN1, NOT_MN1S_KEY));

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.AUTHENTICATION_REJECTED));
        assertThat(ama.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).isEqualTo("MN-AAA authentication failed");
        assertThat(ama.getAvps().getAvp(AvpCodes.MIP_REG_REPLY, 0)).as("no MN-HA key to authenticate a reply with").isNull();
        assertThat(pool.addressOf(MN1)).isEmpty();
        assertThat(homeAgent.sent()).isEmpty();
    }

    @Test
    void s104_anUnknownNaiIs4001AndNothingIsAllocatedOrAsked() throws Exception {
        Answer ama = serve(amr("nobody@home.example", MN1_AAA));

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.AUTHENTICATION_REJECTED));
        assertThat(ama.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).isEqualTo("unknown user");
        assertThat(homeAgent.sent()).isEmpty();
    }

    @Test
    void s104_anExhaustedPoolIs5012AndNoHarIsSent() throws Exception {
        assertThat(pool.allocate("mn2@home.example")).isPresent();
        assertThat(pool.allocate("mn3@home.example")).as("the pool's last address").isPresent();

        Answer ama = serve(amr(MN1, MN1_AAA));

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.UNABLE_TO_COMPLY));
        assertThat(ama.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).isEqualTo("home address pool exhausted");
        assertThat(homeAgent.sent()).isEmpty();
        assertThat(pool.addressOf(MN1)).isEmpty();
        assertThat(sessions.current(MN1)).isEmpty();
    }

    @Test
    void s105_aHomeAgentThatDoesNotAnswerIs4006AndTheAddressIsReleasedOnceItsAsaSaysNothingIsBound() throws Exception {
        homeAgent.answerWith(request -> request.getCommandCode() == CommandCodes.ABORT_SESSION
                // RFC 6733 §8.5.2: no binding of that session
                ? CompletableFuture.completedFuture(homeAgentAnswers.answer(request,
                        Outcome.refusal(ResultCodes.UNKNOWN_SESSION_ID, "no active registration in this session")))
                : new CompletableFuture<>());

        Answer ama = serve(amr(MN1, MN1_AAA));

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.ERROR_HA_NOT_AVAILABLE));
        assertThat(ama.getAvps().getAvp(AvpCodes.MIP_REG_REPLY, 0)).isNull();
        Request har = homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(0);
        // RFC 4004 §4.1.3: the HAR may still bind, so it is aborted at the home agent in its own session
        Request asr = homeAgent.sent(CommandCodes.ABORT_SESSION).get(0);
        assertThat(asr.getSessionId()).isEqualTo(har.getSessionId());
        assertThat(asr.getAvps().getAvp(AvpCodes.AUTH_APPLICATION_ID).getUnsigned32()).isEqualTo(ApplicationIds.MOBILE_IPV4);
        assertThat(asr.getAvps().getAvp(AvpCodes.USER_NAME).getUTF8String()).isEqualTo(MN1);
        assertThat(pool.addressOf(MN1)).as("released on the ASA").isEmpty();
        assertThat(sessions.current(MN1)).isEmpty();
    }

    @Test
    void s105_theStrThatFollowsAnAbortAtTheHomeAgentIs5002AndLeavesTheNodesNextRegistrationAlone() throws Exception {
        AtomicBoolean silent = new AtomicBoolean(true);
        homeAgent.answerWith(request -> request.getCommandCode() == CommandCodes.ABORT_SESSION
                // the late HAR had bound: the home agent stops the session (ASA 2001) and, RFC 6733 §8.4, sends its STR
                ? CompletableFuture.completedFuture(homeAgentAnswers.answer(request, Outcome.success(a -> a.add(AvpCodes.USER_NAME, MN1))))
                : silent.get() ? new CompletableFuture<>() : binds(request));
        Answer timedOut = serve(amr(MN1, MN1_AAA));
        String aborted = homeAgent.sent(CommandCodes.ABORT_SESSION).get(0).getSessionId();
        silent.set(false);
        Answer registered = serve(amr(MN1, MN1_AAA));
        Inet4Address address = (Inet4Address) registered.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS).getAddress();

        Answer sta = strFrom("ha.home.example", aborted);

        assertThat(AnswerResult.of(timedOut)).contains(AnswerResult.resultCode(ResultCodes.ERROR_HA_NOT_AVAILABLE));
        assertThat(AnswerResult.of(registered)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        assertThat(AnswerResult.of(sta)).as("the AAAH gave that session up").contains(AnswerResult.resultCode(ResultCodes.UNKNOWN_SESSION_ID));
        assertThat(pool.addressOf(MN1)).contains(address);
        assertThat(sessions.current(MN1)).isPresent().get().isNotEqualTo(aborted);
    }

    @Test
    void s105_anAsaThatNeverReachedTheHomeAgentLeavesTheAddressWithTheNode() throws Exception {
        homeAgent.answerWith(request -> request.getCommandCode() == CommandCodes.ABORT_SESSION
                // a relay on the way to the home agent: RFC 6733 §6.1.8, the ASR never reached it
                ? CompletableFuture.completedFuture(homeAgentAnswers.answer(request,
                        Outcome.refusal(ResultCodes.UNABLE_TO_DELIVER, "no route to ha.home.example")))
                : new CompletableFuture<>());

        Answer ama = serve(amr(MN1, MN1_AAA));

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.ERROR_HA_NOT_AVAILABLE));
        assertThat(homeAgent.sent(CommandCodes.ABORT_SESSION)).hasSize(1);
        // the HAR may still bind at the home agent: the address is this node's, never another's
        assertThat(pool.addressOf(MN1)).as("kept after a 3002 ASA").isPresent();
        assertThat(pool.allocate("mn2@home.example")).isPresent();
        assertThat(pool.allocate("mn3@home.example")).as("the pool holds two: MN1 keeps one").isEmpty();
    }

    @Test
    void s104_aHomeAgentThatCannotBeReachedIs4006AndTheAddressIsReleasedAtOnce() throws Exception {
        homeAgent.answerWith(request -> {
            throw new java.net.ConnectException("ha.home.example is not connected");
        });

        Answer ama = serve(amr(MN1, MN1_AAA));

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.ERROR_HA_NOT_AVAILABLE));
        assertThat(homeAgent.sent(CommandCodes.ABORT_SESSION)).as("the HAR reached nobody: nothing to abort").isEmpty();
        assertThat(pool.addressOf(MN1)).isEmpty();
    }

    @Test
    void s105_s106_theHarAndTheAmaSayTheAaahKeepsTheSessionsStateSoBothMobilityAgentsEndItWithAnStr() throws Exception {
        homeAgent.answerWith(this::binds);

        Answer ama = serve(amr(MN1, MN1_AAA));

        // RFC 6733 §8.11: STATE_MAINTAINED, the access device MUST issue an STR; RFC 4004 §4.1.3 has the
        // AAAH free the address on the home agent's
        Request har = homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(0);
        assertThat(har.getAvps().getAvp(AvpCodes.AUTH_SESSION_STATE).getInteger32())
                .isEqualTo(Enumerations.AUTH_SESSION_STATE_STATE_MAINTAINED);
        assertThat(ama.getAvps().getAvp(AvpCodes.AUTH_SESSION_STATE).getInteger32())
                .isEqualTo(Enumerations.AUTH_SESSION_STATE_STATE_MAINTAINED);
    }

    @Test
    void s105_theAmrsOriginatingForeignAaaAndHomeAgentHostAreCopiedIntoTheHar() throws Exception {
        homeAgent.answerWith(this::binds);
        IMessage amr = amr(MN1, MN1_AAA);
        AvpWriter avps = new AvpWriter(DICTIONARY, amr.getAvps());
        avps.group(AvpCodes.MIP_ORIGINATING_FOREIGN_AAA)
                .add(AvpCodes.ORIGIN_REALM, "visited.example")
                .add(AvpCodes.ORIGIN_HOST, "aaaf.visited.example");
        avps.group(AvpCodes.MIP_HOME_AGENT_HOST)
                .add(AvpCodes.DESTINATION_REALM, "home.example")
                .add(AvpCodes.DESTINATION_HOST, "HA.home.example"); // DiameterIdentities compare without case

        Answer ama = serve(amr);

        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        // RFC 4004 §7.10, §7.11: "If ... present in the AMR, the AAAH MUST copy it into the HAR"
        AvpSet har = homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(0).getAvps();
        AvpSet foreignAaa = har.getAvp(AvpCodes.MIP_ORIGINATING_FOREIGN_AAA).getGrouped();
        assertThat(foreignAaa.getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity()).isEqualTo("aaaf.visited.example");
        assertThat(foreignAaa.getAvp(AvpCodes.ORIGIN_REALM).getDiameterIdentity()).isEqualTo("visited.example");
        AvpSet homeAgentHost = har.getAvp(AvpCodes.MIP_HOME_AGENT_HOST).getGrouped();
        assertThat(homeAgentHost.getAvp(AvpCodes.DESTINATION_HOST).getDiameterIdentity()).isEqualTo("HA.home.example");
        assertThat(homeAgentHost.getAvp(AvpCodes.DESTINATION_REALM).getDiameterIdentity()).isEqualTo("home.example");
    }

    @Test
    void s104_aHomeAgentAskedForThatIsNotThisRealmsIs4006AndNothingIsAllocatedOrAsked() throws Exception {
        homeAgent.answerWith(this::binds);
        IMessage amr = amr(MN1, MN1_AAA);
        new AvpWriter(DICTIONARY, amr.getAvps()).group(AvpCodes.MIP_HOME_AGENT_HOST)
                .add(AvpCodes.DESTINATION_REALM, "home.example")
                .add(AvpCodes.DESTINATION_HOST, "ha7.home.example");

        Answer ama = serve(amr);

        // RFC 4004 §6.1: "the requested Home Agent cannot be assigned to the mobile node"
        assertThat(AnswerResult.of(ama)).contains(AnswerResult.resultCode(ResultCodes.ERROR_HA_NOT_AVAILABLE));
        assertThat(homeAgent.sent()).isEmpty();
        assertThat(pool.addressOf(MN1)).isEmpty();
    }

    @Test
    void s105_aNewRegistrationOfABoundNodeContinuesItsHarSession() throws Exception {
        homeAgent.answerWith(this::binds);
        Answer first = serve(amr(MN1, MN1_AAA));

        Answer handOff = serve(amr(MN1, MN1_AAA)); // another AMR session: the node registers again (a hand-off)

        assertThat(AnswerResult.of(first)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        assertThat(AnswerResult.of(handOff)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        List<Request> hars = homeAgent.sent(CommandCodes.HOME_AGENT_MIP);
        // RFC 4004 §4.1.1: "If the AAAH is session-stateful, it MUST send the same session identifier for
        // all HARs initiated on behalf of a given mobile node's session"
        assertThat(hars).hasSize(2);
        assertThat(hars.get(1).getSessionId()).isEqualTo(hars.get(0).getSessionId());
        assertThat(sessions.current(MN1)).contains(hars.get(0).getSessionId());
        assertThat(handOff.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress())
                .isEqualTo(first.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress());
    }

    @Test
    void s105_aSessionTheHomeAgentEndedMeanwhileIsRegisteredAgainAtOnceInANewOne() throws Exception {
        homeAgent.answerWith(this::binds);
        serve(amr(MN1, MN1_AAA));
        String ended = homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(0).getSessionId();
        // the binding lapsed at the home agent and its STR is on the way: an HAR in that session is 5002
        homeAgent.answerWith(har -> har.getSessionId().equals(ended)
                ? CompletableFuture.completedFuture(homeAgentAnswers.answer(har,
                        Outcome.refusal(ResultCodes.UNKNOWN_SESSION_ID, "this session ended here")))
                : binds(har));

        Answer again = serve(amr(MN1, MN1_AAA));

        assertThat(AnswerResult.of(again)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        List<Request> hars = homeAgent.sent(CommandCodes.HOME_AGENT_MIP);
        assertThat(hars).hasSize(3);
        assertThat(hars.get(1).getSessionId()).isEqualTo(ended);
        String fresh = hars.get(2).getSessionId();
        assertThat(fresh).isNotEqualTo(ended);
        assertThat(sessions.current(MN1)).contains(fresh);
        // the home agent's late STR for the ended session frees nothing the new one holds
        assertThat(sessions.end(MN1, ended)).isEqualTo(HomeSessions.Ending.NOT_CURRENT);
        assertThat(pool.addressOf(MN1)).isPresent();
    }

    @Test
    void s105_noHaaInTheNodesCurrentSessionAbortsNothingAndTheNodeKeepsItsAddress() throws Exception {
        homeAgent.answerWith(this::binds);
        Answer first = serve(amr(MN1, MN1_AAA));
        homeAgent.answerWith(request -> new CompletableFuture<>()); // a hand-off whose HAA never comes

        Answer handOff = serve(amr(MN1, MN1_AAA));

        assertThat(AnswerResult.of(handOff)).contains(AnswerResult.resultCode(ResultCodes.ERROR_HA_NOT_AVAILABLE));
        // the session is bound at the home agent either way: an ASR would end the node's service
        assertThat(homeAgent.sent(CommandCodes.ABORT_SESSION)).isEmpty();
        assertThat(sessions.current(MN1)).contains(homeAgent.sent(CommandCodes.HOME_AGENT_MIP).get(0).getSessionId());
        assertThat(pool.addressOf(MN1)).contains(
                (Inet4Address) first.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress());
    }

    @Test
    void s104_aRetransmittedAmrRegistersAgainOnTheSameAddressInTheSameHarSession() throws Exception {
        homeAgent.answerWith(this::binds);
        IMessage amr = amr(MN1, MN1_AAA);
        Answer first = serve(amr);
        amr.setReTransmitted(true); // RFC 6733 §3: the same request again (its first answer was lost)

        Answer again = serve(amr);

        assertThat(AnswerResult.of(first)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        assertThat(AnswerResult.of(again)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        assertThat(again.isReTransmitted()).as("the T flag is for requests only").isFalse();
        assertThat(again.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress())
                .isEqualTo(first.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS, 0).getAddress());
        List<Request> hars = homeAgent.sent(CommandCodes.HOME_AGENT_MIP);
        assertThat(hars).hasSize(2);
        assertThat(hars.get(1).getSessionId()).isEqualTo(hars.get(0).getSessionId());
        assertThat(sessions.current(MN1)).contains(hars.get(1).getSessionId());
        assertThat(pool.allocate("mn2@home.example")).as("one address for mn1, the other still free").isPresent();
    }
}
