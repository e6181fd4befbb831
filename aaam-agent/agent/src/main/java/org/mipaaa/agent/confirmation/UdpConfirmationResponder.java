package org.mipaaa.agent.confirmation;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.mipaaa.dictionary.ConfirmationProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ConfirmationResponder} on a UDP socket: one thread reads requests and sends each answer back
 * to the address the request came from. {@link #close()} closes the socket and ends the thread.
 *
 * <p>Thread-safe: one thread serves the socket; close() may be called from any thread.
 */
public final class UdpConfirmationResponder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpConfirmationResponder.class);

    private final ConfirmationResponder responder;
    private final DatagramSocket socket;
    private final Thread thread;

    private UdpConfirmationResponder(ConfirmationResponder responder, DatagramSocket socket) {
        this.responder = responder;
        this.socket = socket;
        this.thread = new Thread(this::serve, "confirmation-responder-" + socket.getLocalPort());
        this.thread.setDaemon(true);
    }

    /** Binds {@code address} (port 0: any free port) and starts answering. */
    public static UdpConfirmationResponder start(ConfirmationResponder responder, InetSocketAddress address) throws SocketException {
        Objects.requireNonNull(responder, "responder");
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReuseAddress(false);
            socket.bind(address);
        } catch (SocketException e) {
            socket.close();
            throw e;
        }
        UdpConfirmationResponder started = new UdpConfirmationResponder(responder, socket);
        started.thread.start();
        return started;
    }

    /** The address requests reach this terminal at. */
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public ConfirmationResponder responder() {
        return responder;
    }

    private void serve() {
        // one octet more than the largest message, so an oversized datagram is seen as such, not cut to fit
        byte[] buffer = new byte[ConfirmationProtocol.MAX_MESSAGE_LENGTH + 1];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(in);
                Optional<byte[]> answer = responder.answer(Arrays.copyOf(in.getData(), in.getLength()), in.getAddress());
                if (answer.isPresent()) {
                    socket.send(new DatagramPacket(answer.get(), answer.get().length, in.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("confirmation responder on {}: {}", socket.getLocalSocketAddress(), e.toString());
                }
            } catch (RuntimeException e) {
                // one bad datagram must not end the responder
                log.error("confirmation responder failed on a datagram from {}", in.getSocketAddress(), e);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
