package org.mipaaa.agent.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.FileReplayCounters;
import org.mipaaa.agent.auth.ReplayWindow;
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
 * docs/AGENT.md's getting-started lines, compiled and run as they are written there (the test checks the
 * page still shows exactly these lines), against a minimal AAAH in this test: the real nodes are in
 * diameter-mip-app, which depends on this module.
 */
class GettingStartedTest {

    private static final String NAI = "mn1@home.example";
    private static final byte[] MN_AAA_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static LabPki pki;
    private static Path dir;

    @BeforeAll
    static void pki(@TempDir Path tmp) throws Exception {
        dir = tmp;
        pki = LabPki.create(tmp).issue("aaah.home.example", LabPki.SERVER).issue("mn1.home.example", LabPki.CLIENT);
    }

    /** The AAAH's side: a signed CQA for the CQR it got, as docs/PROTOCOL.md §4.6 and §3 say. */
    private static TestAaaServer aaah() throws Exception {
        VendorSettings carrier = VendorSettings.defaults();
        long v = carrier.vendorId();
        AaamSecurityAssociation sa = AaamSecurityAssociation.fromMnAaaKey(NAI, 4097, MN_AAA_KEY);
        AtomicLong counter = new AtomicLong(1_000);
        return TestAaaServer.start(pki.context("aaah.home.example"), "aaah.home.example", (cqr, octets) -> {
            List<Avp> avps = new ArrayList<>(List.of(cqr.find(AvpCodes.SESSION_ID).orElseThrow(),
                    Avp.unsigned32(AvpCodes.RESULT_CODE, 2001), Avp.utf8(AvpCodes.ORIGIN_HOST, "aaah.home.example"),
                    Avp.utf8(AvpCodes.ORIGIN_REALM, "home.example"), cqr.find(VendorAvpCodes.BILLING_PERIOD, v).orElseThrow(),
                    Avp.grouped(AvpCodes.CC_MONEY, 0, List.of(Avp.grouped(AvpCodes.UNIT_VALUE, 0, List.of(
                            Avp.unsigned64(AvpCodes.VALUE_DIGITS, 0, 420), Avp.unsigned32(AvpCodes.EXPONENT, -2))),
                            Avp.unsigned32(AvpCodes.CURRENCY_CODE, 978)))));
            DiameterMessage cqa = DiameterMessage.answerTo(cqr, avps);
            avps.add(AaamAuthenticator.sign(DiameterCodec.encode(cqa), sa, counter.incrementAndGet(), v));
            return List.of(DiameterMessage.answerTo(cqr, avps));
        });
    }

    @Test
    void theGettingStartedLinesMakeOneCallAndThePageShowsExactlyThem() throws Exception {
        try (TestAaaServer server = aaah()) {
            // what a device holds: its key and certificate, the carrier's CA, their passwords, its MN-AAA key
            Path keyStoreFile = pki.keyStore("mn1.home.example");
            Path keyStorePasswordFile = pki.passwordFile("mn1.home.example");
            Path trustStoreFile = pki.trustStore();
            Path trustStorePasswordFile = pki.trustPasswordFile();
            byte[] mnAaaKey = MN_AAA_KEY;
            Path countersFile = dir.resolve("aaam.counters");
            String aaahAddress = "127.0.0.1";
            int aaahPort = server.port();
            java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
            java.io.PrintStream stdout = System.out;
            System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
            // getting-started:begin
            char[] keyPassword = Files.readString(keyStorePasswordFile).strip().toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStoreFile)) {
                keys.load(in, keyPassword);
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, keyPassword);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(trustStoreFile)) {
                trust.load(in, Files.readString(trustStorePasswordFile).strip().toCharArray());
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);

            VendorSettings carrier = VendorSettings.defaults(); // or new VendorSettings(vendorId, applicationId)
            AgentEndpoint endpoint = AgentEndpoint.builder(aaahAddress, aaahPort, tls)
                    .originHost("mn1.home.example").originRealm("home.example")
                    .expectedServer("aaah.home.example") // the only server this device talks to
                    .application(carrier.vendorId(), carrier.accountingServicesApplicationId())
                    .requestTimeout(Duration.ofSeconds(10))
                    .build();
            AaamSecurityAssociation sa = AaamSecurityAssociation.fromMnAaaKey("mn1@home.example", 4097, mnAaaKey);
            try (AaamAgent agent = new AaamAgent(sa, endpoint, new FileReplayCounters(countersFile), carrier)) {
                CommunicationCharges charges = agent.communicationCharges(YearMonth.of(2026, 11));
                System.out.println(charges.period() + ": " + charges.total());
            }
            // getting-started:end
            } finally {
                System.setOut(stdout);
            }
            assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("2026-11: 4.20 EUR" + System.lineSeparator());
            assertThat(server.received()).hasSize(1);
            assertThat(ReplayWindow.decode(Files.readString(countersFile).strip().split("\\s+")[1]).highest())
                    .as("the AAAH's signed answer was accepted").isEqualTo(1001);
        }
        assertThat(snippet(Files.readString(Path.of("../../docs/AGENT.md")), "```java\n", "```"))
                .as("docs/AGENT.md shows the lines this test runs").isEqualTo(snippet(
                        Files.readString(Path.of("src/test/java/org/mipaaa/agent/services/GettingStartedTest.java")),
                        "// getting-started:begin\n", "// getting-started:end"));
    }

    @Test
    void theAsynchronousCallCompletesWithTheSameResultAndTheBlockingOneWaitsOnIt() throws Exception {
        try (TestAaaServer server = aaah();
             AaamAgent agent = new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(NAI, 4097, MN_AAA_KEY),
                     AgentEndpoint.builder("127.0.0.1", server.port(), pki.context("mn1.home.example")).originHost("mn1.home.example")
                             .originRealm("home.example").expectedServer("aaah.home.example")
                             .application(VendorSettings.defaults().vendorId(), VendorSettings.defaults().accountingServicesApplicationId())
                             .build(),
                     new FileReplayCounters(dir.resolve("async.counters")), VendorSettings.defaults())) {
            List<CompletableFuture<CommunicationCharges>> calls = new ArrayList<>();
            for (int month = 1; month <= 5; month++) {
                calls.add(agent.communicationChargesAsync(YearMonth.of(2026, month)));
            }
            CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
            assertThat(calls.stream().map(CompletableFuture::join).map(CommunicationCharges::period).collect(Collectors.toList()))
                    .containsExactly("2026-01", "2026-02", "2026-03", "2026-04", "2026-05");
            assertThat(agent.communicationCharges("2026-06").period()).isEqualTo("2026-06");
        }
    }

    /** The lines of the first block of {@code text} that begins with {@code begin}, up to {@code end}, without their indentation. */
    private static List<String> snippet(String text, String begin, String end) {
        int from = text.indexOf(begin);
        assertThat(from).as("no %s", begin.strip()).isNotNegative();
        from += begin.length();
        int to = text.indexOf(end, from);
        return text.substring(from, to).lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }
}
