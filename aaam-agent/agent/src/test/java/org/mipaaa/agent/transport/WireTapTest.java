package org.mipaaa.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.testing.LabPki;
import org.mipaaa.agent.testing.TestAaaServer;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;

/** The wire tap sees every message of a connection as its octets, in order, and a tap that throws breaks nothing. */
class WireTapTest {

    private static final String SERVER = "aaah.home.example";
    private static final String NODE = "mn1.home.example";
    private static LabPki pki;

    @BeforeAll
    static void pki(@TempDir Path dir) throws Exception {
        pki = LabPki.create(dir).issue(SERVER, LabPki.SERVER).issue(NODE, LabPki.CLIENT);
    }

    private static AgentEndpoint endpoint(int port, WireTap tap) throws Exception {
        return AgentEndpoint.builder("127.0.0.1", port, pki.context(NODE))
                .originHost(NODE).originRealm("home.example").expectedServer(SERVER)
                .application(0, 4).requestTimeout(Duration.ofSeconds(2)).wireTap(tap).build();
    }

    private static DiameterMessage chargeQuery() {
        return DiameterMessage.request(CommandCodes.CHARGE_QUERY, 4, true, List.of(Avp.utf8(AvpCodes.SESSION_ID, "mn1.home.example;1;1"),
                Avp.utf8(AvpCodes.ORIGIN_HOST, NODE)));
    }

    private static TestAaaServer answering() throws Exception {
        return TestAaaServer.start(pki.context(SERVER), SERVER, (request, octets) -> List.of(DiameterMessage.answerTo(request,
                List.of(request.find(AvpCodes.SESSION_ID).orElseThrow(), Avp.unsigned32(AvpCodes.RESULT_CODE, 2001)))));
    }

    /** One message the tap saw. */
    private record Seen(boolean outgoing, DiameterMessage message) {
    }

    @Test
    void theTapSeesTheCapabilitiesExchangeAndEachRequestAndAnswerAsSentAndReceived() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        try (TestAaaServer server = answering();
             AgentConnection connection = AgentConnection.open(endpoint(server.port(),
                     (outgoing, bytes) -> seen.add(new Seen(outgoing, decode(bytes)))))) {
            DiameterMessage answer = connection.request(chargeQuery()).get(5, TimeUnit.SECONDS);

            assertThat(seen).extracting(s -> s.outgoing() + " " + s.message().commandCode() + (s.message().isRequest() ? "R" : "A"))
                    .containsExactly("true 257R", "false 257A", "true " + CommandCodes.CHARGE_QUERY + "R",
                            "false " + CommandCodes.CHARGE_QUERY + "A");
            assertThat(seen.get(3).message().hopByHop()).isEqualTo(answer.hopByHop());
        }
    }

    @Test
    void aTapThatThrowsBreaksNoConnection() throws Exception {
        try (TestAaaServer server = answering();
             AgentConnection connection = AgentConnection.open(endpoint(server.port(), (outgoing, bytes) -> {
                 throw new IllegalStateException("a broken tap");
             }))) {
            DiameterMessage answer = connection.request(chargeQuery()).get(5, TimeUnit.SECONDS);

            assertThat(answer.find(AvpCodes.RESULT_CODE).orElseThrow().asUnsigned32()).isEqualTo(2001);
        }
    }

    private static DiameterMessage decode(byte[] bytes) {
        try {
            return DiameterCodec.decode(bytes);
        } catch (Exception e) {
            throw new AssertionError("the tap saw no DIAMETER message", e);
        }
    }
}
