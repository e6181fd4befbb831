package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.role.Role;
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
                "rogue.port", Integer.toString(LoopbackSetup.freePort()), "ops.port", "0",
                "aaah.port", Integer.toString(fixture.port(Role.AAAH)),
                "state.root", state.toString(),
                "infinispan.config", TopologyFixture.configRoot().resolve("infinispan.xml").toString(),
                "policy.config", TopologyFixture.configRoot().resolve("policy.properties").toString(),
                "reconnect.ms", "1000"));
        try (DiameterNode rogue = DiameterNode.start(rogueConfig, RoleApplications.NONE, seenByRogue::add)) {
            boolean connected = rogue.awaitPeers(Set.of(fixture.topology().node(Role.AAAH).host()), Duration.ofSeconds(5));

            assertThat(connected).isFalse();
            assertThat(seenByRogue).noneMatch(e -> e.command().equals("CEA") && Long.valueOf(2001).equals(e.resultCode()));
            assertThat(fixture.topology().node(Role.AAAH).connectedPeers()).doesNotContain("rogue.visited.example");
        }
    }

    @Test
    void aRawCerFromAnUnknownHostGetsTheConnectionClosed() throws Exception {
        try (RawPeer stranger = new RawPeer(fixture.port(Role.AAAH))) {
            stranger.send(stranger.capabilitiesExchangeRequest("stranger.example.net", "example.net", 2));

            byte[] before = stranger.readUntilClosed();

            // closed by the AAAH; whatever it said before closing, it was not a successful CEA
            if (before.length > 0) {
                IMessage reply = new MessageParser().createMessage(before);
                assertThat(reply.getAvps().getAvp(AvpCodes.RESULT_CODE, 0).getUnsigned32()).isNotEqualTo(2001L);
            }
        }
    }
}
