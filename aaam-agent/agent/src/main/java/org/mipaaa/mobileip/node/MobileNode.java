package org.mipaaa.mobileip.node;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

import org.mipaaa.dictionary.VendorIds;
import org.mipaaa.mobileip.AuthenticationKind;
import org.mipaaa.mobileip.BusySignal;
import org.mipaaa.mobileip.ExtensionField;
import org.mipaaa.mobileip.Identification;
import org.mipaaa.mobileip.MalformedRegistrationException;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.MnFaKeyGenerationNonceReply;
import org.mipaaa.mobileip.MnFaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceReply;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MobileForeignAuthentication;
import org.mipaaa.mobileip.MobileHomeAuthentication;
import org.mipaaa.mobileip.MobileNodeNai;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.RegistrationReply;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.mobileip.auth.Authenticators;
import org.mipaaa.mobileip.auth.KeyDerivation;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.auth.MobilitySecurityAssociation;

/**
 * The mobile node's side of a first registration through a foreign agent with AAA (seed S102 and its
 * answer S110; RFC 5944 §3.6, RFC 4721 §3.1, RFC 3957 §3): it asks for MN-HA and MN-FA keys,
 * proves itself with the MN-AAA authenticator over the foreign agent's challenge, and on the reply
 * derives both keys from the nonces and its MN-AAA key and checks the home agent's and the foreign
 * agent's authenticators with them. Usable by a mobile-node vendor as it is, and by the demo and the
 * tests as the simulated mobile node.
 *
 * <p>Thread-safe: its settings are immutable, the busy flag is volatile, and each registration is a value of its own.
 */
public final class MobileNode {

    /** SPIs this node assigns to the security associations it will verify (RFC 4004 §8). */
    private static final long HA_TO_MN_SPI = 0x1000;
    private static final long FA_TO_MN_SPI = 0x1001;

    private final String nai;
    private final MnAaaSecurityAssociation aaa;
    private final Inet4Address homeAgent;
    private final Clock clock;
    private final long vendorId;
    private final SecureRandom random = new SecureRandom();
    /** What the node tells its home agent about its telephone, once it has said anything (seed S2004). */
    private volatile Optional<Boolean> busy = Optional.empty();

    /**
     * @param nai       the node's Network Access Identifier (RFC 2794)
     * @param aaa       the security association it shares with its home AAA server
     * @param homeAgent its home agent's address, or 0.0.0.0 to let the AAAH choose (RFC 4004 §1.2)
     */
    public MobileNode(String nai, MnAaaSecurityAssociation aaa, Inet4Address homeAgent, Clock clock) {
        this(nai, aaa, homeAgent, clock, VendorIds.MIP_AAA_DEFAULT);
    }

    /**
     * @param vendorId the carrier's enterprise number its home agent expects in the busy extension
     *                 ({@link BusySignal}; the home agent's {@code vendor.id})
     */
    public MobileNode(String nai, MnAaaSecurityAssociation aaa, Inet4Address homeAgent, Clock clock, long vendorId) {
        this.nai = nai;
        this.aaa = aaa;
        this.homeAgent = homeAgent;
        this.clock = clock;
        this.vendorId = vendorId;
    }

    /**
     * Says whether the node's telephone is busy (seed S2004-S2009). Every registration built after this
     * call, first registration, renewal or deregistration, carries the {@link BusySignal} extension
     * under its authenticator, so the home agent learns it with the next one the node sends; until the
     * first call the node's registrations say nothing about it.
     */
    public void busy(boolean busy) {
        this.busy = Optional.of(busy);
    }

    public String nai() {
        return nai;
    }

    /**
     * A first Registration Request (S102) with the foreign agent's challenge: home address 0.0.0.0
     * (to be assigned), the care-of address the foreign agent advertised, a fresh timestamp
     * Identification (RFC 5944 §5.7.1), the MN-NAI, both key requests, the challenge and the MN-AAA
     * authenticator.
     */
    public FirstRegistration firstRegistration(Inet4Address careOfAddress, byte[] challenge, int lifetime) {
        long identification = Identification.ntpTimestamp(clock.instant(), random.nextInt());
        RegistrationRequest fixed = new RegistrationRequest(0, lifetime, unspecified(), homeAgent, careOfAddress, identification);
        RegistrationBuilder builder = RegistrationBuilder.request(fixed)
                .add(new MobileNodeNai(nai))
                .add(new MnHaKeyGenerationNonceRequest(HA_TO_MN_SPI))
                .add(new MnFaKeyGenerationNonceRequest(FA_TO_MN_SPI))
                .add(new MnFaChallenge(challenge));
        return new FirstRegistration(fixed, withBusySignal(builder)
                .authenticate(AuthenticationKind.MN_AAA, aaa.forChallenge(challenge))
                .toBytes());
    }

    /** Adds the busy extension, if the node has signalled anything, before the authenticators. */
    private RegistrationBuilder withBusySignal(RegistrationBuilder builder) {
        busy.ifPresent(b -> builder.add(BusySignal.extension(vendorId, b)));
        return builder;
    }

    /** A request on its way, to be matched with its reply. */
    public final class FirstRegistration {

        private final RegistrationRequest request;
        private final byte[] bytes;

        private FirstRegistration(RegistrationRequest request, byte[] bytes) {
            this.request = request;
            this.bytes = bytes.clone();
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        public RegistrationRequest request() {
            return request;
        }

        /**
         * Checks the reply (S110): same Identification low-order bits, and, when accepted, the
         * Mobile-Home authenticator with the MN-HA key derived from the home agent's nonce and the
         * Mobile-Foreign authenticator with the MN-FA key derived from the foreign agent's nonce.
         */
        public Outcome accept(byte[] replyBytes) throws MalformedRegistrationException {
            RegistrationPacket reply = RegistrationCodec.decodeReply(replyBytes);
            RegistrationReply fixed = reply.reply();
            if (!Identification.lowOrderBitsMatch(request.identification(), fixed.identification())) {
                return Outcome.refused(fixed, "the reply answers another request (Identification)");
            }
            if (fixed.code() != ReplyCode.ACCEPTED && fixed.code() != ReplyCode.ACCEPTED_NO_SIMULTANEOUS_BINDINGS) {
                return Outcome.refused(fixed, "registration refused with code " + fixed.code());
            }
            byte[] identifier = nai.getBytes(StandardCharsets.UTF_8);
            Optional<MnHaKeyGenerationNonceReply> ha = reply.first(MnHaKeyGenerationNonceReply.class);
            Optional<MnFaKeyGenerationNonceReply> fa = reply.first(MnFaKeyGenerationNonceReply.class);
            Optional<ExtensionField> mh = reply.fields(MobileHomeAuthentication.class).stream().findFirst();
            Optional<ExtensionField> mf = reply.fields(MobileForeignAuthentication.class).stream().findFirst();
            if (!ha.isPresent() || !mh.isPresent()) {
                return Outcome.refused(fixed, "no MN-HA key nonce or no Mobile-Home authentication in the reply");
            }
            AuthAlgorithm haAlgorithm = AuthAlgorithm.fromIdentifier(ha.get().algorithmIdentifier());
            byte[] mnHaKey = KeyDerivation.deriveKey(aaa.key(), ha.get().nonce(), identifier);
            if (!Authenticators.verify(reply, mh.get(), new MobilitySecurityAssociation(HA_TO_MN_SPI, haAlgorithm, mnHaKey))) {
                return Outcome.refused(fixed, "the Mobile-Home authenticator does not verify with the derived MN-HA key");
            }
            byte[] mnFaKey = null;
            if (fa.isPresent()) {
                AuthAlgorithm faAlgorithm = AuthAlgorithm.fromIdentifier(fa.get().algorithmIdentifier());
                mnFaKey = KeyDerivation.deriveKey(aaa.key(), fa.get().nonce(), identifier);
                if (!mf.isPresent() || !Authenticators.verify(reply, mf.get(), new MobilitySecurityAssociation(FA_TO_MN_SPI, faAlgorithm, mnFaKey))) {
                    return Outcome.refused(fixed, "the Mobile-Foreign authenticator does not verify with the derived MN-FA key");
                }
            }
            AuthAlgorithm faAlgorithm = fa.map(f -> AuthAlgorithm.fromIdentifier(f.algorithmIdentifier())).orElse(null);
            return new Outcome(fixed, true, null, mnHaKey, ha.get().haSpi(), haAlgorithm, mnFaKey,
                    fa.map(MnFaKeyGenerationNonceReply::faSpi).orElse(0L), faAlgorithm);
        }
    }

    /**
     * A renewal before the lifetime ends (seed S107; RFC 5944 §3.6.1.3): through the foreign agent to
     * the home agent only, authenticated with the keys of {@code registered}: Mobile-Home for the home
     * agent, then Mobile-Foreign for the foreign agent. A lifetime of 0 deregisters.
     */
    public Renewal renewal(Outcome registered, Inet4Address careOfAddress, int lifetime) {
        long identification = Identification.ntpTimestamp(clock.instant(), random.nextInt());
        RegistrationRequest fixed = new RegistrationRequest(0, lifetime, registered.homeAddress(),
                registered.reply().homeAgent(), careOfAddress, identification);
        RegistrationBuilder builder = withBusySignal(RegistrationBuilder.request(fixed))
                .authenticate(AuthenticationKind.MOBILE_HOME,
                        new MobilitySecurityAssociation(registered.haSpi(), registered.haAlgorithm(), registered.mnHaKey()));
        if (registered.mnFaKey() != null) {
            builder.authenticate(AuthenticationKind.MOBILE_FOREIGN,
                    new MobilitySecurityAssociation(registered.faSpi(), registered.faAlgorithm(), registered.mnFaKey()));
        }
        return new Renewal(fixed, builder.toBytes(), registered, true);
    }

    /**
     * Back in its home network (RFC 5944 §2.4.3), the node deregisters straight with its home agent, no
     * foreign agent on the way: Lifetime 0 and the home address as care-of address, which asks the home
     * agent to drop every binding of the node (§3.8.2.2). Only the Mobile-Home authenticator, with the
     * MN-HA key of {@code registered}; send it to the home agent and check its reply with
     * {@link Renewal#accept}.
     */
    public Renewal returnHome(Outcome registered) {
        long identification = Identification.ntpTimestamp(clock.instant(), random.nextInt());
        RegistrationRequest fixed = new RegistrationRequest(0, 0, registered.homeAddress(),
                registered.reply().homeAgent(), registered.homeAddress(), identification);
        byte[] bytes = withBusySignal(RegistrationBuilder.request(fixed))
                .authenticate(AuthenticationKind.MOBILE_HOME,
                        new MobilitySecurityAssociation(registered.haSpi(), registered.haAlgorithm(), registered.mnHaKey()))
                .toBytes();
        return new Renewal(fixed, bytes, registered, false);
    }

    /** A renewal on its way (S107) or a deregistration at home, to be matched with its reply (S110). */
    public final class Renewal {

        private final RegistrationRequest request;
        private final byte[] bytes;
        private final Outcome registered;
        private final boolean throughForeignAgent;

        private Renewal(RegistrationRequest request, byte[] bytes, Outcome registered, boolean throughForeignAgent) {
            this.request = request;
            this.bytes = bytes.clone();
            this.registered = registered;
            this.throughForeignAgent = throughForeignAgent;
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        /**
         * S110: the home agent's Mobile-Home authenticator checked, and the foreign agent's Mobile-Foreign
         * one when the request went through the foreign agent.
         */
        public Outcome accept(byte[] replyBytes) throws MalformedRegistrationException {
            RegistrationPacket reply = RegistrationCodec.decodeReply(replyBytes);
            RegistrationReply fixed = reply.reply();
            if (!Identification.lowOrderBitsMatch(request.identification(), fixed.identification())) {
                return Outcome.refused(fixed, "the reply answers another request (Identification)");
            }
            Optional<ExtensionField> mh = reply.fields(MobileHomeAuthentication.class).stream().findFirst();
            if (!mh.isPresent() || !Authenticators.verify(reply, mh.get(),
                    new MobilitySecurityAssociation(HA_TO_MN_SPI, registered.haAlgorithm(), registered.mnHaKey()))) {
                return Outcome.refused(fixed, "the Mobile-Home authenticator does not verify (code " + fixed.code() + ")");
            }
            if (throughForeignAgent && registered.mnFaKey() != null) {
                Optional<ExtensionField> mf = reply.fields(MobileForeignAuthentication.class).stream().findFirst();
                if (!mf.isPresent() || !Authenticators.verify(reply, mf.get(),
                        new MobilitySecurityAssociation(FA_TO_MN_SPI, registered.faAlgorithm(), registered.mnFaKey()))) {
                    return Outcome.refused(fixed, "the Mobile-Foreign authenticator does not verify");
                }
            }
            if (fixed.code() != ReplyCode.ACCEPTED && fixed.code() != ReplyCode.ACCEPTED_NO_SIMULTANEOUS_BINDINGS) {
                return Outcome.refused(fixed, "renewal refused with code " + fixed.code());
            }
            return new Outcome(fixed, true, null, registered.mnHaKey(), registered.haSpi(), registered.haAlgorithm(),
                    registered.mnFaKey(), registered.faSpi(), registered.faAlgorithm());
        }
    }

    /**
     * What came of a registration: the reply, and when accepted the keys the node now shares with its
     * home agent and its foreign agent, with the SPIs they chose for what the node sends them.
     */
    public static final class Outcome {

        private final RegistrationReply reply;
        private final boolean accepted;
        private final String problem;
        private final byte[] mnHaKey;
        private final long haSpi;
        private final AuthAlgorithm haAlgorithm;
        private final byte[] mnFaKey;
        private final long faSpi;
        private final AuthAlgorithm faAlgorithm;

        public Outcome(RegistrationReply reply, boolean accepted, String problem, byte[] mnHaKey, long haSpi, AuthAlgorithm haAlgorithm, byte[] mnFaKey, long faSpi, AuthAlgorithm faAlgorithm) {
            this.reply = reply;
            this.accepted = accepted;
            this.problem = problem;
            this.mnHaKey = mnHaKey;
            this.haSpi = haSpi;
            this.haAlgorithm = haAlgorithm;
            this.mnFaKey = mnFaKey;
            this.faSpi = faSpi;
            this.faAlgorithm = faAlgorithm;
        }


        static Outcome refused(RegistrationReply reply, String problem) {
            return new Outcome(reply, false, problem, null, 0, null, null, 0, null);
        }

        public Inet4Address homeAddress() {
            return reply.homeAddress();
        }

        public RegistrationReply reply() {
            return reply;
        }

        public boolean accepted() {
            return accepted;
        }

        public String problem() {
            return problem;
        }

        public byte[] mnHaKey() {
            return mnHaKey;
        }

        public long haSpi() {
            return haSpi;
        }

        public AuthAlgorithm haAlgorithm() {
            return haAlgorithm;
        }

        public byte[] mnFaKey() {
            return mnFaKey;
        }

        public long faSpi() {
            return faSpi;
        }

        public AuthAlgorithm faAlgorithm() {
            return faAlgorithm;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Outcome)) {
                return false;
            }
            Outcome other = (Outcome) o;
            return java.util.Objects.equals(reply, other.reply)
                    && accepted == other.accepted
                    && java.util.Objects.equals(problem, other.problem)
                    && java.util.Objects.equals(mnHaKey, other.mnHaKey)
                    && haSpi == other.haSpi
                    && java.util.Objects.equals(haAlgorithm, other.haAlgorithm)
                    && java.util.Objects.equals(mnFaKey, other.mnFaKey)
                    && faSpi == other.faSpi
                    && java.util.Objects.equals(faAlgorithm, other.faAlgorithm);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(reply, accepted, problem, mnHaKey, haSpi, haAlgorithm, mnFaKey, faSpi, faAlgorithm);
        }

        @Override
        public String toString() {
            return "Outcome[" + "reply=" + reply + ", " + "accepted=" + accepted + ", " + "problem=" + problem + ", " + "mnHaKey=" + mnHaKey + ", " + "haSpi=" + haSpi + ", " + "haAlgorithm=" + haAlgorithm + ", " + "mnFaKey=" + mnFaKey + ", " + "faSpi=" + faSpi + ", " + "faAlgorithm=" + faAlgorithm + "]";
        }
    }

    private static Inet4Address unspecified() {
        try {
            return (Inet4Address) java.net.InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
