package org.mipaaa.dictionary.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real freeDiameterd (Debian's freediameter 1.2.1) as a relay between two peers the test plays: a
 * client (realm test.example) that sends requests, and a server (realm b.example) to which freeDiameter
 * forwards them and whose answers it forwards back. Both listen on 127.0.0.1 on free ports and
 * freeDiameter connects to them ({@code Port = 0}: freeDiameter 1.2.1 cannot listen on loopback alone).
 * Its log, with every message it received dumped by {@code dbg_msg_dumps.fdx}, is read once it stopped.
 */
final class FreeDiameterDaemon implements AutoCloseable {

    static final Path DAEMON = Path.of("/usr/bin/freeDiameterd");
    static final Path EXTENSIONS = Path.of("/usr/lib/freeDiameter");
    static final String IDENTITY = "fd.interop.example";
    static final String CLIENT = "client.test.example";
    static final String CLIENT_REALM = "test.example";
    static final String SERVER = "server.b.example";
    static final String SERVER_REALM = "b.example";

    private final Process process;
    private final Peer client;
    private final Peer server;
    private final Path log;
    private int nextId = 0x1000;

    /** One of the test's peers: its listening socket and, once freeDiameter connected, the link. */
    private static final class Peer {
        final String host;
        final String realm;
        final ServerSocket listening;
        Socket link;

        Peer(String host, String realm) throws IOException {
            this.host = host;
            this.realm = realm;
            this.listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            listening.setSoTimeout(15_000);
        }

        void send(DiameterWire.Message m) throws IOException {
            OutputStream out = link.getOutputStream();
            out.write(m.encode());
            out.flush();
        }

        /** The next message that is not a watchdog request (those are answered here). */
        DiameterWire.Message receive() throws IOException {
            while (true) {
                DiameterWire.Message m = DiameterWire.read(link.getInputStream());
                if (m.request() && m.code() == 280) {
                    send(new DiameterWire.Message(0, 280, 0, m.hopByHop(), m.endToEnd(), List.of(
                            DiameterWire.unsigned32(268, 2001), DiameterWire.utf8(264, host), DiameterWire.utf8(296, realm))));
                    continue;
                }
                return m;
            }
        }

        void close() throws IOException {
            try {
                if (link != null) {
                    link.close();
                }
            } finally {
                listening.close();
            }
        }
    }

    private FreeDiameterDaemon(Process process, Peer client, Peer server, Path log) {
        this.process = process;
        this.client = client;
        this.server = server;
        this.log = log;
    }

    /**
     * Starts freeDiameterd in {@code work} with the given {@code LoadExtension} values (in order), then
     * {@code dbg_msg_dumps}, and the two peers.
     */
    static FreeDiameterDaemon start(Path work, List<String> loadExtensions) throws IOException {
        Peer client = new Peer(CLIENT, CLIENT_REALM);
        Peer server = new Peer(SERVER, SERVER_REALM);
        StringBuilder conf = new StringBuilder();
        conf.append("Identity = \"").append(IDENTITY).append("\";\n")
                .append("Realm = \"interop.example\";\n")
                .append("Port = 0;\nSecPort = 0;\nNo_SCTP;\nNo_IPv6;\nTcTimer = 5;\n");
        for (String e : loadExtensions) {
            conf.append("LoadExtension = ").append(e).append(";\n");
        }
        // received and sent messages as trees, one AVP a line; errors too
        conf.append("LoadExtension = \"").append(EXTENSIONS.resolve("dbg_msg_dumps.fdx")).append("\" : \"0x0088\";\n");
        for (Peer p : List.of(client, server)) {
            conf.append("ConnectPeer = \"").append(p.host).append("\" { ConnectTo = \"127.0.0.1\"; Port = ")
                    .append(p.listening.getLocalPort()).append("; No_TLS; No_SCTP; };\n");
        }
        Path config = Files.writeString(work.resolve("freeDiameter.conf"), conf, StandardCharsets.UTF_8);
        Path log = work.resolve("freeDiameterd.log");
        Process p = new ProcessBuilder(DAEMON.toString(), "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new FreeDiameterDaemon(p, client, server, log);
    }

    /**
     * Waits for freeDiameter's connections and answers both CERs with success, each peer advertising
     * Mobile IPv4 and the vendor application. Fails with the daemon's log when it does not connect
     * (e.g. an extension refused its configuration).
     */
    void acceptCapabilitiesExchange(long vendorId, long applicationId) throws IOException {
        for (Peer p : List.of(client, server)) {
            try {
                p.link = p.listening.accept();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("freeDiameterd did not connect to " + p.host + " within 15 s (alive: "
                        + process.isAlive() + "); its log:\n" + log());
            }
            p.link.setSoTimeout(10_000);
            DiameterWire.Message cer = p.receive();
            if (cer.code() != 257 || !cer.request()) {
                throw new AssertionError("expected a CER, got " + cer);
            }
            List<DiameterWire.Avp> avps = new ArrayList<>(List.of(
                    DiameterWire.unsigned32(268, 2001),
                    DiameterWire.utf8(264, p.host),
                    DiameterWire.utf8(296, p.realm),
                    DiameterWire.address(257, new byte[] {127, 0, 0, 1}),
                    DiameterWire.unsigned32(266, vendorId),
                    DiameterWire.utf8(269, "mip-aaa export test"),
                    DiameterWire.unsigned32(258, 2)));
            ByteArrayOutputStream vsa = new ByteArrayOutputStream();
            vsa.writeBytes(DiameterWire.unsigned32(266, vendorId).encode());
            vsa.writeBytes(DiameterWire.unsigned32(258, applicationId).encode());
            avps.add(new DiameterWire.Avp(260, 0, true, vsa.toByteArray()));
            p.send(new DiameterWire.Message(0, 257, 0, cer.hopByHop(), cer.endToEnd(), avps));
        }
    }

    /**
     * The client sends a request for the server's realm; freeDiameter forwards it to the server, whose
     * answer ({@code answerTo} given the forwarded request) it forwards back. Returns {forwarded request,
     * answer as the client received it}.
     */
    List<DiameterWire.Message> relay(int flags, int code, long applicationId, List<DiameterWire.Avp> avps,
            Function<DiameterWire.Message, DiameterWire.Message> answerTo) throws IOException {
        int id = nextId++;
        DiameterWire.Message forwarded = sendUntilRouted(new DiameterWire.Message(flags, code, applicationId, id, id, avps));
        if (!forwarded.request() || forwarded.code() != code) {
            throw new AssertionError("freeDiameter forwarded " + forwarded + " for request " + code + "; its log:\n" + log());
        }
        server.send(answerTo.apply(forwarded));
        DiameterWire.Message answer = client.receive();
        if (answer.request() || answer.hopByHop() != id) {
            throw new AssertionError("unexpected message from freeDiameter: " + answer);
        }
        return List.of(forwarded, answer);
    }

    /**
     * Sends {@code request} from the client and returns it as freeDiameter forwards it to the server.
     * Right after CER/CEA freeDiameter may not yet route to a peer it has just opened: it answers 3002
     * DIAMETER_UNABLE_TO_DELIVER itself then, and the request is sent again (at most for 10 s).
     */
    private DiameterWire.Message sendUntilRouted(DiameterWire.Message request) throws IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            client.send(request);
            while (true) {
                if (server.link.getInputStream().available() > 0) {
                    return server.receive();
                }
                if (client.link.getInputStream().available() > 0) {
                    DiameterWire.Message early = client.receive();
                    if (early.request() || early.hopByHop() != request.hopByHop() || System.nanoTime() > deadline) {
                        throw new AssertionError("freeDiameter answered " + early + " instead of forwarding; its log:\n" + log());
                    }
                    break; // not routable yet: again
                }
                if (System.nanoTime() > deadline) {
                    return server.receive(); // its own read timeout reports the failure
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** Waits until the daemon exits by itself; its exit status, or -1 if it still runs after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** The log so far (complete once the daemon exited or {@link #close()} returned). */
    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    /** Stops freeDiameterd (SIGTERM, then SIGKILL after 10 s) and closes the sockets. */
    @Override
    public void close() throws IOException {
        try {
            client.close();
            server.close();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the daemon and the extensions the tests use are installed. */
    static boolean installed() {
        return Files.isExecutable(DAEMON) && Files.isRegularFile(EXTENSIONS.resolve("dbg_msg_dumps.fdx"));
    }
}
