package org.mipaaa.ha;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

import org.mipaaa.mobileip.AuthenticationKind;
import org.mipaaa.mobileip.ExtensionField;
import org.mipaaa.mobileip.MalformedRegistrationException;
import org.mipaaa.mobileip.MobileHomeAuthentication;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.auth.Authenticators;
import org.mipaaa.mobileip.auth.MobilitySecurityAssociation;
import org.mipaaa.registration.BindingEndListener;
import org.mipaaa.registration.BindingTable;
import org.mipaaa.registration.BindingUpdateListener;
import org.mipaaa.registration.ForeignHomeKeys;
import org.mipaaa.registration.HomeAgentReply;
import org.mipaaa.registration.IdentificationCheck;
import org.mipaaa.registration.MobilityBinding;
import org.mipaaa.udp.MobileIpPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home agent's Mobile IP side for renewals (seed S108-S109; RFC 5944 §3.8): Registration
 * Requests relayed by a foreign agent over UDP, without the AAA. The Mobile-Home authenticator is
 * checked with the binding's MN-HA key, the Identification against the last one accepted (replay,
 * code 133), and the binding renewed, or removed for a lifetime of 0 (deregistration). A mobile node
 * back in its home network deregisters the same way, straight to this port (RFC 5944 §2.4.3), and
 * is answered straight. The reply is authenticated with the same key.
 */
public final class HomeAgentRenewals implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HomeAgentRenewals.class);

    private final BindingTable bindings;
    private final IdentificationCheck identification;
    private final Duration maxLifetime;
    private final Clock clock;
    private final MobileIpPorts.Lane port;
    private final ForeignHomeKeys foreignAgentKeys;
    private final List<BindingEndListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<BindingUpdateListener> renewalListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param ports            the node's Mobile IP ports: the foreign agent of the same server may share {@code udp}
     * @param homeAgentAddress this home agent's address: on a port shared with a foreign agent, the
     *                         Registration Requests naming it are this home agent's
     * @param foreignAgentKeys the security associations this home agent shares with foreign agents, by
     *                         the address they relay from (RFC 5944 §3.5.4)
     */
    public HomeAgentRenewals(BindingTable bindings, IdentificationCheck identification, Duration maxLifetime, Clock clock,
                             MobileIpPorts ports, InetSocketAddress udp, Optional<Inet4Address> homeAgentAddress,
                             ForeignHomeKeys foreignAgentKeys) throws SocketException {
        this.bindings = bindings;
        this.foreignAgentKeys = foreignAgentKeys;
        this.identification = identification;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
        this.port = ports.open(udp, "home-agent", this::received, requestsFor(homeAgentAddress));
        port.start();
    }

    /** Registration Requests (RFC 5944 §3.3: Type 1, the Home Agent field at octets 8-11) naming {@code address}. */
    static Predicate<byte[]> requestsFor(Optional<Inet4Address> address) {
        if (address.isEmpty()) {
            return datagram -> false;
        }
        byte[] wanted = address.get().getAddress();
        return datagram -> datagram.length >= 24 && datagram[0] == 1
                && Arrays.equals(datagram, 8, 12, wanted, 0, 4);
    }

    private void received(byte[] bytes, SocketAddress from) {
        java.net.InetAddress sender = ((InetSocketAddress) from).getAddress();
        Optional<MobilitySecurityAssociation> fh = sender instanceof Inet4Address v4 ? foreignAgentKeys.with(v4) : Optional.empty();
        answer(bytes, fh).ifPresent(reply -> port.send(reply, from));
    }

    /**
     * The reply to a renewal, or empty when RFC 5944 §3.8.2 says to discard the request silently.
     * {@code foreignHome}: the key shared with the foreign agent that relayed it, if any.
     */
    Optional<byte[]> answer(byte[] bytes, Optional<MobilitySecurityAssociation> foreignHome) {
        RegistrationPacket packet;
        try {
            packet = RegistrationCodec.decodeRequest(bytes);
        } catch (MalformedRegistrationException e) {
            return Optional.empty();
        }
        RegistrationRequest request = packet.request();
        Optional<MobilityBinding> binding = bindings.find(request.homeAddress());
        List<ExtensionField> mh = packet.fields(MobileHomeAuthentication.class);
        if (binding.isEmpty() || mh.isEmpty() || !Authenticators.verify(packet, mh.get(0), binding.get().mnHa().forRequests())) {
            // no key to authenticate a reply with: the mobile node failed authentication (§3.8.2.1)
            return Optional.of(HomeAgentReply.unauthenticated(ReplyCode.HA_MOBILE_NODE_FAILED_AUTHENTICATION,
                    request.homeAddress(), request.homeAgent(), request.identification(), packet.nai()));
        }
        MobilityBinding current = binding.get();
        // §3.8.2.1: a request from a foreign agent this home agent shares a key with carries its valid
        // Foreign-Home authenticator, unless it deregisters (§3.5.4: never applied to those)
        if (foreignHome.isPresent() && request.lifetime() != 0 && !ForeignHomeKeys.verifies(packet, foreignHome.get())) {
            log.warn("renewal of {} relayed without a valid Foreign-Home authenticator: refused 132", current.nai());
            return Optional.of(HomeAgentReply.denied(ReplyCode.HA_FOREIGN_AGENT_FAILED_AUTHENTICATION, request.homeAddress(),
                    request.homeAgent(), request.identification(), current.mnHa(), Optional.empty(), packet.nai()));
        }
        Instant now = clock.instant();
        IdentificationCheck.Verdict verdict = identification.check(request.identification(),
                OptionalLong.of(current.lastIdentification()), now);
        if (verdict instanceof IdentificationCheck.Refused refused) {
            return Optional.of(HomeAgentReply.denied(refused.replyCode(), request.homeAddress(), request.homeAgent(),
                    refused.replyIdentification(), current.mnHa(), Optional.empty(), packet.nai()));
        }
        if (request.lifetime() == 0) {
            deregister(current, request.careOfAddress());
            return Optional.of(HomeAgentReply.renewed(0, request.homeAddress(), request.homeAgent(),
                    verdict.replyIdentification(), current.mnHa(), packet.nai()));
        }
        Duration lifetime = Duration.ofSeconds(Math.min(request.lifetime(), maxLifetime.toSeconds()));
        MobilityBinding renewed = current.renewed(request.careOfAddress(), lifetime, now, request.identification());
        if (!bindings.replace(current, renewed)) {
            // a concurrent renewal won: this one is a duplicate in all but name
            return Optional.of(HomeAgentReply.denied(ReplyCode.HA_REASON_UNSPECIFIED, request.homeAddress(),
                    request.homeAgent(), verdict.replyIdentification(), current.mnHa(), Optional.empty(), packet.nai()));
        }
        BindingUpdateListener.tellAll(renewalListeners, renewed, packet, BindingUpdateListener.Update.RENEWED);
        byte[] reply = HomeAgentReply.renewed((int) lifetime.toSeconds(), request.homeAddress(), request.homeAgent(),
                verdict.replyIdentification(), current.mnHa(), packet.nai());
        if (foreignHome.isPresent() && lifetime.toSeconds() != 0) {
            reply = RegistrationBuilder.continuing(reply).authenticate(AuthenticationKind.FOREIGN_HOME, foreignHome.get()).toBytes();
        }
        return Optional.of(reply);
    }

    /**
     * RFC 5944 §3.8.2.2: the home address as care-of address (the node is back home, §2.4.3) drops every
     * binding of the node; another care-of address drops only the binding to that address. The
     * request is accepted either way: a binding already gone is what the node asked for.
     */
    private void deregister(MobilityBinding current, Inet4Address careOfAddress) {
        BindingEndListener.Reason reason;
        if (careOfAddress.equals(current.homeAddress())) {
            reason = BindingEndListener.Reason.RETURNED_HOME;
        } else if (careOfAddress.equals(current.careOfAddress())) {
            reason = BindingEndListener.Reason.DEREGISTERED;
        } else {
            log.debug("{} deregistered care-of address {}, not the bound {}: binding kept", current.nai(),
                    careOfAddress.getHostAddress(), current.careOfAddress().getHostAddress());
            return;
        }
        if (bindings.remove(current)) {
            log.debug("{} {} {}", current.nai(), reason, current.homeAddress().getHostAddress());
            BindingEndListener.tellAll(listeners, current, reason);
        }
    }

    /** {@code listener} is told of each binding a deregistration ends. */
    public void addListener(BindingEndListener listener) {
        listeners.add(listener);
    }

    /** {@code listener} is told of each binding a renewal extends. */
    public void addListener(BindingUpdateListener listener) {
        renewalListeners.add(listener);
    }

    /** The UDP address the home agent takes renewals on. */
    public InetSocketAddress address() {
        return port.address();
    }

    @Override
    public void close() {
        port.close();
    }
}
