package org.mipaaa.ha;

import java.net.Inet4Address;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.mobileip.GeneralizedMnAaaAuthentication;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MalformedRegistrationException;
import org.mipaaa.mobileip.MnFaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.mobileip.auth.MobilitySecurityAssociation;
import org.mipaaa.registration.AbortedSessions;
import org.mipaaa.registration.BindingTable;
import org.mipaaa.registration.BindingUpdateListener;
import org.mipaaa.registration.HomeAgentReply;
import org.mipaaa.registration.HomeRegistrationSettings;
import org.mipaaa.registration.IdentificationCheck;
import org.mipaaa.registration.MnHaSecurityAssociation;
import org.mipaaa.registration.MobilityBinding;
import org.mipaaa.registration.PendingTerminations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home agent's Home-Agent-MIP-Request (RFC 4004 §5.3-§5.4; seed S105).
 *
 * <ol>
 * <li><b>decode</b>: User-Name, MIP-Reg-Request (a Registration Request with an MN-HA key request
 *     extension, RFC 3957 §6.3, and an MN-AAA extension whose SPI names the AAA-key, RFC 4721 §6),
 *     MIP-Mobile-Node-Address (else the request's own Home Address, or one of this agent's pool:
 *     {@link HomeAgentAddresses}), MIP-Home-Agent-Address (else
 *     this HA's configured address), Authorization-Lifetime, MIP-MN-to-HA-MSA (the MN-HA nonce),
 *     MIP-HA-to-MN-MSA (the MN-HA session key), MIP-MN-to-FA-MSA (the MN-FA nonce, optional),
 *     MIP-MSA-Lifetime. What does not decode is 5004 (Failed-AVP), a missing MSA 5005.</li>
 * <li><b>validate</b>: the Identification (RFC 5944 §5.7.1, {@link IdentificationCheck}) against the
 *     binding the home address already has; a refused one is answered 4005
 *     DIAMETER_ERROR_MIP_REPLY_FAILURE (RFC 4004 §6.2) with a Registration Reply of code 133
 *     (RFC 5944 §5.7.1) authenticated with the binding's MN-HA key, or without a binding with the new
 *     key and its nonce (RFC 5944 §3.8.3.2), and no binding is changed.</li>
 * <li><b>act</b>: a fresh MN-to-HA SPI (RFC 4004 §8: the HA allocates it), the
 *     {@link MnHaSecurityAssociation} (the MN's SPI from its key request for the HA's replies), the
 *     {@link MobilityBinding} with the request's care-of address, stored compare-and-set.</li>
 * <li><b>answer</b>: HAA 2001 with the Registration Reply ({@link HomeAgentReply#accepted}: code 0,
 *     the nonce reply extensions, Mobile-Home authentication with the new key), a fresh
 *     Acct-Multi-Session-Id (RFC 4004 §4.1.2), MIP-Mobile-Node-Address and MIP-Home-Agent-Address.</li>
 * </ol>
 *
 * <p>The FA SPI of the MN-FA nonce reply (RFC 3957 §6.2): the foreign agent chooses it (RFC 4004 §8),
 * but no AVP of the HAR carries it (PROTOCOL.md §8.4); until the foreign agent's side exists the home
 * agent writes the SPI the mobile node proposed in its MN-FA key request, so one SPI names the MN-FA
 * key both ways.
 *
 * <p>A binding of another NAI on the home address is replaced: the pool that allocated it (the AAAH's,
 * or this agent's) is the authority on who holds an address, and such a binding is left over from a
 * registration the AAAH gave up on. An HAR with neither MIP-Mobile-Node-Address nor a Home Address
 * takes one from this agent's pool (RFC 4004 §5.3); none left is 4005 with a Registration Reply of
 * code 130 (RFC 5944 §3.4).
 *
 * <p>An HAR with MIP-Filter-Rule is 4008 DIAMETER_ERROR_MIP_FILTER_NOT_SUPPORTED (RFC 4004 §6.1): this
 * home agent applies no packet filters, and ignoring rules the AAAH set would serve the node unfiltered.
 *
 * <p>Sessions (RFC 4004 §4.1): an HAR in the session of the node's binding continues it (a hand-off:
 * the binding moves to the new care-of address and keeps its Acct-Multi-Session-Id); an HAR in a new
 * session for a node with a binding is taken as continuing it too (§4.1.2: the HA "MUST be able to
 * modify its internal session state information to reflect the new session identifier"); an HAR in a
 * session that has ended here (its STR not yet answered) is 5002, so the AAAH starts a new one.
 *
 * <p>An HAR whose session the AAAH has aborted ({@link AsrHandler}: it stopped waiting for the HAA)
 * binds nothing and is answered 5012; the check is made again after the binding is stored, so an ASR
 * that arrives while the HAR is being handled undoes it either way.
 *
 * <p>Not here: deregistration (Lifetime 0) and renewals, which reach the home agent as Mobile IP
 * directly (seed S107-S110): an HAR with Lifetime 0 is 5012.
 */
public final class HarHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(HarHandler.class);
    private static final Outcome ABORTED_BY_THE_AAAH = Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY,
            "the home AAA server aborted this session (ASR)");

    private final BindingTable bindings;
    private final HomeRegistrationSettings settings;
    private final IdentificationCheck identification;
    private final SecureRandom random;
    private final Clock clock;
    private final String host;
    private final AbortedSessions aborted;
    private final PendingTerminations terminations;
    private final HomeAgentAddresses addresses;
    private final java.util.List<BindingUpdateListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param terminations the STRs of sessions that ended here and wait for the AAAH's answer
     * @param addresses    the home addresses this home agent allocates for HARs that name none
     */
    public HarHandler(BindingTable bindings, AbortedSessions aborted, PendingTerminations terminations,
                      HomeAgentAddresses addresses, HomeRegistrationSettings settings, IdentificationCheck identification,
                      SecureRandom random, Clock clock,
                      String host) {
        this.bindings = bindings;
        this.aborted = aborted;
        this.terminations = terminations;
        this.addresses = addresses;
        this.settings = settings;
        this.identification = identification;
        this.random = random;
        this.clock = clock;
        this.host = host;
    }

    private record Har(String nai, RegistrationPacket registration, Optional<Inet4Address> assignedAddress, Inet4Address homeAgent,
                       long authorizationLifetime, byte[] mnHaNonce, byte[] mnHaKey, Optional<byte[]> mnFaNonce,
                       long keyLifetime, long mnSpiForHa, Optional<Long> mnSpiForFa, long aaaSpi) {
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        return bind(request).now();
    }

    private Outcome bind(Request request) {
        if (Avps.find(request.getAvps(), AvpCodes.MIP_FILTER_RULE).isPresent()) {
            // RFC 4004 §6.1, §7.8: this home agent configures no packet filters; binding the node without
            // the rules its home asked for would serve it unfiltered
            return Outcome.refusal(ResultCodes.ERROR_MIP_FILTER_NOT_SUPPORTED, "this home agent supports no MIP-Filter-Rule");
        }
        if (terminations.contains(request.getSessionId())) {
            // RFC 4004 §4.1.1: the AAAH continues the node's session in this HAR, but it ended here and
            // its STR is on the way; binding it again would leave the AAAH's and this agent's state apart
            return Outcome.refusal(ResultCodes.UNKNOWN_SESSION_ID, "this session ended here (binding gone, STR sent)");
        }
        Har har;
        try {
            har = decode(request.getAvps());
        } catch (Avps.Invalid e) {
            return e.refusal();
        }
        RegistrationRequest fixed = har.registration().request();
        if (aborted.isAborted(request.getSessionId())) {
            return ABORTED_BY_THE_AAAH;
        }
        if (fixed.isDeregistration()) {
            return Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY, "deregistration goes to the home agent directly, not through an HAR");
        }
        // act (the key association first: the reply of a refused Identification is authenticated with it)
        MnHaSecurityAssociation mnHa = new MnHaSecurityAssociation(newSpi(), har.mnSpiForHa(), AuthAlgorithm.HMAC_SHA1,
                har.mnHaKey());
        HomeAgentReply.Keys keys = new HomeAgentReply.Keys(har.aaaSpi(), mnHa, har.mnHaNonce(), har.mnFaNonce(),
                har.mnSpiForFa().orElse(har.mnSpiForHa()), har.keyLifetime());
        HomeAgentAddresses.Allocation allocation = addresses.forHar(har.nai(), har.assignedAddress(), fixed.homeAddress());
        if (allocation instanceof HomeAgentAddresses.Allocation.NoneLeft none) {
            // RFC 5944 §3.4 code 130 "insufficient resources", authenticated with the new key and its nonce
            log.warn("HAR for {}: {}", har.nai(), none.reason());
            byte[] reply = HomeAgentReply.denied(ReplyCode.HA_INSUFFICIENT_RESOURCES, fixed.homeAddress(), har.homeAgent(),
                    fixed.identification(), mnHa, Optional.of(keys), har.registration().nai());
            return Outcome.refusal(ResultCodes.ERROR_MIP_REPLY_FAILURE, none.reason())
                    .with(avps -> avps.add(AvpCodes.MIP_REG_REPLY, reply).add(AvpCodes.USER_NAME, har.nai()));
        }
        Inet4Address homeAddress = allocation instanceof HomeAgentAddresses.Allocation.Allocated allocated
                ? allocated.address() : ((HomeAgentAddresses.Allocation.NotNeeded) allocation).address();
        Optional<MobilityBinding> stored = bindings.find(homeAddress);
        // whoever allocated the address (the AAAH, or this agent's pool) made it this NAI's: a binding of
        // another NAI on it is stale (its node's address was released, e.g. after an HAA that came too
        // late) and is replaced
        Optional<MobilityBinding> existing = stored.filter(b -> b.nai().equals(har.nai()));
        if (stored.isPresent() && existing.isEmpty()) {
            log.warn("HAR for {}: replaces the stale binding of {} on home address {}", har.nai(), stored.get().nai(),
                    Ipv4.format(homeAddress));
        }
        IdentificationCheck.Verdict verdict = identification.check(fixed.identification(),
                existing.map(b -> OptionalLong.of(b.lastIdentification())).orElse(OptionalLong.empty()), clock.instant());
        if (verdict instanceof IdentificationCheck.Refused refused) {
            log.info("HAR for {}: Identification refused ({})", har.nai(), refused.reason());
            addresses.unused(har.nai(), allocation);
            // authenticated with a key the MN has: its binding's, else the new one with its nonce
            byte[] reply = existing.isPresent()
                    ? HomeAgentReply.denied(refused.replyCode(), homeAddress, har.homeAgent(),
                            refused.replyIdentification(), existing.get().mnHa(), Optional.empty(), har.registration().nai())
                    : HomeAgentReply.denied(refused.replyCode(), homeAddress, har.homeAgent(),
                            refused.replyIdentification(), mnHa, Optional.of(keys), har.registration().nai());
            return Outcome.refusal(ResultCodes.ERROR_MIP_REPLY_FAILURE, "registration Identification mismatch")
                    .with(avps -> avps.add(AvpCodes.MIP_REG_REPLY, reply).add(AvpCodes.USER_NAME, har.nai()));
        }
        int lifetime = (int) Math.min(settings.grantedLifetime(fixed.lifetime()), har.authorizationLifetime());
        byte[] reply = HomeAgentReply.accepted(lifetime, homeAddress, har.homeAgent(), verdict.replyIdentification(),
                keys, har.registration().nai());
        // RFC 4004 §4.1.2: the same Acct-Multi-Session-Id in all HAAs of the mobile node's session (a
        // renewal, a hand-off to another foreign agent); a new one only for a node that has no binding
        String multiSession = existing.map(MobilityBinding::acctMultiSessionId)
                .orElseGet(() -> host + ";" + HexFormat.of().toHexDigits(random.nextLong()));
        MobilityBinding binding = MobilityBinding.registered(homeAddress, har.nai(), fixed.careOfAddress(),
                har.homeAgent(), Duration.ofSeconds(lifetime), clock.instant(), mnHa, fixed.identification(), multiSession,
                request.getSessionId());
        boolean saved = stored.isPresent() ? bindings.replace(stored.get(), binding) : bindings.create(binding);
        if (!saved) {
            addresses.unused(har.nai(), allocation);
            return Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY, "the binding changed meanwhile");
        }
        if (aborted.isAborted(request.getSessionId())) {
            // the ASR came while this HAR was being handled and found no binding yet: undo it here
            bindings.remove(binding);
            addresses.unused(har.nai(), allocation);
            return ABORTED_BY_THE_AAAH;
        }
        BindingUpdateListener.tellAll(listeners, binding, har.registration(), BindingUpdateListener.Update.CREATED);
        log.info("HAR for {}: bound {} to care-of address {} for {} s", har.nai(), Ipv4.format(homeAddress),
                Ipv4.format(fixed.careOfAddress()), lifetime);
        return Outcome.success(avps -> avps.add(AvpCodes.ACCT_MULTI_SESSION_ID, multiSession)
                .add(AvpCodes.USER_NAME, har.nai())
                .add(AvpCodes.MIP_REG_REPLY, reply)
                .add(AvpCodes.MIP_HOME_AGENT_ADDRESS, har.homeAgent())
                .add(AvpCodes.MIP_MOBILE_NODE_ADDRESS, homeAddress));
    }

    /** {@code listener} is told of each binding an HAR makes (presence: the node is visiting). */
    public void addListener(BindingUpdateListener listener) {
        listeners.add(listener);
    }

    private Har decode(AvpSet avps) throws Avps.Invalid {
        String nai = Avps.utf8(Avps.require(avps, AvpCodes.USER_NAME, "User-Name"));
        Avp regAvp = Avps.require(avps, AvpCodes.MIP_REG_REQUEST, "MIP-Reg-Request");
        RegistrationPacket registration;
        try {
            registration = RegistrationCodec.decodeRequest(Avps.octets(regAvp));
        } catch (MalformedRegistrationException e) {
            throw Avps.invalid(regAvp, "MIP-Reg-Request is no Registration Request: " + e.getMessage());
        }
        if (registration.first(MnHaKeyGenerationNonceRequest.class).isEmpty() && Avps.find(avps, AvpCodes.MIP_MN_TO_HA_MSA).isEmpty()) {
            // a node with a static MN-HA security association (RFC 3957 §3): this home agent keeps none,
            // it serves the nodes whose MN-HA key the AAA distributes
            throw new Avps.Invalid(Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY,
                    "no MN-HA security association with " + nai + ": this home agent takes MN-HA keys from the AAA (RFC 3957)"));
        }
        MnHaKeyGenerationNonceRequest haKeyRequest = registration.first(MnHaKeyGenerationNonceRequest.class)
                .orElseThrow(() -> Avps.invalid(regAvp, "the Registration Request has no MN-HA key request (RFC 3957 6.3)"));
        GeneralizedMnAaaAuthentication mnAaa = registration.first(GeneralizedMnAaaAuthentication.class)
                .orElseThrow(() -> Avps.invalid(regAvp, "the Registration Request has no MN-AAA authentication"));
        if (haKeyRequest.mobileNodeSpi() < MobilitySecurityAssociation.FIRST_UNRESERVED_SPI) {
            throw Avps.invalid(regAvp, "reserved MN-HA SPI " + haKeyRequest.mobileNodeSpi() + " (RFC 5944 1.6)");
        }
        Optional<Avp> mnAddressAvp = Avps.find(avps, AvpCodes.MIP_MOBILE_NODE_ADDRESS);
        Optional<Inet4Address> assigned = Optional.empty();
        if (mnAddressAvp.isPresent()) {
            assigned = Optional.of(Avps.ipv4(mnAddressAvp.get()));
            if (assigned.get().isAnyLocalAddress()) {
                throw Avps.invalid(mnAddressAvp.get(), "MIP-Mobile-Node-Address 0.0.0.0");
            }
        }
        Optional<Avp> haAddressAvp = Avps.find(avps, AvpCodes.MIP_HOME_AGENT_ADDRESS);
        Inet4Address homeAgent = haAddressAvp.isPresent() ? Avps.ipv4(haAddressAvp.get())
                : settings.homeAgentAddress().orElse(registration.request().homeAgent());
        long authLifetime = Avps.unsigned32(Avps.require(avps, AvpCodes.AUTHORIZATION_LIFETIME, "Authorization-Lifetime"));

        AvpSet mnToHa = Avps.grouped(Avps.require(avps, AvpCodes.MIP_MN_TO_HA_MSA, "MIP-MN-to-HA-MSA"));
        checkAlgorithm(mnToHa);
        byte[] haNonce = Avps.octets(Avps.require(mnToHa, AvpCodes.MIP_NONCE, "MIP-Nonce"));
        AvpSet haToMn = Avps.grouped(Avps.require(avps, AvpCodes.MIP_HA_TO_MN_MSA, "MIP-HA-to-MN-MSA"));
        checkAlgorithm(haToMn);
        Avp keyAvp = Avps.require(haToMn, AvpCodes.MIP_SESSION_KEY, "MIP-Session-Key");
        byte[] haKey = Avps.octets(keyAvp);
        if (haKey.length == 0) {
            throw Avps.invalid(keyAvp, "empty MN-HA session key");
        }
        Optional<byte[]> faNonce = Optional.empty();
        Optional<Avp> mnToFaAvp = Avps.find(avps, AvpCodes.MIP_MN_TO_FA_MSA);
        if (mnToFaAvp.isPresent()) {
            AvpSet mnToFa = Avps.grouped(mnToFaAvp.get());
            checkAlgorithm(mnToFa);
            faNonce = Optional.of(Avps.octets(Avps.require(mnToFa, AvpCodes.MIP_NONCE, "MIP-Nonce")));
        }
        Optional<Avp> msaLifetime = Avps.find(avps, AvpCodes.MIP_MSA_LIFETIME);
        long keyLifetime = msaLifetime.isPresent() ? Avps.unsigned32(msaLifetime.get()) : 0;
        Optional<Long> faSpi = registration.first(MnFaKeyGenerationNonceRequest.class).map(MnFaKeyGenerationNonceRequest::mobileNodeSpi);
        return new Har(nai, registration, assigned, homeAgent, authLifetime, haNonce, haKey, faNonce, keyLifetime,
                haKeyRequest.mobileNodeSpi(), faSpi, mnAaa.spi());
    }

    /** RFC 4004 §9.8: HMAC-SHA-1 (2) is the only MIP-Algorithm-Type. */
    private static void checkAlgorithm(AvpSet msa) throws Avps.Invalid {
        Avp algorithm = Avps.require(msa, AvpCodes.MIP_ALGORITHM_TYPE, "MIP-Algorithm-Type");
        if (Avps.integer32(algorithm) != Enumerations.MIP_ALGORITHM_TYPE_HMAC_SHA_1) {
            throw Avps.invalid(algorithm, "unsupported MIP-Algorithm-Type (RFC 4004 9.8: 2, HMAC-SHA-1)");
        }
    }

    /** An SPI of 256..2^32-1 for the MN-to-HA direction (RFC 5944 §1.6, RFC 4004 §8). */
    private long newSpi() {
        return MobilitySecurityAssociation.FIRST_UNRESERVED_SPI
                + Math.floorMod(random.nextLong(), 0x1_0000_0000L - MobilitySecurityAssociation.FIRST_UNRESERVED_SPI);
    }

}
