package org.mipaaa.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP port of an agent: one daemon thread hands each datagram to the agent, and the agent sends its
 * replies from the same port. The mobility agents' Mobile IP port (RFC 5944 §3: registration messages
 * over UDP, port 434) and the foreign agent's user-plane relay use it.
 */
public final class UdpPort implements AutoCloseable {

    /** Told of each datagram, on the port's reader thread. */
    @FunctionalInterface
    public interface Receiver {
        void received(byte[] datagram, SocketAddress from);
    }

    private static final Logger log = LoggerFactory.getLogger(UdpPort.class);
    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramSocket socket;
    private final Receiver receiver;
    private volatile boolean running = true;

    private final String name;

    /** Binds {@code address}; {@code name} names the reader thread and the log lines. */
    public UdpPort(InetSocketAddress address, String name, Receiver receiver) throws SocketException {
        this.receiver = receiver;
        this.name = name;
        this.socket = new DatagramSocket(address);
    }

    /** Starts reading: called once the agent that receives is fully built. */
    public void start() {
        Thread reader = new Thread(this::receive, name + "-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
        log.info("{} listens on UDP {}", name, socket.getLocalSocketAddress());
    }

    private void receive() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (running) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (running) {
                    log.warn("{}: UDP socket {} failed: {}", name, socket.getLocalSocketAddress(), e.getMessage());
                }
                return;
            }
            try {
                receiver.received(Arrays.copyOf(packet.getData(), packet.getLength()), packet.getSocketAddress());
            } catch (RuntimeException e) {
                // one bad datagram must not stop the agent's port
                log.warn("datagram from {} not handled: {}", packet.getSocketAddress(), e.toString());
            }
        }
    }

    /** Sends {@code bytes} to {@code to}; a failure is logged (UDP promises no delivery anyway). */
    public void send(byte[] bytes, SocketAddress to) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            log.warn("{}: cannot send a datagram to {}: {}", name, to, e.getMessage());
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        running = false;
        socket.close();
    }
}
