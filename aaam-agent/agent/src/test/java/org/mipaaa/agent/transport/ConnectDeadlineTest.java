package org.mipaaa.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.testing.LabPki;

/** Connecting is bounded as a whole: a server that trickles its CEA an octet at a time is cut off. */
class ConnectDeadlineTest {

    @Test
    void aServerTricklingItsCeaIsCutOffAtTheConnectTimeout(@TempDir Path dir) throws Exception {
        LabPki pki = LabPki.create(dir).issue("aaah.home.example", LabPki.SERVER).issue("mn1.home.example", LabPki.CLIENT);
        try (SSLServerSocket server = (SSLServerSocket) pki.context("aaah.home.example").getServerSocketFactory().createServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.setNeedClientAuth(true);
            Thread trickler = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    InputStream in = s.getInputStream();
                    in.read(new byte[4096]); // the CER
                    OutputStream out = s.getOutputStream();
                    for (int i = 0; i < 100; i++) { // a CEA header that promises much, one octet each 200 ms
                        out.write(i == 0 ? 1 : 0);
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // the agent hung up: what this test wants
                }
            });
            trickler.setDaemon(true);
            trickler.start();
            AgentEndpoint endpoint = AgentEndpoint.builder("127.0.0.1", server.getLocalPort(), pki.context("mn1.home.example"))
                    .originHost("mn1.home.example").originRealm("home.example").expectedServer("aaah.home.example")
                    .application(0, 4).connectTimeout(Duration.ofSeconds(1)).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> AgentConnection.open(endpoint)).isInstanceOf(IOException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
