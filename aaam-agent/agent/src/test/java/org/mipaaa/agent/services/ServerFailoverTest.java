package org.mipaaa.agent.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.testing.LabPki;
import org.mipaaa.agent.testing.TestAaaServer;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;

/**
 * Issue 18: the agent is given the home realm's AAAHs (a cluster) and uses another when its own is
 * gone, held to the same rules (the server's certificate and CEA must name the server it expects
 * there). Each AAAH here is a {@link TestAaaServer} over real TLS answering the Charge-Query.
 */
class ServerFailoverTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final String NAI = "mn1@home.example";
    private static final AaamSecurityAssociation SA = AaamSecurityAssociation.fromMnAaaKey(NAI, 4097,
            "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII));

    private static LabPki pki;

    @BeforeAll
    static void pki(@TempDir Path dir) throws Exception {
        pki = LabPki.create(dir).issue("aaah.home.example", LabPki.SERVER).issue("aaah2.home.example", LabPki.SERVER)
                .issue("mn1.home.example", LabPki.CLIENT);
    }

    @Test
    void whenItsAaahIsGoneTheAgentAsksTheNextOneOfItsCluster() throws Exception {
        AtomicLong counter = new AtomicLong(1_000);
        try (TestAaaServer first = aaah("aaah.home.example", counter, new AtomicReference<>());
             TestAaaServer second = aaah("aaah2.home.example", counter, new AtomicReference<>());
             AaamAgent agent = agent(first, second)) {
            assertThat(agent.communicationCharges(YearMonth.of(2026, 11)).period()).isEqualTo("2026-11");
            first.close(); // gone, as a killed process: its connection drops, nobody listens any more

            assertThat(agent.communicationCharges(YearMonth.of(2026, 12)).period()).isEqualTo("2026-12");

            assertThat(first.received()).hasSize(1);
            // sent once there: fresh, or (when the agent had not yet seen its connection drop) as the copy of
            // the request the dead connection swallowed
            assertThat(second.received()).hasSize(1);
            assertThat(second.received().get(0).find(VendorAvpCodes.BILLING_PERIOD, VENDOR.vendorId()).orElseThrow().asUtf8())
                    .isEqualTo("2026-12");
        }
    }

    @Test
    void aRequestWhoseAaahDiesBeforeAnsweringIsSentAgainToTheNextWithTheTFlag() throws Exception {
        AtomicLong counter = new AtomicLong(1_000);
        AtomicReference<TestAaaServer> dying = new AtomicReference<>();
        try (TestAaaServer first = aaah("aaah.home.example", counter, dying);
             TestAaaServer second = aaah("aaah2.home.example", counter, new AtomicReference<>());
             AaamAgent agent = agent(first, second)) {
            dying.set(first);

            assertThat(agent.communicationCharges(YearMonth.of(2026, 11)).period()).isEqualTo("2026-11");

            assertThat(first.received()).hasSize(1);
            assertThat(second.received()).singleElement().satisfies(copy -> {
                assertThat(copy.flags() & DiameterMessage.FLAG_RETRANSMITTED).as("T flag").isNotZero();
                assertThat(copy.endToEnd()).isEqualTo(first.received().get(0).endToEnd());
            });
        }
    }

    @Test
    void anAlternateWhoseCertificateNamesAnotherServerIsRefusedLikeTheFirst() throws Exception {
        AtomicLong counter = new AtomicLong(1_000);
        try (TestAaaServer first = aaah("aaah.home.example", counter, new AtomicReference<>());
             TestAaaServer impostor = aaah("aaah2.home.example", counter, new AtomicReference<>());
             AaamAgent agent = new AaamAgent(SA, endpoint(first).alternate("127.0.0.1", impostor.port(), "aaah3.home.example").build(),
                     new InMemoryReplayCounters(), VENDOR)) {
            first.close();

            ServiceException refused = null;
            try {
                agent.communicationCharges(YearMonth.of(2026, 11));
            } catch (ServiceException e) {
                refused = e;
            }
            assertThat(refused).isNotNull();
            assertThat(refused.failure()).isEqualTo(ServiceException.Failure.NO_ANSWER);
            assertThat(impostor.received()).as("nothing sent to a server that is not the one expected").isEmpty();
        }
    }

    private static AaamAgent agent(TestAaaServer first, TestAaaServer second) throws Exception {
        return new AaamAgent(SA, endpoint(first).alternate("127.0.0.1", second.port(), "aaah2.home.example").build(),
                new InMemoryReplayCounters(), VENDOR);
    }

    private static AgentEndpoint.Builder endpoint(TestAaaServer first) throws Exception {
        return AgentEndpoint.builder("127.0.0.1", first.port(), pki.context("mn1.home.example"))
                .originHost("mn1.home.example").originRealm("home.example").expectedServer("aaah.home.example")
                .application(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId())
                .requestTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(2)).connectAttempts(1);
    }

    /**
     * An AAAH answering each CQR with a signed CQA (one counter for the cluster, as the shared replay
     * counters would be); when {@code dies} holds it, it dies on the request instead (closes everything).
     */
    private static TestAaaServer aaah(String host, AtomicLong counter, AtomicReference<TestAaaServer> dies) throws Exception {
        long v = VENDOR.vendorId();
        return TestAaaServer.start(pki.context(host), host, (cqr, octets) -> {
            TestAaaServer self = dies.get();
            if (self != null) {
                self.close();
                throw new IOException(host + " killed while serving the request");
            }
            List<Avp> avps = new ArrayList<>(List.of(cqr.find(AvpCodes.SESSION_ID).orElseThrow(),
                    Avp.unsigned32(AvpCodes.RESULT_CODE, 2001), Avp.utf8(AvpCodes.ORIGIN_HOST, host),
                    Avp.utf8(AvpCodes.ORIGIN_REALM, "home.example"), cqr.find(VendorAvpCodes.BILLING_PERIOD, v).orElseThrow(),
                    Avp.grouped(AvpCodes.CC_MONEY, 0, List.of(Avp.grouped(AvpCodes.UNIT_VALUE, 0, List.of(
                            Avp.unsigned64(AvpCodes.VALUE_DIGITS, 0, 420), Avp.unsigned32(AvpCodes.EXPONENT, -2))),
                            Avp.unsigned32(AvpCodes.CURRENCY_CODE, 978)))));
            DiameterMessage cqa = DiameterMessage.answerTo(cqr, avps);
            avps.add(AaamAuthenticator.sign(DiameterCodec.encode(cqa), SA, counter.incrementAndGet(), v));
            return List.of(DiameterMessage.answerTo(cqr, avps));
        });
    }
}
