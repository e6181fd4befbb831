package org.mipaaa.agent.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;

/**
 * A minimal DIAMETER-over-TLS server for the agent's own tests (test scope): TLS first with client
 * authentication on 127.0.0.1, CEA 2001 to a CER, DWA, DPA; every other request goes to the test's
 * {@link Responder}, which may answer anything, forged answers included. The real nodes live in
 * diameter-mip-app, which depends on this module, so this module's tests cannot start one.
 */
public final class TestAaaServer implements AutoCloseable {

    /** What the server sends back for a request: zero or more messages, written as given. */
    @FunctionalInterface
    public interface Responder {
        List<DiameterMessage> respond(DiameterMessage request, byte[] octets) throws IOException;
    }

    private final SSLServerSocket server;
    private final String originHost;
    private final Responder responder;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<DiameterMessage> received = new CopyOnWriteArrayList<>();
    private final List<DiameterMessage> answered = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    private TestAaaServer(SSLServerSocket server, String originHost, Responder responder) {
        this.server = server;
        this.originHost = originHost;
        this.responder = responder;
        this.acceptor = new Thread(this::accept, "test-aaa-server");
        this.acceptor.setDaemon(true);
    }

    /** Listens on 127.0.0.1 (any free port) with {@code tls}, calling itself {@code originHost} in its CEA. */
    public static TestAaaServer start(SSLContext tls, String originHost, Responder responder) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setNeedClientAuth(true);
        TestAaaServer s = new TestAaaServer(socket, originHost, responder);
        s.acceptor.start();
        return s;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The requests other than CER, DWR and DPR received so far, in order. */
    public List<DiameterMessage> received() {
        return List.copyOf(received);
    }

    /** The answers the agent sent to this server's own requests (a UCR a responder wrote), in order. */
    public List<DiameterMessage> answered() {
        return List.copyOf(answered);
    }

    /** Connections accepted so far (TLS handshakes begun). */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                SSLSocket socket = (SSLSocket) server.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread t = new Thread(() -> serve(socket), "test-aaa-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] octets = read(in);
                DiameterMessage m = DiameterCodec.decode(octets);
                List<DiameterMessage> answers = new ArrayList<>();
                if (m.commandCode() == CommandCodes.CAPABILITIES_EXCHANGE) {
                    answers.add(DiameterMessage.answerTo(m, List.of(Avp.unsigned32(AvpCodes.RESULT_CODE, ResultCodes.SUCCESS),
                            Avp.utf8(AvpCodes.ORIGIN_HOST, originHost), Avp.utf8(AvpCodes.ORIGIN_REALM, realm()))));
                } else if (m.commandCode() == CommandCodes.DEVICE_WATCHDOG || m.commandCode() == CommandCodes.DISCONNECT_PEER) {
                    answers.add(DiameterMessage.answerTo(m, List.of(Avp.unsigned32(AvpCodes.RESULT_CODE, ResultCodes.SUCCESS),
                            Avp.utf8(AvpCodes.ORIGIN_HOST, originHost), Avp.utf8(AvpCodes.ORIGIN_REALM, realm()))));
                } else if (m.isRequest()) {
                    received.add(m);
                    answers.addAll(responder.respond(m, octets));
                } else if (m.commandCode() != CommandCodes.DEVICE_WATCHDOG) {
                    answered.add(m);
                }
                for (DiameterMessage a : answers) {
                    out.write(DiameterCodec.encode(a));
                }
                out.flush();
                if (m.commandCode() == CommandCodes.DISCONNECT_PEER) {
                    return;
                }
            }
        } catch (EOFException e) {
            // the agent closed the connection
        } catch (Exception e) {
            if (!server.isClosed()) {
                System.err.println("test AAA server: " + e);
            }
        } finally {
            open.remove(socket);
        }
    }

    private String realm() {
        int dot = originHost.indexOf('.');
        return dot < 0 ? originHost : originHost.substring(dot + 1);
    }

    private static byte[] read(DataInputStream in) throws IOException {
        int first = in.readInt();
        int length = first & 0xFFFFFF;
        if (length < DiameterCodec.HEADER_LENGTH || length > 1 << 20) {
            throw new IOException("bad length " + length);
        }
        byte[] octets = new byte[length];
        octets[0] = (byte) (first >>> 24);
        octets[1] = (byte) (first >>> 16);
        octets[2] = (byte) (first >>> 8);
        octets[3] = (byte) first;
        in.readFully(octets, 4, length - 4);
        return octets;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
