package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.transport.AgentConnection;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.trace.TraceEvent;

/**
 * The AAAM agent's own TLS client (aaam-agent: JSSE and its compact codec, no jDiameter) against a real
 * AAAH on our transport: TLS handshake with the mobile node's certificate, CER/CEA, a request of the
 * services application answered, the AAAH's DWR answered by the agent, DPR on close.
 */
class AgentTlsTest {

    private static final String MN = "mn1.home.example";
    private static final VendorSettings VENDOR = VendorSettings.defaults();

    @TempDir
    static Path work;

    private static DiameterNode aaah;
    private static int tlsPort;
    private static final List<TraceEvent> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path pki = work.resolve("tls");
        PkiIssuer.issueAll(pki, "test CA", List.of("aaah.home.example"), List.of(MN));
        tlsPort = LoopbackSetup.freePort();
        aaah = DiameterNode.start(ConfigSource.of(Path.of("src/test/resources/agent/aaah"), Map.of(
                "aaah.port", Integer.toString(LoopbackSetup.freePort()), "ops.port", "0",
                "aaah.tls.port", Integer.toString(tlsPort),
                "mn1.port", "3868",
                "tls.dir", pki.toString(),
                "state.root", work.resolve("state").toString(),
                "infinispan.config", TopologyFixture.configRoot().resolve("infinispan.xml").toString(),
                "policy.config", TopologyFixture.configRoot().resolve("policy.properties").toString(),
                "watchdog.ms", "6000")), RoleApplications.NONE, seen::add);
    }

    @AfterAll
    static void stop() {
        aaah.close();
    }

    private static AgentEndpoint endpoint(SSLContext tls) {
        return new AgentEndpoint("127.0.0.1", tlsPort, tls, MN, "home.example",
                List.of(new AgentEndpoint.Application(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId())),
                Duration.ofSeconds(5));
    }

    @Test
    void theAgentConnectsOverTlsAndItsRequestIsAnswered() throws Exception {
        try (AgentConnection agent = AgentConnection.open(endpoint(LabTls.context(work.resolve("tls"), MN, work.resolve("tls"))))) {
            assertThat(agent.peerHost()).isEqualTo("aaah.home.example");
            DiameterMessage cqr = DiameterMessage.request(CommandCodes.CHARGE_QUERY, VENDOR.accountingServicesApplicationId(), true, List.of(
                    Avp.utf8(AvpCodes.SESSION_ID, MN + ";1;1"),
                    Avp.grouped(AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID, 0, List.of(
                            Avp.unsigned32(AvpCodes.VENDOR_ID, VENDOR.vendorId()),
                            Avp.unsigned32(AvpCodes.AUTH_APPLICATION_ID, VENDOR.accountingServicesApplicationId()))),
                    Avp.unsigned32(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED),
                    Avp.utf8(AvpCodes.ORIGIN_HOST, MN),
                    Avp.utf8(AvpCodes.ORIGIN_REALM, "home.example"),
                    Avp.utf8(AvpCodes.DESTINATION_REALM, "home.example"),
                    Avp.utf8(AvpCodes.USER_NAME, "mn1@home.example"),
                    Avp.utf8(VendorAvpCodes.BILLING_PERIOD, VENDOR.vendorId(), "2026-11")));

            DiameterMessage answer = agent.request(cqr).get(5, TimeUnit.SECONDS);

            // well formed, and no handler for it yet on this AAAH: the answer came through the dispatcher
            assertThat(answer.find(AvpCodes.RESULT_CODE).orElseThrow().asUnsigned32()).isEqualTo(ResultCodes.COMMAND_UNSUPPORTED);
            assertThat(answer.find(AvpCodes.SESSION_ID).orElseThrow().asUtf8()).isEqualTo(MN + ";1;1");

            // the AAAH watches the link with DWR after Tw = 6 s of silence; the agent answers it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (seen.stream().noneMatch(e -> e.command().equals("DWA") && e.from().equals(MN)) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(seen).anyMatch(e -> e.command().equals("DWA") && e.from().equals(MN) && Long.valueOf(2001).equals(e.resultCode()));
            assertThat(agent.isOpen()).isTrue();
        }
        assertThat(seen).anyMatch(e -> e.command().equals("DPR") && e.from().equals(MN));
    }

    @Test
    void anAgentInsistingOnItsAaahConnectsToItAndRefusesToTakeItForAnotherServer() throws Exception {
        SSLContext tls = LabTls.context(work.resolve("tls"), MN, work.resolve("tls"));
        try (AgentConnection agent = AgentConnection.open(endpoint(tls).expecting("aaah.home.example"))) {
            assertThat(agent.peerHost()).isEqualTo("aaah.home.example");
        }
        // a server with a good certificate is still not the one the vendor configured
        assertThatThrownBy(() -> AgentConnection.open(endpoint(tls).expecting("aaah.other.example")).close())
                .isInstanceOf(IOException.class).hasMessageContaining("not the expected server aaah.other.example");
    }

    @Test
    void anAgentWhoseCertificateTheAaahDoesNotTrustCannotConnect(@TempDir Path other) throws Exception {
        PkiIssuer.issueAll(other, "another CA", List.of(), List.of(MN));
        // trusts the real CA (so the server is accepted) but holds a certificate of another one
        SSLContext foreign = LabTls.context(other, MN, work.resolve("tls"));

        assertThatThrownBy(() -> AgentConnection.open(endpoint(foreign)).close()).isInstanceOf(IOException.class);
    }
}
