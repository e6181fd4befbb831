package org.mipaaa.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * One UDP port for the home agent and the foreign agent of one server (RFC 5944 §3: port 434 for both),
 * over real loopback sockets: a datagram goes to the lane that claims it, else to the one that claims
 * nothing in particular; a lone lane takes everything; the port closes with its last lane.
 */
class MobileIpPortsTest {

    private static final byte HOME_AGENT_REQUEST = 7;

    private final MobileIpPorts ports = new MobileIpPorts();
    private final BlockingQueue<String> got = new LinkedBlockingQueue<>();

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static void send(InetSocketAddress to, byte first) throws Exception {
        try (DatagramSocket s = new DatagramSocket(loopback(0))) {
            s.send(new DatagramPacket(new byte[] {first, 0, 0, 0}, 4, to));
        }
    }

    /**
     * Whether {@code address} can be bound within 5 s: a socket closed while its reader thread is blocked
     * in receive is released when that thread leaves it, a moment after close() returns.
     */
    private static boolean bindable(InetSocketAddress address) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (DatagramSocket again = new DatagramSocket(address)) {
                return true;
            } catch (java.net.SocketException stillBound) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
        return false;
    }

    @Test
    void aDatagramGoesToTheLaneThatClaimsItAndTheRestToTheOtherLane() throws Exception {
        MobileIpPorts.Lane foreign = ports.open(loopback(0), "foreign-agent", (d, from) -> got.add("fa:" + d[0]), null);
        InetSocketAddress shared = loopback(foreign.address().getPort());
        MobileIpPorts.Lane home = ports.open(shared, "home-agent", (d, from) -> got.add("ha:" + d[0]), d -> d[0] == HOME_AGENT_REQUEST);
        assertThat(home.address()).isEqualTo(foreign.address());
        home.start();
        foreign.start();

        send(shared, HOME_AGENT_REQUEST);
        assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("ha:7");
        send(shared, (byte) 1);
        assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("fa:1");

        foreign.close();
        send(shared, (byte) 1);
        assertThat(got.poll(5, TimeUnit.SECONDS)).as("alone on the port, the home agent takes everything").isEqualTo("ha:1");
        home.close();
        assertThat(bindable(shared)).as("the port closed with its last lane").isTrue();
    }

    @Test
    void anEphemeralPortIsNeverShared() throws Exception {
        MobileIpPorts.Lane one = ports.open(loopback(0), "one", (d, from) -> { }, null);
        MobileIpPorts.Lane two = ports.open(loopback(0), "two", (d, from) -> { }, null);
        try {
            assertThat(one.address().getPort()).isNotEqualTo(two.address().getPort());
        } finally {
            one.close();
            two.close();
        }
    }
}
