package org.mipaaa.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MalformedRegistrationException;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.probe.CheckResult.Verdict;

/**
 * The mobile node's side of a conformance run against a foreign agent (and the AAA and home agent
 * behind it): Registration Requests over UDP, as a node that hears no agent advertisement sends them.
 *
 * <ol>
 * <li>a request with a challenge the agent never gave is refused 104 with a fresh MN-FA Challenge in
 *     the reply (RFC 4721 §3.3: in any Registration Reply), so a node can register by UDP alone;</li>
 * <li>a request signed with a wrong MN-AAA key is refused 67 (RFC 5944 §3.7.2.2, RFC 4004 §3);</li>
 * <li>a request with that challenge is accepted, and the reply authenticates with the keys the node
 *     derives (RFC 3957 §5: Mobile-Home and Mobile-Foreign authenticators);</li>
 * <li>a deregistration (Lifetime 0, RFC 5944 §3.6.1.2) is accepted.</li>
 * </ol>
 */
public final class ForeignAgentProbe {

    private final InetSocketAddress agent;
    private final Inet4Address careOfAddress;
    private final ProbeTarget.MobileNodeCredentials mobileNode;
    private final Duration timeout;
    private final List<CheckResult> results = new ArrayList<>();

    /**
     * @param agent         the foreign agent's Mobile IP UDP address (port 434 in a network)
     * @param careOfAddress the care-of address the agent advertises
     */
    public ForeignAgentProbe(InetSocketAddress agent, Inet4Address careOfAddress, ProbeTarget.MobileNodeCredentials mobileNode,
                             Duration timeout) {
        this.agent = agent;
        this.careOfAddress = careOfAddress;
        this.mobileNode = mobileNode;
        this.timeout = timeout;
    }

    public ProbeReport run() {
        String target = "FA at " + agent.getHostString() + ":" + agent.getPort() + " over UDP, care-of address "
                + Ipv4.format(careOfAddress) + ", probed as mobile node " + mobileNode.nai();
        MobileNode node = new MobileNode(mobileNode.nai(), mobileNode.mnAaa(), mobileNode.homeAgent(), Clock.systemUTC());
        byte[] never = new byte[16];
        new SecureRandom().nextBytes(never);
        Optional<byte[]> offered = Optional.empty();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(agent.getAddress().isLoopbackAddress()
                ? agent.getAddress() : null, 0))) {
            socket.setSoTimeout((int) timeout.toMillis());
            MobileNode.FirstRegistration unknown = node.firstRegistration(careOfAddress, never, 60);
            byte[] first = exchange(socket, unknown.bytes());
            offered = challenge(first);
            results.add(judge("challenge-offered", "RFC 4721 §3.3",
                    "refuses a challenge it never gave with 104 and offers a fresh one in the reply", unknown.bytes(), first,
                    reply -> reply.reply().code() != ReplyCode.FA_UNKNOWN_CHALLENGE ? "reply code " + reply.reply().code() + ", not 104"
                            : reply.first(MnFaChallenge.class).isEmpty() ? "no MN-FA Challenge extension in the reply" : null));
            byte[] challenge = offered.orElse(never);

            MobileNode impostor = new MobileNode(mobileNode.nai(), MnAaaSecurityAssociation.of(mobileNode.mnAaa().spi(), random(16)),
                    mobileNode.homeAgent(), Clock.systemUTC());
            MobileNode.FirstRegistration forged = impostor.firstRegistration(careOfAddress, challenge, 60);
            byte[] refusal = exchange(socket, forged.bytes());
            results.add(judge("registration-unauthenticated", "RFC 5944 §3.7.2.2, RFC 4004 §3",
                    "refuses a request with a wrong MN-AAA authenticator with 67", forged.bytes(), refusal,
                    reply -> reply.reply().code() == ReplyCode.FA_MOBILE_NODE_FAILED_AUTHENTICATION ? null
                            : "reply code " + reply.reply().code() + ", not 67"));
            challenge = challenge(refusal).orElse(challenge);

            MobileNode.FirstRegistration registration = node.firstRegistration(careOfAddress, challenge, 60);
            byte[] accepted = exchange(socket, registration.bytes());
            MobileNode.Outcome outcome = accepted.length == 0 ? null : registration.accept(accepted);
            results.add(new CheckResult("registration", "RFC 5944 §3, RFC 3957 §5",
                    "accepts the registration with the offered challenge, the reply authenticated with the keys the node derives",
                    outcome != null && outcome.accepted() ? Verdict.PASS : Verdict.FAIL,
                    outcome == null ? "no reply" : outcome.accepted() ? "home address " + Ipv4.format(outcome.homeAddress())
                            : outcome.problem(), registration.bytes(), accepted));
            if (outcome == null || !outcome.accepted()) {
                results.add(new CheckResult("deregistration", "RFC 5944 §3.6.1.2", "accepts a deregistration", Verdict.SKIPPED,
                        "not registered", null, null));
                return new ProbeReport(target, results);
            }
            pause(); // the home agent takes only a newer timestamp Identification (RFC 5944 §5.7.1) than the registration's
            MobileNode.Renewal deregistration = node.renewal(outcome, careOfAddress, 0);
            byte[] done = exchange(socket, deregistration.bytes());
            MobileNode.Outcome ended = done.length == 0 ? null : deregistration.accept(done);
            results.add(new CheckResult("deregistration", "RFC 5944 §3.6.1.2", "accepts a deregistration (Lifetime 0)",
                    ended != null && ended.accepted() ? Verdict.PASS : Verdict.FAIL,
                    ended == null ? "no reply" : ended.accepted() ? "code " + ended.reply().code() : ended.problem(), deregistration.bytes(),
                    done));
        } catch (IOException | MalformedRegistrationException e) {
            results.add(new CheckResult("mobile-ip", "RFC 5944 §3", "answers Registration Requests", Verdict.FAIL, e.getMessage(),
                    null, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ProbeReport(target, results);
    }

    @FunctionalInterface
    private interface ReplyCheck {
        /** Why the reply is wrong, or null. */
        String problem(RegistrationPacket reply);
    }

    private static CheckResult judge(String id, String rfc, String title, byte[] sent, byte[] received, ReplyCheck check) {
        if (received.length == 0) {
            return new CheckResult(id, rfc, title, Verdict.FAIL, "no reply", sent, null);
        }
        try {
            RegistrationPacket reply = RegistrationCodec.decodeReply(received);
            String problem = check.problem(reply);
            return new CheckResult(id, rfc, title, problem == null ? Verdict.PASS : Verdict.FAIL,
                    problem == null ? "reply code " + reply.reply().code() : problem, sent, received);
        } catch (MalformedRegistrationException e) {
            return new CheckResult(id, rfc, title, Verdict.FAIL, "the reply does not decode: " + e.getMessage(), sent, received);
        }
    }

    /** The MN-FA Challenge a reply offers, if it decodes and has one. */
    private static Optional<byte[]> challenge(byte[] reply) {
        try {
            return reply.length == 0 ? Optional.empty()
                    : RegistrationCodec.decodeReply(reply).first(MnFaChallenge.class).map(MnFaChallenge::challenge);
        } catch (MalformedRegistrationException e) {
            return Optional.empty();
        }
    }

    /** Sends {@code request} to the agent; the reply, or nothing when none came in time. */
    private byte[] exchange(DatagramSocket socket, byte[] request) throws IOException {
        socket.send(new DatagramPacket(request, request.length, agent));
        DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
        try {
            socket.receive(reply);
        } catch (SocketTimeoutException e) {
            return new byte[0];
        }
        return Arrays.copyOf(reply.getData(), reply.getLength());
    }

    private static byte[] random(int length) {
        byte[] b = new byte[length];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** NTP timestamp Identifications have a one-second resolution in what the agents compare. */
    private static void pause() throws InterruptedException {
        Thread.sleep(1100);
    }
}
