package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jdiameter.client.impl.parser.MessageParser;
import org.jdiameter.client.api.IMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.node.Role;
import org.mipaaa.trace.TraceEvent;

/**
 * A peer that the AAAH's configuration does not list is refused at CER (RFC 6733 §5.3: the CER is
 * discarded and the transport connection closed), whether it is a real jDiameter stack or raw bytes.
 */
@ExtendWith(ArquillianExtension.class)
class UnknownPeerTest {

    @Deployment
    static JavaArchive deployment() {
        return Deployments.topology();
    }

    @Inject
    TopologyFixture fixture;

    @Test
    void aJDiameterPeerNotInTheConfigurationNeverGetsAConnection() throws Exception {
        Path state = Files.createTempDirectory("rogue-state");
        List<TraceEvent> seenByRogue = new CopyOnWriteArrayList<>();
        ConfigSource rogueConfig = ConfigSource.of(Path.of("src/test/resources/rogue"), Map.of(
                "rogue.port", Integer.toString(FreePorts.next()),
                "aaah.port", Integer.toString(fixture.port(Role.AAAH)),
                "state.root", state.toString(),
                "infinispan.config", TopologyFixture.configRoot().resolve("infinispan.xml").toString(),
                "reconnect.ms", "1000"));
        try (DiameterNode rogue = DiameterNode.start(rogueConfig, new HandlerRegistry(), seenByRogue::add)) {
            boolean connected = rogue.awaitPeers(Set.of(fixture.topology().node(Role.AAAH).host()), Duration.ofSeconds(5));

            assertThat(connected).isFalse();
            assertThat(seenByRogue).noneMatch(e -> e.command().equals("CEA") && Long.valueOf(2001).equals(e.resultCode()));
            assertThat(fixture.topology().node(Role.AAAH).connectedPeers()).doesNotContain("rogue.visited.example");
        }
    }

    @Test
    void aRawCerFromAnUnknownHostGetsTheConnectionClosed() throws Exception {
        byte[] cer = capabilitiesExchangeRequest("stranger.example.net", "example.net");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), fixture.port(Role.AAAH))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(cer);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int total = 0;
            int n;
            while ((n = in.read(buffer, total, buffer.length - total)) > 0) {
                total += n;
            }
            // closed by the AAAH; whatever it said before closing, it was not a successful CEA
            if (total >= 20) {
                IMessage reply = new MessageParser().createMessage(java.util.Arrays.copyOf(buffer, total));
                assertThat(reply.getAvps().getAvp(AvpCodes.RESULT_CODE, 0).getUnsigned32()).isNotEqualTo(2001L);
            } else {
                assertThat(total).isZero();
            }
        }
    }

    /** A CER (RFC 6733 §5.3.1) built with jDiameter's own message API. */
    private static byte[] capabilitiesExchangeRequest(String host, String realm) throws Exception {
        MessageParser parser = new MessageParser();
        IMessage cer = parser.createEmptyMessage(CommandCodes.CAPABILITIES_EXCHANGE, 0);
        cer.setRequest(true);
        cer.getAvps().addAvp(AvpCodes.ORIGIN_HOST, host, true, false, true);
        cer.getAvps().addAvp(AvpCodes.ORIGIN_REALM, realm, true, false, true);
        cer.getAvps().addAvp(AvpCodes.HOST_IP_ADDRESS, InetAddress.getLoopbackAddress(), true, false);
        cer.getAvps().addAvp(AvpCodes.VENDOR_ID, 0L, true, false, true);
        cer.getAvps().addAvp(AvpCodes.PRODUCT_NAME, "it-test", false, false, false);
        cer.getAvps().addAvp(AvpCodes.AUTH_APPLICATION_ID, 2L, true, false, true);
        java.nio.ByteBuffer bytes = parser.encodeMessage(cer);
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
    }
}
