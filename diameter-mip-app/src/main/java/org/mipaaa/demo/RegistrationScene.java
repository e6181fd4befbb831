package org.mipaaa.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Arrays;

import org.mipaaa.mobileip.MalformedRegistrationException;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.node.Role;
import org.mipaaa.node.Topology;
import org.mipaaa.registration.ForeignAgent;
import org.mipaaa.registration.RegistrationSettings;
import org.mipaaa.registration.Subscriber;
import org.mipaaa.registration.SubscriberProvisioning;

/**
 * The demo's mobile node: a first registration through the foreign agent (seed S101-S106, the trace
 * shows each hop), then one with the wrong MN-AAA key, which must be refused.
 */
final class RegistrationScene {

    private static final String NAI = "mn1@home.example";

    private final Topology topology;
    private final PrintStream out;

    RegistrationScene(Topology topology, PrintStream out) {
        this.topology = topology;
        this.out = out;
    }

    /** True when the subscriber registers and the impostor is refused. */
    boolean play() throws IOException, MalformedRegistrationException {
        Subscriber subscriber = SubscriberProvisioning.read(RegistrationSettings.from(topology.config(Role.AAAH))
                        .subscribersFile().orElseThrow()).stream()
                .filter(s -> s.nai().equals(NAI)).findFirst().orElseThrow();
        ForeignAgent fa = topology.node(Role.FA).attached(ForeignAgent.class).orElseThrow();

        out.println("   " + NAI + " roams into visited.example and hears the FA's advertisement (S101)");
        MobileNode.Outcome ok = register(fa, subscriber.mnAaa());
        boolean registered = ok.accepted();
        out.printf("   registration: %s, home address %s; the MN checked the HA's and the FA's authenticators with the"
                + " MN-HA and MN-FA keys it derived from the nonces  [%s]%n",
                registered ? "accepted" : "refused (" + ok.problem() + ")", ok.homeAddress().getHostAddress(), registered ? "ok" : "UNEXPECTED");

        out.println("   the same NAI with a wrong MN-AAA key:");
        MobileNode.Outcome refused = register(fa, MnAaaSecurityAssociation.of(subscriber.mnAaa().spi(),
                "not-the-right-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        boolean rejected = !refused.accepted() && refused.reply().code() == ReplyCode.FA_MOBILE_NODE_FAILED_AUTHENTICATION;
        out.printf("   reply code %d (mobile node failed authentication)  [%s]%n", refused.reply().code(), rejected ? "ok" : "UNEXPECTED");
        return registered && rejected;
    }

    private MobileNode.Outcome register(ForeignAgent fa, MnAaaSecurityAssociation key) throws IOException, MalformedRegistrationException {
        MobileNode mn = new MobileNode(NAI, key, (java.net.Inet4Address) InetAddress.getByAddress(new byte[4]), Clock.systemUTC());
        ForeignAgent.Advertisement ad = fa.advertise();
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(15_000);
            byte[] request = registration.bytes();
            socket.send(new DatagramPacket(request, request.length, ad.registrationAddress()));
            DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
            socket.receive(reply);
            byte[] bytes = Arrays.copyOf(reply.getData(), reply.getLength());
            RegistrationCodec.decodeReply(bytes);
            return registration.accept(bytes);
        }
    }
}
