package org.mipaaa.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Clock;

import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.ha.HomeAgentRenewals;
import org.mipaaa.lab.Topology;
import org.mipaaa.mobileip.MalformedRegistrationException;
import org.mipaaa.mobileip.ReplyCode;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.presence.icons.PresenceLook;
import org.mipaaa.registration.HomeAddressPool;
import org.mipaaa.registration.InfinispanHomeAddressPool;
import org.mipaaa.registration.RegistrationSettings;
import org.mipaaa.registration.Subscriber;
import org.mipaaa.registration.SubscriberProvisioning;
import org.mipaaa.role.Role;

/**
 * The demo's mobile node: a first registration through the foreign agent (seed S101-S106, the trace
 * shows each hop), a renewal and a deregistration FA -> HA (S107-S110) whose STR frees the home
 * address at the AAAH, a second registration and the return home (deregistration straight with the
 * HA), then a registration with the wrong MN-AAA key, which must be refused.
 */
final class RegistrationScene {

    private static final String NAI = "mn1@home.example";

    private final Topology topology;
    private final PrintStream out;
    private final PresenceWatch presence;

    /** {@code presence}: the page the HA notifies (seed Fig. 20), checked after each step. */
    RegistrationScene(Topology topology, PrintStream out, PresenceWatch presence) {
        this.topology = topology;
        this.out = out;
        this.presence = presence;
    }

    /** True when the subscriber registers, renews and deregisters, and the impostor is refused. */
    boolean play() throws IOException, MalformedRegistrationException {
        Subscriber subscriber = SubscriberProvisioning.read(RegistrationSettings.from(topology.config(Role.AAAH).settings())
                        .subscribersFile().orElseThrow()).stream()
                .filter(s -> s.nai().equals(NAI)).findFirst().orElseThrow();
        ForeignAgent fa = topology.node(Role.FA).installation().fa().agent();

        out.println("   " + NAI + " roams into visited.example and hears the FA's advertisement (S101)");
        MobileNode.Outcome ok = register(fa, subscriber.mnAaa());
        boolean registered = ok.accepted();
        out.printf("   registration: %s, home address %s; the MN checked the HA's and the FA's authenticators with the"
                + " MN-HA and MN-FA keys it derived from the nonces  [%s]%n",
                registered ? "accepted" : "refused (" + ok.problem() + ")", ok.homeAddress().getHostAddress(), registered ? "ok" : "UNEXPECTED");
        registered &= presence.shows(NAI, PresenceLook.VISITING);

        boolean renewedOk = false;
        if (registered) {
            out.println("   before its lifetime ends it renews, FA -> HA only, no AAA (S107-S110):");
            sleepPastTheSecond();
            MobileNode mn = new MobileNode(NAI, subscriber.mnAaa(), ok.reply().homeAgent(), Clock.systemUTC());
            MobileNode.Outcome renewed = relay(fa, mn.renewal(ok, fa.advertise().careOfAddress(), 900));
            out.printf("   renewal: %s, lifetime %d s; Mobile-Home and Mobile-Foreign authenticators checked  [%s]%n",
                    renewed.accepted() ? "accepted" : "refused (" + renewed.problem() + ")", renewed.reply().lifetime(),
                    renewed.accepted() ? "ok" : "UNEXPECTED");
            out.println("   and deregisters (lifetime 0):");
            sleepPastTheSecond();
            MobileNode.Outcome gone = relay(fa, mn.renewal(ok, fa.advertise().careOfAddress(), 0));
            out.printf("   deregistration: %s  [%s]%n", gone.accepted() ? "accepted" : "refused (" + gone.problem() + ")",
                    gone.accepted() ? "ok" : "UNEXPECTED");
            boolean signedOff = presence.shows(NAI, PresenceLook.DEREGISTERED);
            boolean released = gone.accepted() && addressReleased(ok.homeAddress());
            out.printf("   the HA's STR ends the AAA session and the AAAH frees %s (RFC 4004 4.1.3)  [%s]%n",
                    ok.homeAddress().getHostAddress(), released ? "ok" : "UNEXPECTED");
            renewedOk = renewed.accepted() && gone.accepted() && released && signedOff && returnsHome(fa, subscriber);
        }
        out.println("   the same NAI with a wrong MN-AAA key:");
        MobileNode.Outcome refused = register(fa, MnAaaSecurityAssociation.of(subscriber.mnAaa().spi(),
                "not-the-right-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        boolean rejected = !refused.accepted() && refused.reply().code() == ReplyCode.FA_MOBILE_NODE_FAILED_AUTHENTICATION;
        out.printf("   reply code %d (mobile node failed authentication)  [%s]%n", refused.reply().code(), rejected ? "ok" : "UNEXPECTED");
        rejected &= presence.shows(NAI, PresenceLook.AT_HOME); // a refused registration changes nothing
        return registered && renewedOk && rejected;
    }

    /**
     * Roams again, then comes home and deregisters straight with its home agent, no FA (RFC 5944
     * §2.4.3): Lifetime 0, the home address as care-of address, only the Mobile-Home authenticator.
     */
    private boolean returnsHome(ForeignAgent fa, Subscriber subscriber) throws IOException, MalformedRegistrationException {
        out.println("   it roams again and registers through the FA (S101-S106):");
        MobileNode.Outcome again = register(fa, subscriber.mnAaa());
        out.printf("   registration: %s, home address %s  [%s]%n", again.accepted() ? "accepted" : "refused (" + again.problem() + ")",
                again.homeAddress().getHostAddress(), again.accepted() ? "ok" : "UNEXPECTED");
        if (!again.accepted() || !presence.shows(NAI, PresenceLook.VISITING)) {
            return false;
        }
        out.println("   then comes back home and deregisters straight with its HA (lifetime 0, care-of address = home address):");
        sleepPastTheSecond();
        MobileNode mn = new MobileNode(NAI, subscriber.mnAaa(), again.reply().homeAgent(), Clock.systemUTC());
        MobileNode.Renewal home = mn.returnHome(again);
        HomeAgentRenewals ha = topology.node(Role.HA).installation().ha().renewals();
        MobileNode.Outcome back = home.accept(Udp.exchange(ha.address(), home.bytes()));
        boolean released = back.accepted() && addressReleased(again.homeAddress());
        out.printf("   at home: %s, Mobile-Home authenticator checked; the HA's STR frees %s at the AAAH  [%s]%n",
                back.accepted() ? "deregistered" : "refused (" + back.problem() + ")", again.homeAddress().getHostAddress(),
                released ? "ok" : "UNEXPECTED");
        return released && presence.shows(NAI, PresenceLook.AT_HOME);
    }

    /** Waits up to 10 s for the AAAH's pool to no longer hold {@code address} for the NAI. */
    private boolean addressReleased(java.net.Inet4Address address) {
        HomeAddressPool pool = InfinispanHomeAddressPool.in(topology.node(Role.AAAH).state(),
                RegistrationSettings.from(topology.config(Role.AAAH).settings()).homeAddressPool().orElseThrow());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (pool.addressOf(NAI).filter(address::equals).isPresent()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private MobileNode.Outcome relay(ForeignAgent fa, MobileNode.Renewal renewal) throws IOException, MalformedRegistrationException {
        return renewal.accept(Udp.exchange(fa.advertise().registrationAddress(), renewal.bytes()));
    }

    /** Timestamp Identifications count seconds (RFC 5944 §5.7.1): the next request must be newer. */
    private static void sleepPastTheSecond() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private MobileNode.Outcome register(ForeignAgent fa, MnAaaSecurityAssociation key) throws IOException, MalformedRegistrationException {
        MobileNode mn = new MobileNode(NAI, key, (java.net.Inet4Address) InetAddress.getByAddress(new byte[4]), Clock.systemUTC());
        ForeignAgent.Advertisement ad = fa.advertise();
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);
        return registration.accept(Udp.exchange(ad.registrationAddress(), registration.bytes()));
    }
}
