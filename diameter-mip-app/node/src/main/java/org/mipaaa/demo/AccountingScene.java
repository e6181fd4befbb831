package org.mipaaa.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.mipaaa.accounting.AccountingOutbox;
import org.mipaaa.billing.statement.AccountQueries;
import org.mipaaa.billing.statement.Statement;
import org.mipaaa.billing.statement.StatementText;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.fa.UserPlaneRelay;
import org.mipaaa.lab.Topology;
import org.mipaaa.mobileip.MalformedRegistrationException;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.registration.RegistrationSettings;
import org.mipaaa.registration.Subscriber;
import org.mipaaa.registration.SubscriberProvisioning;
import org.mipaaa.role.Role;

/**
 * The demo's communication-fee accounting (seed Fig. 9 S31-S32, Fig. 7 S13-S14): a mobile node
 * registers, sends traffic to a correspondent through the FA, which meters it and reports START,
 * INTERIM and STOP to the AAAF, which forwards them to the AAAH; then the node's statement.
 */
final class AccountingScene {

    private static final String NAI = "mn2@home.example";
    private static final int DATAGRAMS = 20;
    private static final int SIZE = 1000;

    private final Topology topology;
    private final PrintStream out;
    private final Duration reportInterval;

    AccountingScene(Topology topology, PrintStream out, Duration reportInterval) {
        this.topology = topology;
        this.out = out;
        this.reportInterval = reportInterval;
    }

    boolean play() throws IOException, MalformedRegistrationException, InterruptedException {
        Subscriber subscriber = SubscriberProvisioning.read(RegistrationSettings.from(topology.config(Role.AAAH).settings())
                        .subscribersFile().orElseThrow()).stream()
                .filter(s -> s.nai().equals(NAI)).findFirst().orElseThrow();
        ForeignAgent fa = topology.node(Role.FA).installation().fa().agent();
        MobileNode mn = new MobileNode(NAI, subscriber.mnAaa(), (Inet4Address) InetAddress.getByAddress(new byte[4]), Clock.systemUTC());
        ForeignAgent.Advertisement ad = fa.advertise();
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);
        MobileNode.Outcome registered = registration.accept(Udp.exchange(ad.registrationAddress(), registration.bytes()));
        out.printf("   %s registers through the FA: %s; the FA starts metering it (START, S31)  [%s]%n", NAI,
                registered.accepted() ? "accepted, home address " + registered.homeAddress().getHostAddress() : registered.problem(),
                registered.accepted() ? "ok" : "UNEXPECTED");
        if (!registered.accepted()) {
            return false;
        }
        long echoed = traffic(registered.homeAddress());
        out.printf("   it sends %d datagrams of %d octets to a correspondent through the FA's user plane and gets %d back  [%s]%n",
                DATAGRAMS, SIZE, echoed, echoed == DATAGRAMS ? "ok" : "UNEXPECTED");
        Thread.sleep(reportInterval.plusMillis(500).toMillis());
        out.printf("   the FA reports every %d s (INTERIM, S31); the AAAF forwards each record to the AAAH (S32)%n",
                reportInterval.toSeconds());
        Thread.sleep(1100); // a newer timestamp Identification than the registration's
        ForeignAgent.Advertisement now = fa.advertise();
        MobileNode.Renewal deregistration = mn.renewal(registered, now.careOfAddress(), 0);
        boolean gone = deregistration.accept(Udp.exchange(now.registrationAddress(), deregistration.bytes())).accepted();
        AccountingOutbox outbox = topology.node(Role.AAAF).installation().aaaf().outbox();
        boolean delivered = gone && waitFor(() -> outbox.size() == 0, Duration.ofSeconds(15));
        out.printf("   it deregisters: the FA's STOP goes to the AAAF, and every record reaches the AAAH  [%s]%n",
                delivered ? "ok" : "UNEXPECTED");
        AccountQueries queries = topology.node(Role.AAAH).installation().aaah().accounts().queries();
        Statement statement = queries.currentStatement(NAI, Instant.now());
        boolean charged = statement.communicationFeesTotal().minorUnits() > 0;
        out.printf("   the AAAH's account database (S14) charged it at the visited realm's tariff; its statement:  [%s]%n",
                charged ? "ok" : "UNEXPECTED");
        StatementText.render(statement).lines().forEach(line -> out.println("     | " + line));
        return delivered && charged;
    }

    /** DATAGRAMS datagrams of SIZE octets to an echoing correspondent, framed for the FA's relay; how many came back. */
    private long traffic(Inet4Address homeAddress) throws IOException {
        InetSocketAddress relay = topology.node(Role.FA).installation().fa().relay().address();
        try (DatagramSocket correspondent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket mn = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            correspondent.setSoTimeout(5000);
            mn.setSoTimeout(5000);
            InetSocketAddress peer = (InetSocketAddress) correspondent.getLocalSocketAddress();
            byte[] payload = new byte[SIZE];
            long back = 0;
            for (int i = 0; i < DATAGRAMS; i++) {
                Arrays.fill(payload, (byte) i);
                byte[] framed = UserPlaneRelay.frame(homeAddress, (Inet4Address) peer.getAddress(), peer.getPort(), payload, 0, SIZE);
                mn.send(new DatagramPacket(framed, framed.length, relay));
                DatagramPacket received = new DatagramPacket(new byte[65_535], 65_535);
                correspondent.receive(received);
                correspondent.send(new DatagramPacket(received.getData(), received.getLength(), received.getSocketAddress()));
                DatagramPacket echo = new DatagramPacket(new byte[65_535], 65_535);
                mn.receive(echo);
                back++;
            }
            return back;
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
