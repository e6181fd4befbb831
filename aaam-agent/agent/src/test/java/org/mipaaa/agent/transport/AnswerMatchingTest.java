package org.mipaaa.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.testing.LabPki;
import org.mipaaa.agent.testing.TestAaaServer;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;

/**
 * RFC 6733 §6.2: an answer belongs to the pending request whose Hop-by-Hop Identifier it carries, and
 * carries that request's End-to-End Identifier, Command-Code, Application-Id and Session-Id. Anything
 * else a server (or anyone who can write into the connection) sends is discarded, never taken as the
 * answer.
 */
class AnswerMatchingTest {

    private static final String SERVER = "aaah.home.example";
    private static final String NODE = "mn1.home.example";
    private static LabPki pki;

    @BeforeAll
    static void pki(@TempDir Path dir) throws Exception {
        pki = LabPki.create(dir).issue(SERVER, LabPki.SERVER).issue(NODE, LabPki.CLIENT);
    }

    private static AgentEndpoint endpoint(int port) throws Exception {
        return AgentEndpoint.builder("127.0.0.1", port, pki.context(NODE))
                .originHost(NODE).originRealm("home.example").expectedServer(SERVER)
                .application(0, 4).requestTimeout(Duration.ofSeconds(2)).build();
    }

    private static DiameterMessage request(String sessionId) {
        return DiameterMessage.request(CommandCodes.CHARGE_QUERY, 4, true, List.of(Avp.utf8(AvpCodes.SESSION_ID, sessionId),
                Avp.utf8(AvpCodes.ORIGIN_HOST, NODE)));
    }

    /** The answer to {@code request} with its first AVP (the Session-Id) replaced by {@code sessionId}, and a tag. */
    private static DiameterMessage answer(DiameterMessage request, String sessionId, String tag) {
        return DiameterMessage.answerTo(request, List.of(Avp.utf8(AvpCodes.SESSION_ID, sessionId),
                Avp.unsigned32(AvpCodes.RESULT_CODE, 2001), Avp.utf8(AvpCodes.ERROR_MESSAGE, tag).optional()));
    }

    private static String tag(DiameterMessage m) {
        return m.find(AvpCodes.ERROR_MESSAGE).map(Avp::asUtf8).orElse("");
    }

    @Test
    void aForgedAnswerForAnotherSessionOnThePendingHopByHopIsNeverTaken() throws Exception {
        try (TestAaaServer server = TestAaaServer.start(pki.context(SERVER), SERVER, (request, octets) -> List.of(
                answer(request, "mn2.home.example;1;1", "forged"),
                answer(request, request.find(AvpCodes.SESSION_ID).orElseThrow().asUtf8(), "real")));
             AgentConnection connection = AgentConnection.open(endpoint(server.port()))) {
            DiameterMessage answer = connection.request(request("mn1.home.example;7;7")).get(5, TimeUnit.SECONDS);

            assertThat(tag(answer)).isEqualTo("real");
        }
    }

    @Test
    void anAnswerCarryingAnotherRequestsEndToEndCommandOrApplicationOnThePendingHopByHopIsNeverTaken() throws Exception {
        try (TestAaaServer server = TestAaaServer.start(pki.context(SERVER), SERVER, (request, octets) -> {
            String session = request.find(AvpCodes.SESSION_ID).orElseThrow().asUtf8();
            DiameterMessage real = answer(request, session, "real");
            List<DiameterMessage> out = new ArrayList<>();
            out.add(answer(request, session, "other end-to-end").withIdentifiers(real.hopByHop(), real.endToEnd() + 1));
            out.add(new DiameterMessage(real.flags(), CommandCodes.SETTLEMENT, real.applicationId(), real.hopByHop(), real.endToEnd(),
                    answer(request, session, "other command").avps()));
            out.add(new DiameterMessage(real.flags(), real.commandCode(), 99, real.hopByHop(), real.endToEnd(),
                    answer(request, session, "other application").avps()));
            out.add(real);
            return out;
        }); AgentConnection connection = AgentConnection.open(endpoint(server.port()))) {
            DiameterMessage answer = connection.request(request("mn1.home.example;7;8")).get(5, TimeUnit.SECONDS);

            assertThat(tag(answer)).isEqualTo("real");
        }
    }

    @Test
    void anAnswerWithAnUnknownHopByHopIsDiscardedAndTheRequestTimesOut() throws Exception {
        try (TestAaaServer server = TestAaaServer.start(pki.context(SERVER), SERVER, (request, octets) -> {
            DiameterMessage real = answer(request, request.find(AvpCodes.SESSION_ID).orElseThrow().asUtf8(), "stray");
            return List.of(real.withIdentifiers(real.hopByHop() + 1000, real.endToEnd()));
        }); AgentConnection connection = AgentConnection.open(endpoint(server.port()))) {
            assertThatThrownBy(() -> connection.request(request("mn1.home.example;7;9")).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
        }
    }
}
