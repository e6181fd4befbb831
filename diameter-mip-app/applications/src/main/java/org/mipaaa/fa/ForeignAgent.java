package org.mipaaa.fa;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.mobileip.AuthenticationKind;
import org.mipaaa.mobileip.ExtensionField;
import org.mipaaa.mobileip.GeneralizedMnAaaAuthentication;
import org.mipaaa.mobileip.MalformedRegistrationException;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.MnFaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.RegistrationReply;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.mobileip.auth.MobilitySecurityAssociation;
import org.mipaaa.registration.FaChallenges;
import org.mipaaa.registration.ForeignHomeKeys;
import org.mipaaa.registration.Visit;
import org.mipaaa.registration.VisitListener;
import org.mipaaa.state.AgentTimers;
import org.mipaaa.udp.MobileIpPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreign agent (seed Figs. 10-12): advertises challenges (S101), receives the mobile node's
 * Registration Request over UDP (S102), checks that it carries one of its own fresh challenges, and
 * sends an AMR to its AAAF (S103, RFC 4004 §3.1); on the AMA it forwards the home agent's
 * Registration Reply to the mobile node with its own Mobile-Foreign authenticator, computed with the
 * MN-FA key the AAAH sent it (S110 direction, RFC 4004 §8.4).
 *
 * <p>Advertisements: RFC 5944 sends them as ICMP Router Advertisements, which a JVM cannot send;
 * {@link #advertise()} hands the care-of address and a fresh challenge to the mobile node in-process
 * (demo, tests) instead. Everything from the Registration Request on is the real protocol, and every
 * Registration Reply carries a new challenge (RFC 4721 §3.3): a mobile node in another process that
 * heard no advertisement registers by UDP alone, its first request refused (missing or unknown
 * challenge) with the challenge its second one uses.
 */
public final class ForeignAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ForeignAgent.class);
    /** RFC 5944 §3.4: the Type of a Registration Reply. */
    private static final int REGISTRATION_REPLY = 3;

    private final DiameterClient diameter;
    private final Inet4Address careOfAddress;
    private final FaChallenges challenges;
    private final Duration answerTimeout;
    private final MobileIpPorts.Lane port;
    private final Map<Inet4Address, InetSocketAddress> homeAgents;
    private final ForeignHomeKeys homeAgentKeys;
    /** Mobile nodes registered through this agent, by home address. */
    private final Map<Inet4Address, Visitor> visitors = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ScheduledExecutorService expiry;
    private final List<VisitListener> visitListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Renewals relayed to a home agent, by home address and Identification, waiting for its reply. */
    private final Map<String, Relayed> relayed = new ConcurrentHashMap<>();

    /** At most this many renewals wait for their home agent's reply; beyond, a renewal is refused 80. */
    static final int MAX_RELAYED = 10_000;

    /** A visiting node: the MN-FA key the AAAH sent, its visit, and when its registration lapses. */
    private record Visitor(MobilitySecurityAssociation mnFa, Visit visit, Instant expiresAt) {
    }

    /** How often lapsed registrations are looked for. */
    private static final Duration EXPIRY_CHECK = Duration.ofSeconds(1);

    /** A renewal sent to {@code homeAgent} for {@code mobileNode}, waited for until {@code expiresAt} (System.nanoTime). */
    private record Relayed(SocketAddress mobileNode, InetSocketAddress homeAgent, long expiresAt) {
    }

    /** What the agent advertises (RFC 5944 §2.1.1, RFC 4721 §2): its care-of address and a challenge. */
    public record Advertisement(Inet4Address careOfAddress, byte[] challenge, InetSocketAddress registrationAddress) {
    }

    /**
     * @param ports      the node's Mobile IP ports: the home agent of the same server may share {@code udp}
     * @param homeAgents where to reach each home agent's Mobile IP service (by the home agent address of
     *                   the registrations) for renewals, which bypass the AAA (S108)
     * @param homeAgentKeys  the security associations this agent shares with home agents, by home agent
     *                       address (RFC 5944 §3.5.4), for the renewals it relays
     */
    public ForeignAgent(DiameterClient diameter, MobileIpPorts ports, InetSocketAddress udp, Inet4Address careOfAddress,
                        Duration challengeValidity, Duration answerTimeout, Clock clock,
                        Map<Inet4Address, InetSocketAddress> homeAgents, ForeignHomeKeys homeAgentKeys) throws SocketException {
        this.diameter = diameter;
        this.homeAgents = Map.copyOf(homeAgents);
        this.homeAgentKeys = homeAgentKeys;
        this.careOfAddress = careOfAddress;
        this.challenges = new FaChallenges(challengeValidity, clock);
        this.answerTimeout = answerTimeout;
        this.clock = clock;
        // on a port shared with the home agent of the same server, what that home agent does not claim
        this.port = ports.open(udp, "foreign-agent", this::received, null);
        port.start();
        this.expiry = AgentTimers.start("fa-visits");
        expiry.scheduleWithFixedDelay(this::expire, EXPIRY_CHECK.toMillis(), EXPIRY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Each second: the visits whose registration lapsed without a renewal end (RFC 5944 §3.7.3). */
    private void expire() {
        Instant now = clock.instant();
        for (Map.Entry<Inet4Address, Visitor> e : visitors.entrySet()) {
            Visitor v = e.getValue();
            if (now.isAfter(v.expiresAt()) && visitors.remove(e.getKey(), v)) {
                log.info("visit of {} ({}) expired", v.visit().nai(), v.visit().sessionId());
                tellVisitListeners(l -> l.ended(v.visit(), VisitListener.End.EXPIRED));
            }
        }
    }

    /** {@code listener} is told of each visit's start, renewals and end. */
    public void addVisitListener(VisitListener listener) {
        visitListeners.add(listener);
    }

    private void tellVisitListeners(java.util.function.Consumer<VisitListener> event) {
        for (VisitListener listener : visitListeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("a visit listener failed: {}", e.toString());
            }
        }
    }

    /** S101: a fresh challenge with the care-of address. */
    public Advertisement advertise() {
        return new Advertisement(careOfAddress, challenges.issue(), port.address());
    }

    /** A registration request from a mobile node, or a home agent's reply to a relayed renewal. */
    private void received(byte[] bytes, SocketAddress sender) {
        if (bytes.length > 0 && (bytes[0] & 0xFF) == REGISTRATION_REPLY) {
            homeAgentReply(bytes, sender);
        } else {
            registration(bytes, sender).thenAccept(reply -> reply.ifPresent(r -> port.send(r, sender)));
        }
    }

    /**
     * S102-S103 and the way back: the reply to send the mobile node, or empty when RFC 5944 says to
     * discard the request silently.
     */
    CompletableFuture<Optional<byte[]>> registration(byte[] bytes, SocketAddress mobileNode) {
        RegistrationPacket request;
        try {
            request = RegistrationCodec.decodeRequest(bytes);
        } catch (MalformedRegistrationException e) {
            log.debug("malformed registration request: {}", e.getMessage());
            return CompletableFuture.completedFuture(Optional.empty()); // RFC 5944 §3.7.1: nothing to answer with
        }
        RegistrationRequest fixed = request.request();
        boolean renewal = request.first(MnFaChallenge.class).isEmpty()
                && request.fields(GeneralizedMnAaaAuthentication.class).isEmpty()
                && visitors.containsKey(fixed.homeAddress());
        if (renewal) {
            return renewal(request, mobileNode);
        }
        Optional<String> nai = request.nai();
        if (nai.isEmpty()) {
            return refuse(fixed, ReplyCode.FA_MISSING_NAI);
        }
        Optional<MnFaChallenge> challenge = request.first(MnFaChallenge.class);
        if (challenge.isEmpty()) {
            return refuse(fixed, ReplyCode.FA_MISSING_CHALLENGE);
        }
        switch (challenges.redeem(challenge.get().challenge())) {
            case UNKNOWN -> {
                return refuse(fixed, ReplyCode.FA_UNKNOWN_CHALLENGE);
            }
            case STALE -> {
                return refuse(fixed, ReplyCode.FA_STALE_CHALLENGE);
            }
            case FRESH -> {
                // S103
            }
        }
        List<ExtensionField> mnAaa = request.fields(GeneralizedMnAaaAuthentication.class);
        if (mnAaa.isEmpty()) {
            return refuse(fixed, ReplyCode.FA_MOBILE_NODE_FAILED_AUTHENTICATION);
        }
        try {
            DiameterClient.OutgoingRequest amr = diameter.newRequest(CommandCodes.AA_MOBILE_NODE,
                    ApplicationId.createByAuthAppId(ApplicationIds.MOBILE_IPV4), realmOf(nai.get()), null);
            long features = fill(amr.avps(), request, nai.get(), challenge.get(), mnAaa.get(0));
            return amr.send(answerTimeout)
                    .thenApply(ama -> Optional.of(replyFromAma(fixed, nai.get(), features, ama)))
                    .exceptionally(failure -> {
                        log.warn("no AMA for {}: {}", nai.get(), failure.toString());
                        return Optional.of(reply(fixed, ReplyCode.FA_HOME_AGENT_UNREACHABLE));
                    });
        } catch (Exception e) {
            log.warn("cannot send the AMR for {}: {}", nai.get(), e.toString());
            return refuse(fixed, ReplyCode.FA_REASON_UNSPECIFIED);
        }
    }

    /**
     * The AMR this agent sends for a first registration request {@code registrationRequest} (S103),
     * built and not sent; the registration benchmark sizes its DIAMETER baseline with it.
     *
     * @throws MalformedRegistrationException if it does not decode as a Registration Request
     * @throws IllegalArgumentException        if it has no MN-NAI, challenge or MN-AAA authentication
     */
    public DiameterClient.OutgoingRequest amr(byte[] registrationRequest) throws Exception {
        RegistrationPacket request = RegistrationCodec.decodeRequest(registrationRequest);
        Optional<String> nai = request.nai();
        Optional<MnFaChallenge> challenge = request.first(MnFaChallenge.class);
        List<ExtensionField> mnAaa = request.fields(GeneralizedMnAaaAuthentication.class);
        if (nai.isEmpty() || challenge.isEmpty() || mnAaa.isEmpty()) {
            throw new IllegalArgumentException("not a first registration through a foreign agent");
        }
        // as registration() builds it
        DiameterClient.OutgoingRequest amr = diameter.newRequest(CommandCodes.AA_MOBILE_NODE,
                ApplicationId.createByAuthAppId(ApplicationIds.MOBILE_IPV4), realmOf(nai.get()), null);
        fill(amr.avps(), request, nai.get(), challenge.get(), mnAaa.get(0));
        return amr;
    }

    /**
     * S107-S108: a renewal of a mobile node registered here. Its Mobile-Foreign authenticator is
     * checked with the MN-FA key and stripped (RFC 5944 §3.7.2.2: everything after the Mobile-Home
     * authentication goes), this agent's Foreign-Home authenticator added when it shares a key with the
     * home agent and the request is no deregistration (§3.5.4), and the request goes to the home agent
     * over UDP, without the AAA.
     */
    private CompletableFuture<Optional<byte[]>> renewal(RegistrationPacket request, SocketAddress mobileNode) {
        RegistrationRequest fixed = request.request();
        Visitor visitor = visitors.get(fixed.homeAddress());
        List<ExtensionField> mf = request.fields(org.mipaaa.mobileip.MobileForeignAuthentication.class);
        if (visitor == null || mf.isEmpty()
                || !org.mipaaa.mobileip.auth.Authenticators.verify(request, mf.get(0), visitor.mnFa())) {
            return refuse(fixed, ReplyCode.FA_MOBILE_NODE_FAILED_AUTHENTICATION);
        }
        InetSocketAddress homeAgent = homeAgents.get(fixed.homeAgent());
        java.util.OptionalInt keep = request.lastAuthorizationEnablingIndex();
        if (homeAgent == null || keep.isEmpty()) {
            return refuse(fixed, ReplyCode.FA_HOME_AGENT_UNREACHABLE);
        }
        byte[] toHome = request.bytesThrough(keep.getAsInt());
        Optional<MobilitySecurityAssociation> fh = homeAgentKeys.with(fixed.homeAgent());
        if (fh.isPresent() && fixed.lifetime() != 0) {
            toHome = RegistrationBuilder.continuing(toHome).authenticate(AuthenticationKind.FOREIGN_HOME, fh.get()).toBytes();
        }
        long now = System.nanoTime();
        relayed.values().removeIf(r -> now - r.expiresAt() > 0); // the mobile node retransmits a renewal not answered
        if (relayed.size() >= MAX_RELAYED) {
            log.warn("{} renewals wait for their home agents: renewal of {} refused", relayed.size(), fixed.homeAddress().getHostAddress());
            return refuse(fixed, ReplyCode.FA_HOME_AGENT_UNREACHABLE);
        }
        relayed.put(pendingKey(fixed.homeAddress(), fixed.identification()),
                new Relayed(mobileNode, homeAgent, now + answerTimeout.toNanos()));
        port.send(toHome, homeAgent);
        return CompletableFuture.completedFuture(Optional.empty()); // the reply comes from the home agent (S109)
    }

    /**
     * S109-S110: the home agent's reply, with this agent's Mobile-Foreign authenticator, to the mobile
     * node. With a key shared with the home agent, a reply of nonzero lifetime must carry exactly one
     * valid Foreign-Home authenticator, else it is discarded and logged (RFC 5944 §3.7.3.2); it goes no
     * further than this agent.
     */
    private void homeAgentReply(byte[] bytes, SocketAddress sender) {
        RegistrationPacket reply;
        try {
            reply = RegistrationCodec.decodeReply(bytes);
        } catch (MalformedRegistrationException e) {
            log.debug("malformed reply from a home agent: {}", e.getMessage());
            return;
        }
        RegistrationReply fixed = reply.reply();
        String key = pendingKey(fixed.homeAddress(), fixed.identification());
        Relayed pending = relayed.get(key);
        if (pending == null) {
            log.debug("a home agent's reply for {} matches no relayed request", fixed.homeAddress().getHostAddress());
            return;
        }
        if (!pending.homeAgent().equals(sender)) {
            // only the home agent the renewal went to answers it: anybody else's "reply" (a lifetime 0
            // one would end the visit) is dropped
            log.warn("a reply for {} from {}, not from its home agent {}: discarded", fixed.homeAddress().getHostAddress(), sender,
                    pending.homeAgent());
            return;
        }
        Optional<MobilitySecurityAssociation> fh = homeAgentKeys.with(fixed.homeAgent());
        if (fh.isPresent() && fixed.lifetime() != 0 && !ForeignHomeKeys.verifies(reply, fh.get())) {
            log.warn("security exception: reply from home agent {} for {} without a valid Foreign-Home authenticator: discarded",
                    fixed.homeAgent().getHostAddress(), fixed.homeAddress().getHostAddress());
            return;
        }
        if (!relayed.remove(key, pending)) {
            return; // a duplicate reply raced this one
        }
        SocketAddress mobileNode = pending.mobileNode();
        byte[] upToHome = reply.lastAuthorizationEnablingIndex().isPresent()
                ? reply.bytesThrough(reply.lastAuthorizationEnablingIndex().getAsInt()) : bytes;
        Visitor visitor = visitors.get(fixed.homeAddress());
        RegistrationBuilder toNode = RegistrationBuilder.continuing(upToHome).add(newChallenge());
        byte[] toMobileNode = visitor == null ? toNode.toBytes()
                : toNode.authenticate(AuthenticationKind.MOBILE_FOREIGN, visitor.mnFa()).toBytes();
        boolean accepted = fixed.code() == ReplyCode.ACCEPTED || fixed.code() == ReplyCode.ACCEPTED_NO_SIMULTANEOUS_BINDINGS;
        if (accepted && visitor != null && fixed.lifetime() == 0) {
            if (visitors.remove(fixed.homeAddress(), visitor)) { // deregistered: the visit ends here
                tellVisitListeners(l -> l.ended(visitor.visit(), VisitListener.End.DEREGISTERED));
            }
        } else if (accepted && visitor != null) {
            visitors.replace(fixed.homeAddress(), visitor,
                    new Visitor(visitor.mnFa(), visitor.visit(), clock.instant().plusSeconds(fixed.lifetime())));
            tellVisitListeners(l -> l.renewed(fixed.homeAddress(), Duration.ofSeconds(fixed.lifetime())));
        }
        port.send(toMobileNode, mobileNode);
    }

    /** A relayed renewal, by home address and the Identification's low-order half (RFC 5944 §5.7.1). */
    private static String pendingKey(Inet4Address homeAddress, long identification) {
        return homeAddress.getHostAddress() + "/" + (identification & 0xFFFFFFFFL);
    }

    /** RFC 4004 §5.1 AMR from the foreign agent's view of the request; returns its MIP-Feature-Vector. */
    private static long fill(AvpWriter avps, RegistrationPacket request, String nai, MnFaChallenge challenge, ExtensionField mnAaa) {
        avps.add(AvpCodes.USER_NAME, nai)
                .add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED)
                .add(AvpCodes.MIP_REG_REQUEST, request.bytes());
        avps.group(AvpCodes.MIP_MN_AAA_AUTH)
                .add(AvpCodes.MIP_MN_AAA_SPI, ((GeneralizedMnAaaAuthentication) mnAaa.extension()).spi())
                // RFC 4004 §7.6-7.9: the authenticator covers everything up to and including the SPI
                .add(AvpCodes.MIP_AUTH_INPUT_DATA_LENGTH, mnAaa.authenticatorOffset())
                .add(AvpCodes.MIP_AUTHENTICATOR_LENGTH, mnAaa.authenticatorLength())
                .add(AvpCodes.MIP_AUTHENTICATOR_OFFSET, mnAaa.authenticatorOffset());
        avps.add(AvpCodes.MIP_FA_CHALLENGE, challenge.challenge());
        RegistrationRequest fixed = request.request();
        long features = featureVector(fixed, request.first(MnHaKeyGenerationNonceRequest.class).isPresent(),
                request.first(MnFaKeyGenerationNonceRequest.class).isPresent());
        avps.add(AvpCodes.MIP_FEATURE_VECTOR, features);
        // §5.1: no MIP-Mobile-Node-Address for a home address of zero, all ones for all ones; no
        // MIP-Home-Agent-Address for a home agent of zero or all ones
        if (!fixed.homeAddress().isAnyLocalAddress()) {
            avps.add(AvpCodes.MIP_MOBILE_NODE_ADDRESS, fixed.homeAddress());
        }
        if (!fixed.homeAgent().isAnyLocalAddress() && !isAllOnes(fixed.homeAgent())) {
            avps.add(AvpCodes.MIP_HOME_AGENT_ADDRESS, fixed.homeAgent());
        }
        return features;
    }

    /**
     * The MIP-Feature-Vector of an AMR (RFC 4004 §7.5, §3.2): a home address of 0.0.0.0 or
     * 255.255.255.255 requests one; a home agent of 0.0.0.0 requests one allocatable anywhere, of
     * 255.255.255.255 one in the home realm only; either request, or the node's MN-HA key request
     * extension, asks for MN-HA keys; its MN-FA key request extension for MN-FA keys.
     */
    static long featureVector(RegistrationRequest fixed, boolean mnHaKeyRequested, boolean mnFaKeyRequested) {
        long features = 0;
        if (fixed.homeAddress().isAnyLocalAddress() || isAllOnes(fixed.homeAddress())) {
            features |= Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED;
        }
        if (fixed.homeAgent().isAnyLocalAddress()) {
            features |= Enumerations.MIP_FEATURE_VECTOR_HOME_AGENT_REQUESTED;
        } else if (isAllOnes(fixed.homeAgent())) {
            features |= Enumerations.MIP_FEATURE_VECTOR_HOME_AGENT_REQUESTED
                    | Enumerations.MIP_FEATURE_VECTOR_HOME_ADDRESS_ALLOCATABLE_ONLY_IN_HOME_REALM;
        }
        boolean requested = (features & (Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED
                | Enumerations.MIP_FEATURE_VECTOR_HOME_AGENT_REQUESTED)) != 0;
        if (mnHaKeyRequested || requested) {
            features |= Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST;
        }
        if (mnFaKeyRequested) {
            features |= Enumerations.MIP_FEATURE_VECTOR_MN_FA_KEY_REQUEST;
        }
        return features;
    }

    private static boolean isAllOnes(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & b[1] & b[2] & b[3]) == (byte) 0xFF;
    }

    /**
     * The home agent's reply out of the AMA, with this agent's Mobile-Foreign authenticator when the
     * AAAH sent an MN-FA key; a refusal with no reply inside becomes one of the agent's own codes.
     */
    private byte[] replyFromAma(RegistrationRequest fixed, String nai, long features, Answer ama) {
        AvpSet avps = ama.getAvps();
        try {
            Avp regReply = avps.getAvp(AvpCodes.MIP_REG_REPLY, 0);
            if (regReply == null) {
                long result = AnswerResult.resultCode(ama);
                int code = switch ((int) result) {
                    case ResultCodes.AUTHENTICATION_REJECTED -> ReplyCode.FA_MOBILE_NODE_FAILED_AUTHENTICATION;
                    case ResultCodes.ERROR_HA_NOT_AVAILABLE -> ReplyCode.FA_HOME_AGENT_UNREACHABLE;
                    default -> ReplyCode.FA_REASON_UNSPECIFIED;
                };
                return reply(fixed, code);
            }
            byte[] fromHome = regReply.getOctetString();
            Avp msa = avps.getAvp(AvpCodes.MIP_FA_TO_MN_MSA, 0);
            if (msa == null) {
                return RegistrationBuilder.continuing(fromHome).add(newChallenge()).toBytes();
            }
            AvpSet group = msa.getGrouped();
            long spi = group.getAvp(AvpCodes.MIP_FA_TO_MN_SPI, 0).getUnsigned32();
            int algorithm = group.getAvp(AvpCodes.MIP_ALGORITHM_TYPE, 0).getInteger32();
            byte[] key = group.getAvp(AvpCodes.MIP_SESSION_KEY, 0).getOctetString();
            MobilitySecurityAssociation mnFa = new MobilitySecurityAssociation(spi, AuthAlgorithm.fromIdentifier(algorithm), key);
            RegistrationReply accepted = RegistrationCodec.decodeReply(fromHome).reply();
            if (accepted.code() == ReplyCode.ACCEPTED || accepted.code() == ReplyCode.ACCEPTED_NO_SIMULTANEOUS_BINDINGS) {
                Avp multiSession = avps.getAvp(AvpCodes.ACCT_MULTI_SESSION_ID, 0);
                Avp origin = avps.getAvp(AvpCodes.ORIGIN_HOST);
                Avp state = avps.getAvp(AvpCodes.AUTH_SESSION_STATE);
                // RFC 6733 §8.11: the server's answer binds; absent, STATE_MAINTAINED is the default
                boolean stateMaintained = state == null || state.getInteger32() != Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED;
                Visit visit = new Visit(nai, ama.getSessionId(), multiSession == null ? ama.getSessionId() : multiSession.getUTF8String(),
                        accepted.homeAddress(), accepted.homeAgent(), features, Duration.ofSeconds(accepted.lifetime()),
                        origin == null ? Optional.empty() : Optional.of(origin.getDiameterIdentity()), stateMaintained);
                if (avps.getAvp(AvpCodes.MIP_FILTER_RULE) != null) {
                    // RFC 4004 §7.8: rules for this agent to apply; it applies none, so it does not
                    // serve the node unfiltered (RFC 5944 §3.7.3 code 65)
                    log.warn("AMA {} for {} carries MIP-Filter-Rule, which this foreign agent cannot apply: refused",
                            ama.getSessionId(), nai);
                    tellVisitListeners(l -> l.refused(visit));
                    return reply(fixed, ReplyCode.FA_ADMINISTRATIVELY_PROHIBITED);
                }
                Visitor previous = visitors.put(accepted.homeAddress(),
                        new Visitor(mnFa, visit, clock.instant().plusSeconds(accepted.lifetime())));
                if (previous != null) {
                    tellVisitListeners(l -> l.ended(previous.visit(), VisitListener.End.SUPERSEDED));
                }
                tellVisitListeners(l -> l.started(visit));
            }
            return RegistrationBuilder.continuing(fromHome)
                    .add(newChallenge())
                    .authenticate(AuthenticationKind.MOBILE_FOREIGN, mnFa)
                    .toBytes();
        } catch (AvpDataException | MalformedRegistrationException | RuntimeException e) {
            log.warn("AMA does not decode: {}", e.toString());
            return reply(fixed, ReplyCode.FA_POORLY_FORMED_REPLY);
        }
    }

    private CompletableFuture<Optional<byte[]>> refuse(RegistrationRequest fixed, int code) {
        return CompletableFuture.completedFuture(Optional.of(reply(fixed, code)));
    }

    /**
     * A reply of the foreign agent's own (RFC 5944 §3.7.2.2): its code, the request's fields, and a new
     * challenge (RFC 4721 §3.3), with which a node that had none, or a stale one, registers next.
     */
    private byte[] reply(RegistrationRequest fixed, int code) {
        return RegistrationBuilder.reply(new RegistrationReply(code, 0, fixed.homeAddress(), fixed.homeAgent(),
                fixed.identification())).add(newChallenge()).toBytes();
    }

    /**
     * RFC 4721 §3.3: "the foreign agent MUST include a previously unused challenge in any Registration
     * Reply, successful or not" (this agent advertises only to its own process, so it always does); it
     * goes before the Mobile-Foreign authenticator, which covers it.
     */
    private MnFaChallenge newChallenge() {
        return new MnFaChallenge(challenges.issue());
    }

    private static String realmOf(String nai) {
        int at = nai.lastIndexOf('@');
        return at < 0 ? nai : nai.substring(at + 1);
    }

    /** Stops taking registrations; the visits still open end ({@link VisitListener.End#SHUTDOWN}). */
    @Override
    public void close() {
        port.close();
        AgentTimers.stop(expiry);
        for (Map.Entry<Inet4Address, Visitor> e : visitors.entrySet()) {
            Visitor v = e.getValue();
            if (visitors.remove(e.getKey(), v)) {
                tellVisitListeners(l -> l.ended(v.visit(), VisitListener.End.SHUTDOWN));
            }
        }
    }
}
