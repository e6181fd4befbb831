package org.mipaaa.aaah.registration;

import java.net.Inet4Address;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.mobileip.GeneralizedMnAaaAuthentication;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MalformedRegistrationException;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.MnFaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.auth.Authenticators;
import org.mipaaa.mobileip.auth.KeyDerivation;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.registration.HomeAddressPool;
import org.mipaaa.registration.HomeRegistrationSettings;
import org.mipaaa.registration.HomeRegistrationSettings.HomeAgent;
import org.mipaaa.registration.HomeSessions;
import org.mipaaa.registration.SessionKeys;
import org.mipaaa.registration.SessionOwners;
import org.mipaaa.registration.Subscriber;
import org.mipaaa.registration.SubscriberDirectory;
import org.mipaaa.registration.VisitedRealms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home AAA server's AA-Mobile-Node-Request (RFC 4004 §5.1; seed S104 in, S105 out, S106 answer).
 *
 * <ol>
 * <li><b>decode</b>: User-Name (the NAI), MIP-Reg-Request (decoded as a Registration Request),
 *     MIP-MN-AAA-Auth (SPI, input data length, authenticator offset and length, RFC 4004 §7.6),
 *     MIP-FA-Challenge (§7.7), MIP-Feature-Vector, MIP-Originating-Foreign-AAA (§7.10) and
 *     MIP-Home-Agent-Host (§7.11, the home agent asked for). A MIP-Reg-Request that is no well-formed
 *     Registration Request is 5004 DIAMETER_INVALID_AVP_VALUE with it in Failed-AVP.</li>
 * <li><b>validate</b>: the subscriber is known and the MN-AAA authenticator is right for its AAA-key
 *     and the challenge (RFC 4721 §6, §8), the SPI of MIP-MN-AAA-Auth being the subscriber's; else
 *     4001 DIAMETER_AUTHENTICATION_REJECTED (RFC 4004 §3.1, RFC 6733 §7.1.4), with no MIP-Reg-Reply:
 *     a reply could only be authenticated with an MN-HA key, and none exists for a node not
 *     authenticated; the foreign agent builds the Mobile IP denial itself (code 67, RFC 4004 §5.2).
 *     MN-HA keys go to the home agent when the node asks for them (its MN-HA key request extension,
 *     RFC 3957 §6.3) or the AMR's MIP-Feature-Vector does (MN-HA-Key-Request, RFC 4004 §7.5); a node
 *     that asks for none holds a static security association with its home agent (RFC 3957 §3), and
 *     its HAR carries no MN-HA key ({@link #keysForTheHomeAgent}).
 *     A MIP-Home-Agent-Host naming another home agent than the configured one is 4006
 *     DIAMETER_ERROR_HA_NOT_AVAILABLE ("the requested Home Agent cannot be assigned", §6.1). An AMR
 *     with the Co-Located-Mobile-Node bit is a co-located node's, from its home agent (§3.3): served
 *     without an HAR ({@link #coLocated}).</li>
 * <li><b>act</b>: the home address (the subscriber's fixed one, else one from the pool; exhausted:
 *     5012, see below), fresh MN-HA and MN-FA nonces and their keys ({@link SessionKeys}), and the
 *     Home-Agent-MIP-Request to the configured home agent (RFC 4004 §5.3), with the AMR's
 *     MIP-Originating-Foreign-AAA and MIP-Home-Agent-Host copied in (§7.10, §7.11: MUST), waited for
 *     without blocking a thread.</li>
 * <li><b>answer</b>: the HAA's Result-Code 2001 gives AMA 2001 with the HAA's MIP-Reg-Reply and
 *     Acct-Multi-Session-Id, MIP-Mobile-Node-Address, MIP-Home-Agent-Address, MIP-FA-to-MN-MSA (the
 *     MN-FA key for the foreign agent, §9.1), MIP-MSA-Lifetime and Authorization-Lifetime; the HAR's
 *     session becomes the NAI's current registration ({@link HomeSessions}), which the home agent's
 *     STR ends ({@link StrHandler}). No HAA
 *     (no connection to the home agent, no answer within request.timeout.ms) or a protocol error
 *     (3xxx) instead of one is 4006 DIAMETER_ERROR_HA_NOT_AVAILABLE (RFC 4004 §6.2); any other HAA
 *     failure (4005 with the HA's denial) is passed on with the HAA's MIP-Reg-Reply, if any.</li>
 * </ol>
 *
 * <p>Pool exhausted: 5012 DIAMETER_UNABLE_TO_COMPLY. RFC 4004 has no Result-Code of its own for it;
 * the Mobile IP meaning is code 130 "insufficient resources" (RFC 5944 §3.4), which only the home
 * agent can send authenticated. 5006 DIAMETER_RESOURCES_EXCEEDED is about the user's own allowance
 * (RFC 6733 §7.1.5), not the server's.
 *
 * <p>Session model (RFC 4004 §4.1, docs/PROTOCOL.md "Session state"): this AAAH is session-stateful.
 * The HAR and the AMA say Auth-Session-State STATE_MAINTAINED, so the home agent and the foreign agent
 * each end their session with an STR (RFC 6733 §8.11, RFC 4004 §4.1.3); the address is freed on the home
 * agent's. While a node is registered, every HAR for it (a hand-off, a new registration through the
 * AAA) is sent in the node's current session (§4.1.1); if the home agent has ended that session
 * meanwhile (5002), the registration is made again at once in a new one.
 *
 * <p>Each AMR is an {@link Attempt} under its HAR's Session-Id, pending in {@link HomeSessions} from
 * before the address is taken until the HAA: a failure frees the address only if no other
 * registration of the node is current or pending (its binding may still live, or be about to). An HAR
 * that timed out may still bind at the home agent: it is aborted there with an ASR
 * ({@link HomeAgentAbort}, RFC 4004 §4.1.3) and the address freed once the ASA says nothing is bound;
 * one in the node's current session is not aborted (that would end the node's service).
 *
 * <p>The home address (RFC 4004 §3.1, §5.3): the subscriber's fixed one, else one of this AAAH's pool
 * ({@code home.address.pool}), both sent in MIP-Mobile-Node-Address; with neither, the HAR goes without
 * it and the home agent allocates the address, which its HAA names (§5.4: MUST); an HAA that binds
 * without naming one is refused 5012 and the binding aborted at the home agent.
 */
public final class AmrHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(AmrHandler.class);
    private static final Outcome HA_NOT_AVAILABLE = Outcome.refusal(ResultCodes.ERROR_HA_NOT_AVAILABLE, "home agent not available");

    private final SubscriberDirectory subscribers;
    private final Optional<HomeAddressPool> pool;
    private final DiameterClient client;
    private final HomeRegistrationSettings settings;
    private final SecureRandom random;
    private final HomeSessions sessions;
    private final HomeAgentAbort abort;
    private final String realm;
    private final VisitedRealms visited;
    private final SessionOwners owners;

    /**
     * @param realm      this AAAH's realm: the home agent's (Destination-Realm of the HAR and the ASR)
     * @param visited    where each node's accepted registration came from (the realm its agent is reached in)
     * @param owners     whose each session of an accepted registration is (its AMR's, its Acct-Multi-Session-Id)
     */
    public AmrHandler(SubscriberDirectory subscribers, Optional<HomeAddressPool> pool, HomeSessions sessions, VisitedRealms visited,
                      SessionOwners owners, DiameterClient client, HomeRegistrationSettings settings, SecureRandom random,
                      String realm) {
        this.realm = realm;
        this.visited = visited;
        this.owners = owners;
        this.subscribers = subscribers;
        this.pool = pool;
        this.sessions = sessions;
        this.client = client;
        this.settings = settings;
        this.random = random;
        if (settings.homeAgentHost().isEmpty()) {
            throw new IllegalArgumentException("the AAAH needs registration.home.agent.host");
        }
        this.abort = new HomeAgentAbort(client);
    }

    /** What the AMR says, decoded. */
    private record Amr(String session, String nai, RegistrationPacket registration, byte[] registrationBytes, long mnAaaSpi,
                       long inputLength, long authenticatorOffset, long authenticatorLength, byte[] challenge,
                       long featureVector, Optional<Avp> originatingForeignAaa, Optional<Avp> homeAgentHost,
                       Optional<String> requestedHomeAgent, String foreignRealm, Optional<Long> haToFaSpi) {
    }

    /**
     * The FA-HA session key the foreign agent asked for (RFC 4004 §8.5): the same key goes to the home
     * agent in the HAR, under the SPI the foreign agent chose, and to the foreign agent in the AMA,
     * under the SPI the home agent names in its HAA.
     */
    private record FaHaKey(long haToFaSpi, byte[] key) {
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        Amr amr;
        try {
            amr = decode(request.getSessionId(), request.getAvps());
        } catch (Avps.Invalid e) {
            return e.refusal().now();
        }
        // validate
        Optional<Subscriber> found = subscribers.find(amr.nai());
        if (found.isEmpty()) {
            log.info("AMR for unknown user {}: rejected", amr.nai());
            return rejected("unknown user").now();
        }
        Subscriber subscriber = found.get();
        if (amr.registration().nai().filter(n -> !n.equals(amr.nai())).isPresent()) {
            return rejected("User-Name and the MN-NAI extension differ").now();
        }
        if (!mnAaaValid(amr, subscriber.mnAaa())) {
            log.info("AMR for {}: MN-AAA authentication failed", amr.nai());
            return rejected("MN-AAA authentication failed").now();
        }
        if ((amr.featureVector() & Enumerations.MIP_FEATURE_VECTOR_CO_LOCATED_MOBILE_NODE) != 0) {
            return coLocated(amr, subscriber, request).now();
        }
        Optional<HomeAgent> homeAgent = homeAgentFor(amr, subscriber);
        if (homeAgent.isEmpty()) {
            // RFC 4004 §6.1 4006: "the requested Home Agent cannot be assigned to the mobile node"
            log.info("AMR for {}: home agent {} asked for (MIP-Home-Agent-Host), none of this realm's", amr.nai(),
                    amr.requestedHomeAgent().orElse("?"));
            return Outcome.refusal(ResultCodes.ERROR_HA_NOT_AVAILABLE,
                    "the requested home agent " + amr.requestedHomeAgent().orElse("?") + " cannot be assigned").now();
        }
        Optional<MnFaKeyGenerationNonceRequest> faKeyRequest = amr.registration().first(MnFaKeyGenerationNonceRequest.class);
        // RFC 4004 §4.1.1: the node's session goes on at the home agent that has it; at another, a new one
        Optional<String> continuing = sessions.current(amr.nai())
                .filter(current -> homeAgentOf(current).equalsIgnoreCase(homeAgent.get().host()));
        return register(amr, subscriber, homeAgent.get(), faKeyRequest, continuing);
    }

    /**
     * The home agent of this registration (RFC 4004 §5.1): the one the AMR names in MIP-Home-Agent-Host
     * (empty when that is none of the realm's), else the one of {@code registration.home.agents} whose
     * address the node names in its Registration Request, else the configured one
     * ({@code registration.home.agent.host}) at the subscriber's own home agent address or the
     * configured address.
     */
    private Optional<HomeAgent> homeAgentFor(Amr amr, Subscriber subscriber) {
        String configured = settings.homeAgentHost().orElseThrow();
        HomeAgent preferred = new HomeAgent(configured, subscriber.homeAgent().or(settings::homeAgentAddress).orElseThrow(
                () -> new IllegalStateException("no home agent address: set registration.home.agent.address")));
        if (amr.requestedHomeAgent().isPresent()) {
            String asked = amr.requestedHomeAgent().get();
            return asked.equalsIgnoreCase(configured) ? Optional.of(preferred) : settings.otherHomeAgentNamed(asked);
        }
        return Optional.of(settings.otherHomeAgentAt(amr.registration().request().homeAgent()).orElse(preferred));
    }

    /** The home agent of a registration session here: the one recorded, else (recorded before there were several) the configured one. */
    private String homeAgentOf(String session) {
        return sessions.homeAgentOf(session).orElse(settings.homeAgentHost().orElseThrow());
    }

    /**
     * A co-located mobile node's registration (RFC 4004 §3.3): no foreign agent, so its home agent sends
     * the AMR itself, with the Co-Located-Mobile-Node bit, and builds the Registration Reply itself. No
     * HAR: the AMA carries the MN-HA keys (MIP-MN-to-HA-MSA with the nonce the node derives its key
     * from, MIP-HA-to-MN-MSA with the key; §5.2: MUST when requested and co-located) and no
     * MIP-Reg-Reply (§5.2: "if and only if" not co-located). Only the configured home agent may ask
     * (the Origin-Host the trust boundary checked): anyone else would get the node's MN-HA key, 5003.
     * The AMR's session is the node's registration here, ended by the home agent's STR as an HAR's is.
     */
    private Outcome coLocated(Amr amr, Subscriber subscriber, Request request) {
        String origin = utf8(request.getAvps(), AvpCodes.ORIGIN_HOST).orElse("");
        String session = request.getSessionId();
        if (!settings.isHomeAgent(origin)) {
            log.info("AMR {} for {}: co-located, but from {}, none of the realm's home agents: refused", session, amr.nai(), origin);
            return Outcome.refusal(ResultCodes.AUTHORIZATION_REJECTED, "a co-located node registers through its home agent");
        }
        sessions.pending(amr.nai(), session, origin);
        Attempt attempt = new Attempt(amr.nai(), session, false, origin);
        // the subscriber's fixed address, else one of the pool, else the one the home agent names
        Optional<Inet4Address> homeAddress = subscriber.fixedHomeAddress()
                .or(() -> pool.isPresent() ? pool.get().allocate(amr.nai()) : address(request.getAvps(), AvpCodes.MIP_MOBILE_NODE_ADDRESS)
                        .filter(AmrHandler::namesOne));
        if (homeAddress.isEmpty()) {
            attempt.giveUp();
            log.warn("AMR {} for {}: co-located, and no home address to give (pool exhausted or none named)", session, amr.nai());
            return Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY, "no home address");
        }
        // the home agent that asked: another of the realm's at its address, else the configured one
        Inet4Address homeAgent = settings.otherHomeAgentNamed(origin).map(HomeAgent::address).orElseGet(() -> subscriber.homeAgent()
                .or(settings::homeAgentAddress).orElseThrow(
                        () -> new IllegalStateException("no home agent address: set registration.home.agent.address")));
        SessionKeys keys = SessionKeys.generate(subscriber.mnAaa().key(), KeyDerivation.mobileNodeIdentifier(amr.registration()), random);
        int lifetime = settings.grantedLifetime(amr.registration().request().lifetime());
        Optional<String> multiSession = utf8(request.getAvps(), AvpCodes.ACCT_MULTI_SESSION_ID);
        attempt.accepted();
        visited.left(amr.nai()); // at home: a UCR goes where its request came from
        owners.accepted(amr.nai(), session, multiSession);
        log.info("AMR {} for {}: co-located, registered at home agent {} with home address {}", session, amr.nai(),
                Ipv4.format(homeAgent), Ipv4.format(homeAddress.get()));
        return Outcome.success(avps -> {
            avps.add(AvpCodes.USER_NAME, amr.nai());
            multiSession.ifPresent(id -> avps.add(AvpCodes.ACCT_MULTI_SESSION_ID, id));
            avps.add(AvpCodes.AUTHORIZATION_LIFETIME, lifetime)
                    .add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_STATE_MAINTAINED);
            if (keysForTheHomeAgent(amr)) {
                homeAgentKeys(avps, keys);
                avps.add(AvpCodes.MIP_MSA_LIFETIME, settings.keyLifetime().getSeconds());
            }
            avps.add(AvpCodes.MIP_HOME_AGENT_ADDRESS, homeAgent)
                    .add(AvpCodes.MIP_MOBILE_NODE_ADDRESS, homeAddress.get());
        });
    }

    /**
     * Whether the home agent gets MN-HA keys for this registration: the node asked (its MN-HA key request
     * extension) or the AMR did (MN-HA-Key-Request); else the node and its home agent share a static
     * security association (RFC 3957 §3) and the AAA sends none.
     */
    private static boolean keysForTheHomeAgent(Amr amr) {
        return amr.registration().first(MnHaKeyGenerationNonceRequest.class).isPresent()
                || (amr.featureVector() & Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST) != 0;
    }

    /**
     * The MN-HA keys for the home agent (RFC 4004 §9.5, §9.6): the nonce the node derives its key from
     * and the key itself. MIP-MN-HA-SPI is the home agent's to allocate, not sent (PROTOCOL.md §8.2).
     */
    private void homeAgentKeys(AvpWriter avps, SessionKeys keys) {
        avps.group(AvpCodes.MIP_MN_TO_HA_MSA)
                .add(AvpCodes.MIP_ALGORITHM_TYPE, Enumerations.MIP_ALGORITHM_TYPE_HMAC_SHA_1)
                .add(AvpCodes.MIP_REPLAY_MODE, Enumerations.MIP_REPLAY_MODE_TIMESTAMPS)
                .add(AvpCodes.MIP_NONCE, keys.mnHaNonce());
        avps.group(AvpCodes.MIP_HA_TO_MN_MSA)
                .add(AvpCodes.MIP_ALGORITHM_TYPE, Enumerations.MIP_ALGORITHM_TYPE_HMAC_SHA_1)
                .add(AvpCodes.MIP_REPLAY_MODE, Enumerations.MIP_REPLAY_MODE_TIMESTAMPS)
                .add(AvpCodes.MIP_SESSION_KEY, keys.mnHaKey());
    }

    /**
     * act: the HAR, in {@code continuing} (the node's current session: RFC 4004 §4.1.1, a stateful AAAH
     * sends the same Session-Id in all HARs of a mobile node's session, e.g. a hand-off) or in a new
     * one. The HAR's session is pending before the address is taken, so an STR racing this AMR (for
     * the node's previous registration) cannot free the address this one is about to use.
     */
    private CompletionStage<Outcome> register(Amr amr, Subscriber subscriber, HomeAgent homeAgent,
                                              Optional<MnFaKeyGenerationNonceRequest> faKeyRequest, Optional<String> continuing) {
        DiameterClient.OutgoingRequest har;
        try {
            ApplicationId application = ApplicationId.createByAuthAppId(ApplicationIds.MOBILE_IPV4);
            String homeAgentHost = homeAgent.host();
            har = continuing.isPresent()
                    ? client.requestInSession(continuing.get(), CommandCodes.HOME_AGENT_MIP, application, realm, homeAgentHost)
                    : client.newRequest(CommandCodes.HOME_AGENT_MIP, application, realm, homeAgentHost);
        } catch (Exception e) {
            log.warn("AMR for {}: no HAR can be sent: {}", amr.nai(), e.toString());
            return HA_NOT_AVAILABLE.now();
        }
        Attempt attempt = new Attempt(amr.nai(), har.request().getSessionId(), continuing.isPresent(), homeAgent.host());
        sessions.pending(attempt.nai(), attempt.session(), homeAgent.host());
        // the subscriber's fixed address, else one of this AAAH's pool, else none: the home agent allocates
        // it (RFC 4004 §5.3: an HAR without MIP-Mobile-Node-Address) and says which in the HAA (§5.4)
        Optional<Inet4Address> homeAddress;
        if (subscriber.fixedHomeAddress().isPresent()) {
            homeAddress = subscriber.fixedHomeAddress();
        } else if (pool.isPresent()) {
            homeAddress = pool.get().allocate(amr.nai());
            if (homeAddress.isEmpty()) {
                attempt.giveUp();
                log.warn("AMR for {}: home address pool exhausted", amr.nai());
                return Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY, "home address pool exhausted").now();
            }
        } else {
            homeAddress = Optional.empty();
        }
        try {
            return act(amr, subscriber, homeAgent, homeAddress, faKeyRequest, har, attempt);
        } catch (RuntimeException e) {
            attempt.giveUp();
            throw e;
        }
    }

    /**
     * One registration of a NAI through the home agent, under its HAR's Session-Id: pending in
     * {@link HomeSessions} until accepted or given up; giving up frees the address unless another
     * registration of the node is current or pending.
     */
    private final class Attempt {

        private final String nai;
        private final String session;
        private final boolean continuing;
        private final String homeAgentHost;

        Attempt(String nai, String session, boolean continuing, String homeAgentHost) {
            this.nai = nai;
            this.session = session;
            this.continuing = continuing;
            this.homeAgentHost = homeAgentHost;
        }

        /** In the node's current session (already bound at the home agent), not a new one. */
        boolean continuing() {
            return continuing;
        }

        String nai() {
            return nai;
        }

        String session() {
            return session;
        }

        void accepted() {
            sessions.accepted(nai, session);
        }

        void giveUp() {
            if (sessions.failed(nai, session)) {
                pool.ifPresent(p -> p.release(nai));
            }
        }

        /**
         * No HAA in time: the HAR may still bind at the home agent, so the address stays reserved until
         * the home agent confirms, by its ASA, that this session binds nothing there (RFC 4004 §4.1.3):
         * 2001, the session is ended, or 5002, it is not active (RFC 6733 §8.5.2). Any other ASA (a
         * relay's 3002 says the ASR never reached the home agent) or none leaves the registration
         * pending: the address stays with this NAI (never given to another) until the node's next
         * accepted registration supersedes it.
         */
        void abortAtTheHomeAgent(String realm) {
            if (continuing) {
                // the session is bound at the home agent either way (to the old care-of address or the
                // new one): aborting it would end the node's service; the address stays with its session
                giveUp();
                log.info("HAR {} for {}: no HAA; the session goes on at the home agent, not aborted", session, nai);
                return;
            }
            abort.abort(homeAgentHost, session, nai, realm).whenComplete((result, failure) -> {
                if (failure == null && result.filter(Attempt::bindsNothing).isPresent()) {
                    log.debug("ASR {} for {}: ASA {}", session, nai, result.get());
                    giveUp();
                } else if (failure == null) {
                    log.warn("ASR {} for {}: ASA {} does not say the session binds nothing; the address stays reserved for {}",
                            session, nai, result.map(AnswerResult::toString).orElse("without a result"), nai);
                } else {
                    log.warn("ASR {} for {}: no ASA ({}); the address stays reserved for {}", session, nai, failure, nai);
                }
            });
        }

        private static boolean bindsNothing(AnswerResult asa) {
            return !asa.experimental() && (asa.code() == ResultCodes.SUCCESS || asa.code() == ResultCodes.UNKNOWN_SESSION_ID);
        }
    }

    private CompletionStage<Outcome> act(Amr amr, Subscriber subscriber, HomeAgent chosen, Optional<Inet4Address> homeAddress,
                                         Optional<MnFaKeyGenerationNonceRequest> faKeyRequest,
                                         DiameterClient.OutgoingRequest har, Attempt attempt) {
        Inet4Address homeAgent = chosen.address();
        SessionKeys keys = SessionKeys.generate(subscriber.mnAaa().key(),
                KeyDerivation.mobileNodeIdentifier(amr.registration()), random);
        int lifetime = settings.grantedLifetime(amr.registration().request().lifetime());
        boolean haKeys = keysForTheHomeAgent(amr);
        long featureVector = amr.featureVector() | (haKeys ? Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST : 0)
                | (faKeyRequest.isPresent() ? Enumerations.MIP_FEATURE_VECTOR_MN_FA_KEY_REQUEST : 0)
                | (subscriber.fixedHomeAddress().isEmpty() ? Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED : 0);

        Optional<FaHaKey> faHa = amr.haToFaSpi().map(spi -> new FaHaKey(spi, randomKey()));
        CompletableFuture<Answer> haa;
        try {
            AvpWriter avps = har.avps();
            avps.add(AvpCodes.AUTHORIZATION_LIFETIME, lifetime)
                    .add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_STATE_MAINTAINED)
                    .add(AvpCodes.MIP_REG_REQUEST, amr.registrationBytes())
                    .add(AvpCodes.USER_NAME, amr.nai())
                    .add(AvpCodes.MIP_FEATURE_VECTOR, featureVector);
            if (haKeys) {
                homeAgentKeys(avps, keys);
            }
            if (faKeyRequest.isPresent()) {
                avps.group(AvpCodes.MIP_MN_TO_FA_MSA)
                        .add(AvpCodes.MIP_ALGORITHM_TYPE, Enumerations.MIP_ALGORITHM_TYPE_HMAC_SHA_1)
                        .add(AvpCodes.MIP_NONCE, keys.mnFaNonce());
            }
            faHa.ifPresent(k -> avps.group(AvpCodes.MIP_HA_TO_FA_MSA)
                    .add(AvpCodes.MIP_HA_TO_FA_SPI, k.haToFaSpi())
                    .add(AvpCodes.MIP_ALGORITHM_TYPE, Enumerations.MIP_ALGORITHM_TYPE_HMAC_SHA_1)
                    .add(AvpCodes.MIP_SESSION_KEY, k.key()));
            if (haKeys || faKeyRequest.isPresent() || faHa.isPresent()) {
                avps.add(AvpCodes.MIP_MSA_LIFETIME, settings.keyLifetime().getSeconds());
            }
            homeAddress.ifPresent(address -> avps.add(AvpCodes.MIP_MOBILE_NODE_ADDRESS, address));
            avps.add(AvpCodes.MIP_HOME_AGENT_ADDRESS, homeAgent);
            // RFC 4004 §7.10, §7.11: "If ... present in the AMR, the AAAH MUST copy it into the HAR"
            amr.originatingForeignAaa().ifPresent(avps::copy);
            amr.homeAgentHost().ifPresent(avps::copy);
            // bounded below the AAAF's own wait for the AMA (HomeRegistrationSettings), never blocking a thread
            haa = har.send(settings.homeAgentTimeout());
        } catch (Exception e) {
            haa = CompletableFuture.failedFuture(e);
        }
        return haa.<CompletionStage<Outcome>>handle((answer, failure) -> {
            try {
                if (attempt.continuing() && failure == null && AnswerResult.of(answer)
                        .filter(r -> !r.experimental() && r.code() == ResultCodes.UNKNOWN_SESSION_ID).isPresent()) {
                    // the home agent ended the session meanwhile (its STR is on its way): a new session,
                    // pending before this one is given up so that STR leaves the address with the node
                    log.info("HAR {} for {}: the home agent no longer has the session; registering in a new one",
                            attempt.session(), amr.nai());
                    CompletionStage<Outcome> fresh = register(amr, subscriber, chosen, faKeyRequest, Optional.empty());
                    attempt.giveUp();
                    return fresh;
                }
                return CompletableFuture.completedFuture(
                        answer(amr, homeAddress, homeAgent, lifetime, keys, faKeyRequest, faHa, answer, failure, attempt));
            } catch (RuntimeException e) {
                attempt.giveUp();
                log.warn("AMR for {}: cannot answer", amr.nai(), e);
                return Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY, "internal error").now();
            }
        }).thenCompose(outcome -> outcome);
    }

    private Outcome answer(Amr amr, Optional<Inet4Address> assigned, Inet4Address homeAgent, int lifetime, SessionKeys keys,
                           Optional<MnFaKeyGenerationNonceRequest> faKeyRequest, Optional<FaHaKey> faHa, Answer haa,
                           Throwable failure, Attempt attempt) {
        Optional<AnswerResult> haaResult = failure == null ? AnswerResult.of(haa).filter(r -> !r.experimental()) : Optional.empty();
        if (haaResult.isEmpty() || haaResult.get().isProtocolError()) {
            if (isTimeout(failure)) {
                attempt.abortAtTheHomeAgent(realm);
            } else {
                attempt.giveUp(); // never reached the home agent, or refused by the way: nothing bound
            }
            log.warn("AMR for {}: home agent {} not available: {}", amr.nai(), attempt.homeAgentHost,
                    failure != null ? describe(failure) : haaResult.map(AnswerResult::toString).orElse("no Result-Code"));
            return HA_NOT_AVAILABLE;
        }
        Optional<byte[]> regReply = octets(haa.getAvps(), AvpCodes.MIP_REG_REPLY);
        Optional<String> multiSession = utf8(haa.getAvps(), AvpCodes.ACCT_MULTI_SESSION_ID);
        // the address this AAAH assigned, else the one the home agent allocated (RFC 4004 §5.4: MUST be in the HAA)
        Optional<Inet4Address> allocated = assigned.or(() -> address(haa.getAvps(), AvpCodes.MIP_MOBILE_NODE_ADDRESS));
        if (haaResult.get().isSuccess() && regReply.isPresent() && allocated.isEmpty()) {
            // bound at the home agent under an address nobody here knows: undone there, refused here
            attempt.abortAtTheHomeAgent(realm);
            log.warn("AMR for {}: the home agent allocated an address but did not say which (no MIP-Mobile-Node-Address)", amr.nai());
            return Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY, "the home agent named no home address");
        }
        Inet4Address homeAddress = allocated.orElse(null);
        if (!haaResult.get().isSuccess() || regReply.isEmpty()) {
            attempt.giveUp();
            long code = haaResult.get().isSuccess() ? ResultCodes.ERROR_MIP_REPLY_FAILURE : haaResult.get().code();
            return Outcome.result(code, "home agent refused the registration").with(avps -> {
                regReply.ifPresent(r -> avps.add(AvpCodes.MIP_REG_REPLY, r));
                avps.add(AvpCodes.USER_NAME, amr.nai());
            });
        }
        // the SPI the foreign agent is to use with the FA-HA key: the home agent's to name (§8.5); one
        // that names none does not take FA-HA authentication, and the foreign agent gets no key for it
        Optional<Long> faHaSpi = faHa.isEmpty() ? Optional.empty() : unsigned(haa.getAvps(), AvpCodes.MIP_FA_TO_HA_SPI);
        if (faHa.isPresent() && faHaSpi.isEmpty()) {
            log.info("AMR for {}: FA-HA key asked for, but the home agent named no MIP-FA-to-HA-SPI: none sent", amr.nai());
        }
        // the HA will end this session with an STR when the binding ends (StrHandler)
        attempt.accepted();
        visited.visiting(amr.nai(), amr.foreignRealm());
        owners.accepted(amr.nai(), amr.session(), multiSession);
        log.info("AMR for {}: registered, home address {} at home agent {}", amr.nai(), Ipv4.format(homeAddress),
                Ipv4.format(homeAgent));
        return Outcome.success(avps -> {
            avps.add(AvpCodes.USER_NAME, amr.nai());
            multiSession.ifPresent(id -> avps.add(AvpCodes.ACCT_MULTI_SESSION_ID, id));
            avps.add(AvpCodes.AUTHORIZATION_LIFETIME, lifetime)
                    .add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_STATE_MAINTAINED)
                    .add(AvpCodes.MIP_REG_REPLY, regReply.get());
            // RFC 4004 §9.1, §8.4: the FA-MN session key for the foreign agent, under the SPI the MN chose
            faKeyRequest.ifPresent(fa -> avps.group(AvpCodes.MIP_FA_TO_MN_MSA)
                    .add(AvpCodes.MIP_FA_TO_MN_SPI, fa.mobileNodeSpi())
                    .add(AvpCodes.MIP_ALGORITHM_TYPE, Enumerations.MIP_ALGORITHM_TYPE_HMAC_SHA_1)
                    .add(AvpCodes.MIP_SESSION_KEY, keys.mnFaKey()));
            // RFC 4004 §8.5: the FA-HA key for the foreign agent, under the SPI the home agent chose
            faHaSpi.ifPresent(spi -> avps.group(AvpCodes.MIP_FA_TO_HA_MSA)
                    .add(AvpCodes.MIP_FA_TO_HA_SPI, spi)
                    .add(AvpCodes.MIP_ALGORITHM_TYPE, Enumerations.MIP_ALGORITHM_TYPE_HMAC_SHA_1)
                    .add(AvpCodes.MIP_SESSION_KEY, faHa.get().key()));
            avps.add(AvpCodes.MIP_MSA_LIFETIME, settings.keyLifetime().getSeconds())
                    .add(AvpCodes.MIP_HOME_AGENT_ADDRESS, homeAgent)
                    .add(AvpCodes.MIP_MOBILE_NODE_ADDRESS, homeAddress);
        });
    }

    private static Amr decode(String session, AvpSet avps) throws Avps.Invalid {
        String nai = Avps.utf8(Avps.require(avps, AvpCodes.USER_NAME, "User-Name"));
        Avp regAvp = Avps.require(avps, AvpCodes.MIP_REG_REQUEST, "MIP-Reg-Request");
        byte[] regBytes = Avps.octets(regAvp);
        RegistrationPacket registration;
        try {
            registration = RegistrationCodec.decodeRequest(regBytes);
        } catch (MalformedRegistrationException e) {
            throw Avps.invalid(regAvp, "MIP-Reg-Request is no Registration Request: " + e.getMessage());
        }
        AvpSet auth = Avps.grouped(Avps.require(avps, AvpCodes.MIP_MN_AAA_AUTH, "MIP-MN-AAA-Auth"));
        long spi = Avps.unsigned32(Avps.require(auth, AvpCodes.MIP_MN_AAA_SPI, "MIP-MN-AAA-SPI"));
        long input = Avps.unsigned32(Avps.require(auth, AvpCodes.MIP_AUTH_INPUT_DATA_LENGTH, "MIP-Auth-Input-Data-Length"));
        long offset = Avps.unsigned32(Avps.require(auth, AvpCodes.MIP_AUTHENTICATOR_OFFSET, "MIP-Authenticator-Offset"));
        long length = Avps.unsigned32(Avps.require(auth, AvpCodes.MIP_AUTHENTICATOR_LENGTH, "MIP-Authenticator-Length"));
        Optional<Avp> challengeAvp = Avps.find(avps, AvpCodes.MIP_FA_CHALLENGE);
        byte[] challenge = challengeAvp.isPresent() ? Avps.octets(challengeAvp.get())
                : registration.first(MnFaChallenge.class).map(MnFaChallenge::challenge)
                        .orElse(MnAaaSecurityAssociation.COLOCATED_CHALLENGE);
        Optional<Avp> fv = Avps.find(avps, AvpCodes.MIP_FEATURE_VECTOR);
        long featureVector = fv.isPresent() ? Avps.unsigned32(fv.get()) : 0;
        // RFC 4004 §7.10, §7.11: copied into the HAR as received
        Optional<Avp> originatingForeignAaa = Avps.find(avps, AvpCodes.MIP_ORIGINATING_FOREIGN_AAA);
        Optional<Avp> homeAgentHost = Avps.find(avps, AvpCodes.MIP_HOME_AGENT_HOST);
        Optional<String> requestedHomeAgent = Optional.empty();
        if (homeAgentHost.isPresent()) {
            AvpSet host = Avps.grouped(homeAgentHost.get());
            requestedHomeAgent = Optional.of(Avps.utf8(Avps.require(host, AvpCodes.DESTINATION_HOST, "Destination-Host")));
        }
        // RFC 4004 §8.5: a foreign agent that asks for an FA-HA key names the SPI the home agent is to use
        Optional<Long> haToFaSpi = Optional.empty();
        if ((featureVector & Enumerations.MIP_FEATURE_VECTOR_FA_HA_KEY_REQUEST) != 0) {
            haToFaSpi = Optional.of(Avps.unsigned32(Avps.require(avps, AvpCodes.MIP_HA_TO_FA_SPI, "MIP-HA-to-FA-SPI")));
        }
        // the foreign network's realm: the AAAF's (§7.10), else the AMR's origin, the foreign agent's
        String foreignRealm = Avps.utf8(Avps.require(avps, AvpCodes.ORIGIN_REALM, "Origin-Realm"));
        if (originatingForeignAaa.isPresent()) {
            Optional<Avp> aaafRealm = Avps.find(Avps.grouped(originatingForeignAaa.get()), AvpCodes.ORIGIN_REALM);
            if (aaafRealm.isPresent()) {
                foreignRealm = Avps.utf8(aaafRealm.get());
            }
        }
        return new Amr(session, nai, registration, regBytes, spi, input, offset, length, challenge, featureVector, originatingForeignAaa,
                homeAgentHost, requestedHomeAgent, foreignRealm, haToFaSpi);
    }

    /**
     * RFC 4004 §7.6 / RFC 4721 §6: the authenticator at the offset MIP-MN-AAA-Auth gives, over its input
     * length, under the subscriber's SPI and key, with the challenge; also exactly one MN-AAA extension.
     */
    private static boolean mnAaaValid(Amr amr, MnAaaSecurityAssociation sa) {
        if (amr.mnAaaSpi() != sa.spi() || amr.registration().fields(GeneralizedMnAaaAuthentication.class).size() != 1) {
            return false;
        }
        try {
            return Authenticators.verifyMnAaa(amr.registrationBytes(), amr.inputLength(), amr.authenticatorOffset(),
                    amr.authenticatorLength(), sa, amr.challenge());
        } catch (IllegalArgumentException e) {
            // offsets that do not fit the request: no valid authentication
            return false;
        }
    }

    private static boolean isTimeout(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof java.util.concurrent.TimeoutException;
    }

    private String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof java.util.concurrent.TimeoutException && cause.getMessage() == null
                ? "no HAA within " + settings.homeAgentTimeout().toMillis() + " ms" : cause.toString();
    }

    /** An address other than 0.0.0.0 and 255.255.255.255, which ask for one (RFC 4004 §5.1). */
    private static boolean namesOne(Inet4Address address) {
        byte[] b = address.getAddress();
        return !address.isAnyLocalAddress() && (b[0] & b[1] & b[2] & b[3]) != (byte) 0xFF;
    }

    /** 4001 with no MIP-Reg-Reply: a reply could only be authenticated with an MN-HA key, and none exists yet. */
    private static Outcome rejected(String why) {
        return Outcome.refusal(ResultCodes.AUTHENTICATION_REJECTED, why);
    }

    private static Optional<byte[]> octets(AvpSet avps, int code) {
        try {
            Avp avp = avps.getAvp(code, 0);
            return avp == null ? Optional.empty() : Optional.of(avp.getOctetString());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<Inet4Address> address(AvpSet avps, int code) {
        try {
            Avp avp = avps.getAvp(code, 0);
            return avp == null || !(avp.getAddress() instanceof Inet4Address a) ? Optional.empty() : Optional.of(a);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> unsigned(AvpSet avps, int code) {
        try {
            Avp avp = avps.getAvp(code, 0);
            return avp == null ? Optional.empty() : Optional.of(avp.getUnsigned32());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** A fresh HMAC-SHA-1 key (RFC 2104: the hash's output length). */
    private byte[] randomKey() {
        byte[] key = new byte[20];
        random.nextBytes(key);
        return key;
    }

    private static Optional<String> utf8(AvpSet avps, int code) {
        try {
            Avp avp = avps.getAvp(code, 0);
            return avp == null ? Optional.empty() : Optional.of(avp.getUTF8String());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
