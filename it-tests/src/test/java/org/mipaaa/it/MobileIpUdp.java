package org.mipaaa.it;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.Arrays;

/** The mobile node's side of the Mobile IP leg: one Registration Request over UDP, and its reply. */
public final class MobileIpUdp {

    private MobileIpUdp() {
    }

    /** Sends {@code request} to {@code agent} from an ephemeral loopback port and waits up to 15 s for the reply. */
    public static byte[] exchange(SocketAddress agent, byte[] request) throws Exception {
        return exchange(agent, request, java.time.Duration.ofSeconds(15));
    }

    /** As {@link #exchange(SocketAddress, byte[])}, waiting up to {@code timeout}: then SocketTimeoutException. */
    public static byte[] exchange(SocketAddress agent, byte[] request, java.time.Duration timeout) throws Exception {
        try (DatagramSocket mn = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            mn.setSoTimeout((int) timeout.toMillis());
            mn.send(new DatagramPacket(request, request.length, agent));
            DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
            mn.receive(reply);
            return Arrays.copyOf(reply.getData(), reply.getLength());
        }
    }
}
