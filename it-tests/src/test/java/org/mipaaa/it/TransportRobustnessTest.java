package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jdiameter.api.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.role.Role;

/**
 * Byte streams that are not DIAMETER, thrown at the AAAH's TCP port: each connection is closed
 * promptly, nothing is buffered beyond the maximum length, no reader thread is left behind, and the
 * AAAF's link (TLS) goes on serving requests throughout.
 */
class TransportRobustnessTest {

    private static final Duration MESSAGE_TIMEOUT = Duration.ofMillis(1500);
    /** The AAAH's cap on accepted connections; the AAAF's link is one of them. */
    private static final int MAX_CONNECTIONS = 6;
    private static TopologyFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new TopologyFixture().start(EnumSet.of(Role.AAAH, Role.AAAF), RoleApplications.NONE,
                Map.of("transport.message.timeout.ms", Long.toString(MESSAGE_TIMEOUT.toMillis()),
                        "transport.max.connections", Integer.toString(MAX_CONNECTIONS),
                        // what a plain-TCP attacker meets (the shipped nodes listen on TLS only)
                        "transport.tcp.listen", "true"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** Sends {@code bytes}, then measures how long the AAAH takes to close the connection. */
    private static Duration closedAfter(byte[] bytes) throws Exception {
        try (RawPeer attacker = new RawPeer(fixture.port(Role.AAAH))) {
            long start = System.nanoTime();
            attacker.write(bytes);
            byte[] reply = attacker.readUntilClosed();
            assertThat(reply).as("nothing is answered to what is not DIAMETER").isEmpty();
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }

    @Test
    void garbageIsCutOffAtOnce() throws Exception {
        assertThat(closedAfter("GET / HTTP/1.1\r\nHost: aaah\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aWrongVersionByteIsCutOffAtOnce() throws Exception {
        byte[] message = new byte[20];
        message[0] = 2;
        message[3] = 20;
        assertThat(closedAfter(message)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aHugeDeclaredLengthIsCutOffWithoutWaitingForTheBytes() throws Exception {
        // 16 MiB announced, four octets sent: the node must not wait for (or allocate) the rest
        assertThat(closedAfter(new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFC})).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aTruncatedAvpIsCutOffAtOnce() throws Exception {
        try (RawPeer peer = new RawPeer(fixture.port(Role.AAAH))) {
            byte[] cer = peer.encode(peer.capabilitiesExchangeRequest("x.example", "example", 2));
            cer[20 + 7] = (byte) 0xF0; // Origin-Host claims 240 octets
            assertThat(closedAfter(cer)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aSlowTrickleIsCutOffAfterTheMessageTimeout() throws Exception {
        try (RawPeer attacker = new RawPeer(fixture.port(Role.AAAH))) {
            byte[] cer = attacker.encode(attacker.capabilitiesExchangeRequest("slow.example", "example", 2));
            long start = System.nanoTime();
            int sent = 0;
            try {
                // one octet every 200 ms: the whole CER would take ~20 s
                for (; sent < cer.length; sent++) {
                    attacker.write(new byte[] {cer[sent]});
                    Thread.sleep(200);
                }
            } catch (IOException closed) {
                // the node closed the connection while we were still sending: what we want
            }
            attacker.readUntilClosed();
            Duration closed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(sent).as("octets sent before the cut").isLessThan(cer.length);
            assertThat(closed).isBetween(MESSAGE_TIMEOUT, MESSAGE_TIMEOUT.plusSeconds(2));
        }
    }

    @Test
    void theLegitimatePeerKeepsWorkingAndNoReaderThreadIsLeftBehind() throws Exception {
        long readersBefore = readerThreads();
        for (int i = 0; i < 20; i++) {
            closedAfter(new byte[] {9, 9, 9, 9});
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (readerThreads() > readersBefore && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(readerThreads()).isLessThanOrEqualTo(readersBefore);

        VendorSettings vendor = VendorSettings.defaults();
        Answer answer = Requests.chargeQuery(fixture.topology().node(Role.AAAF), fixture.topology().node(Role.AAAH), vendor)
                .send().get(10, TimeUnit.SECONDS);
        assertThat(Exchange.resultCode(answer)).isEqualTo(ResultCodes.COMMAND_UNSUPPORTED);
        assertThat(Exchange.identity(answer, AvpCodes.ORIGIN_HOST)).isEqualTo(fixture.topology().node(Role.AAAH).host());
        assertThat(answer.getCommandCode()).isEqualTo(CommandCodes.CHARGE_QUERY);
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnceAndTheCapFreesWhenTheyEnd() throws Exception {
        java.util.List<java.net.Socket> idle = new java.util.ArrayList<>();
        try {
            // the AAAF's link holds one place; fill the others with idle connections
            for (int i = 1; i < MAX_CONNECTIONS; i++) {
                idle.add(new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), fixture.port(Role.AAAH)));
            }
            Thread.sleep(300);
            assertThat(isClosedByPeerWithin(Duration.ofSeconds(1))).as("one connection too many").isTrue();
        } finally {
            for (java.net.Socket s : idle) {
                s.close();
            }
        }
        Thread.sleep(500);
        assertThat(isClosedByPeerWithin(Duration.ofSeconds(1))).as("room again once the idle ones ended").isFalse();
    }

    /** Opens a connection, sends nothing, and says whether the AAAH closed it within {@code wait}. */
    private static boolean isClosedByPeerWithin(Duration wait) throws IOException {
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), fixture.port(Role.AAAH))) {
            s.setSoTimeout((int) wait.toMillis());
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("diameter-read-")).count();
    }
}
