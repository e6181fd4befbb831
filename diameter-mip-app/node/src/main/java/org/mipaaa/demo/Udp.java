package org.mipaaa.demo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.Arrays;

/** The demo mobile node's Mobile IP leg: a request to an agent's registration port and its reply, over UDP. */
final class Udp {

    private Udp() {
    }

    static byte[] exchange(SocketAddress agent, byte[] request) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(15_000);
            socket.send(new DatagramPacket(request, request.length, agent));
            DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
            socket.receive(reply);
            return Arrays.copyOf(reply.getData(), reply.getLength());
        }
    }
}
