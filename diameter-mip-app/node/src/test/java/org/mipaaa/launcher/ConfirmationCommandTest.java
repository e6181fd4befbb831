package org.mipaaa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.lab.LoopbackSetup;
import picocli.CommandLine;

/** {@code mip-aaa confirmation keys | terminal | call} as a user runs them, on UDP on the loopback. */
class ConfirmationCommandTest {

    @TempDir
    Path dir;

    @Test
    void aSignedConfirmationAndCallByHandThenAnNgForAnotherHost() throws Exception {
        assertThat(new CommandLine(new Main()).execute("confirmation", "keys", "--out", dir.toString())).isZero();
        assertThat(dir.resolve("terminal.key")).isRegularFile();
        int port = freeUdpPort();
        int sipPort = freeUdpPort();
        Thread terminal = new Thread(() -> new CommandLine(new Main()).execute("confirmation", "terminal", "--port", Integer.toString(port),
                "--host", "a.home.example", "--user", "x@home.example", "--key", dir.resolve("terminal.key").toString(),
                "--sip-port", Integer.toString(sipPort), "--duration", "60"));
        terminal.start();
        try {
            awaitTaken(port);
            awaitTaken(sipPort);
            Run ok = run("confirmation", "call", "--to", "127.0.0.1", "--port", Integer.toString(port), "--host", "a.home.example",
                    "--user", "x@home.example", "--key", dir.resolve("terminal.pub").toString(), "--sip-port", Integer.toString(sipPort));
            assertThat(ok.exit()).as(ok.out()).isZero();
            assertThat(ok.out()).contains("signature verified").contains("answered 200, BYE answered 200");
            Run ng = run("confirmation", "call", "--to", "127.0.0.1", "--port", Integer.toString(port), "--host", "b.home.example",
                    "--key", dir.resolve("terminal.pub").toString(), "--sip-port", Integer.toString(sipPort));
            assertThat(ng.exit()).isEqualTo(1);
            assertThat(ng.out()).contains("no call placed").contains("HOST_NAME_MISMATCH");
        } finally {
            terminal.interrupt();
            terminal.join(5000);
        }
        assertThat(terminal.isAlive()).isFalse();
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previous);
        }
    }

    private static int freeUdpPort() {
        for (int i = 0; i < 1000; i++) {
            int port = LoopbackSetup.freePort();
            if (!taken(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free UDP port");
    }

    private static boolean taken(int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    private static void awaitTaken(int port) throws InterruptedException {
        for (int i = 0; i < 100 && !taken(port); i++) {
            Thread.sleep(50);
        }
        assertThat(taken(port)).as("the terminal listens on " + port).isTrue();
    }
}
