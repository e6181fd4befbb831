package org.mipaaa.agent.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

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
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;

/**
 * A user who takes their time (issue 19, item 10; docs/PROTOCOL.md §4.2): the AAAH answers the SER
 * CONFIRMATION_PENDING with the Settlement-Id and sends its UCR as an exchange of its own; the agent
 * answers the UCR when the user has decided, then asks for the outcome with a SER carrying that
 * Settlement-Id. The AAAH here is played by {@link TestAaaServer} over real TLS (the real nodes are in
 * diameter-mip-app; it-tests {@code ConfirmationWindowTest} runs this through a real AAAF and AAAH).
 */
class PendingSettlementTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();
    private static final String NAI = "mn1@home.example";
    private static final AaamSecurityAssociation SA = AaamSecurityAssociation.fromMnAaaKey(NAI, 4097,
            "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII));
    private static final PurchaseInfo BEANS = new PurchaseInfo("shop@shop.example", "A-1001", List.of("1 x coffee beans 250 g"),
            new Amount(new BigDecimal("23.40"), 978), Optional.empty(), Optional.empty());
    private static final String SETTLEMENT = "settlement-7";

    private static LabPki pki;

    @BeforeAll
    static void pki(@TempDir Path dir) throws Exception {
        pki = LabPki.create(dir).issue("aaah.home.example", LabPki.SERVER).issue("mn1.home.example", LabPki.CLIENT);
    }

    /**
     * The AAAH: a SER without Settlement-Id is answered CONFIRMATION_PENDING and followed by its UCR; a
     * SER asking for the settlement is answered 2001 once the user's authentic UCA CONFIRMED came, 4801
     * once {@code windowOver} is set without one, else pending again. Everything it sends is signed.
     */
    private static final class Aaah {
        final AtomicLong counter = new AtomicLong(5_000);
        final CountDownLatch windowOver = new CountDownLatch(1);
        TestAaaServer server;

        TestAaaServer start() throws Exception {
            server = TestAaaServer.start(pki.context("aaah.home.example"), "aaah.home.example", (ser, octets) -> {
                if (ser.commandCode() != CommandCodes.SETTLEMENT) {
                    return List.of();
                }
                if (ser.find(VendorAvpCodes.SETTLEMENT_ID, V).isEmpty()) {
                    return List.of(sea(ser, VendorResultCodes.CONFIRMATION_PENDING), ucr());
                }
                if (userConfirmed()) {
                    return List.of(sea(ser, ResultCodes.SUCCESS));
                }
                return List.of(sea(ser, windowOver.getCount() == 0 ? VendorResultCodes.CONFIRMATION_TIMEOUT
                        : VendorResultCodes.CONFIRMATION_PENDING));
            });
            return server;
        }

        private boolean userConfirmed() {
            return server.answered().stream().anyMatch(uca -> uca.commandCode() == CommandCodes.USER_CONFIRMATION
                    && AaamAuthenticator.verify(DiameterCodec.encode(uca), V, spi -> spi == SA.spi() ? Optional.of(SA) : Optional.empty())
                    instanceof AaamAuthenticator.Verification.Verified
                    && uca.find(VendorAvpCodes.CONFIRMATION_RESULT, V).map(a -> a.asUnsigned32() == Enumerations.CONFIRMATION_RESULT_CONFIRMED)
                    .orElse(false));
        }

        private DiameterMessage sea(DiameterMessage ser, long code) {
            List<Avp> avps = new ArrayList<>();
            avps.add(ser.find(AvpCodes.SESSION_ID).orElseThrow());
            if (code == ResultCodes.SUCCESS) {
                avps.add(Avp.unsigned32(AvpCodes.RESULT_CODE, code));
            } else {
                avps.add(Avp.grouped(AvpCodes.EXPERIMENTAL_RESULT, 0, List.of(Avp.unsigned32(AvpCodes.VENDOR_ID, V),
                        Avp.unsigned32(AvpCodes.EXPERIMENTAL_RESULT_CODE, code))));
            }
            avps.add(Avp.utf8(AvpCodes.ORIGIN_HOST, "aaah.home.example"));
            avps.add(Avp.utf8(AvpCodes.ORIGIN_REALM, "home.example"));
            avps.add(Avp.utf8(AvpCodes.USER_NAME, NAI));
            avps.add(Avp.utf8(VendorAvpCodes.SETTLEMENT_ID, V, SETTLEMENT));
            avps.add(Avp.unsigned32(VendorAvpCodes.SETTLEMENT_MODE, V, Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT));
            DiameterMessage unsigned = DiameterMessage.answerTo(ser, avps);
            avps.add(AaamAuthenticator.sign(DiameterCodec.encode(unsigned), SA, counter.incrementAndGet(), V));
            return DiameterMessage.answerTo(ser, avps);
        }

        private DiameterMessage ucr() {
            List<Avp> avps = new ArrayList<>(List.of(
                    Avp.utf8(AvpCodes.SESSION_ID, "aaah.home.example;1;77"),
                    Avp.utf8(AvpCodes.ORIGIN_HOST, "aaah.home.example"),
                    Avp.utf8(AvpCodes.ORIGIN_REALM, "home.example"),
                    Avp.utf8(AvpCodes.DESTINATION_HOST, "mn1.home.example"),
                    Avp.utf8(AvpCodes.USER_NAME, NAI),
                    Avp.utf8(VendorAvpCodes.SETTLEMENT_ID, V, SETTLEMENT),
                    SettlementCodec.purchaseInfo(BEANS, V),
                    Avp.unsigned32(VendorAvpCodes.SETTLEMENT_MODE, V, Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT)));
            DiameterMessage unsigned = new DiameterMessage(DiameterMessage.FLAG_REQUEST | DiameterMessage.FLAG_PROXIABLE,
                    CommandCodes.USER_CONFIRMATION, VENDOR.accountingServicesApplicationId(), 91, 0x7777, avps);
            avps.add(AaamAuthenticator.sign(DiameterCodec.encode(unsigned), SA, counter.incrementAndGet(), V));
            return new DiameterMessage(unsigned.flags(), unsigned.commandCode(), unsigned.applicationId(), 91, 0x7777, avps);
        }
    }

    private static AaamAgent agent(TestAaaServer server, Duration window) throws Exception {
        return new AaamAgent(SA, AgentEndpoint.builder("127.0.0.1", server.port(), pki.context("mn1.home.example"))
                .originHost("mn1.home.example").originRealm("home.example").expectedServer("aaah.home.example")
                .application(V, VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(5))
                .confirmationWindow(window).build(), new InMemoryReplayCounters(), VENDOR);
    }

    private static List<DiameterMessage> sers(TestAaaServer server) {
        return server.received().stream().filter(m -> m.commandCode() == CommandCodes.SETTLEMENT).collect(Collectors.toList());
    }

    @Test
    void s207_s211_theUserDecidesLongAfterTheSerWasAnswered_theAgentAsksForTheOutcomeWithTheSettlementId() throws Exception {
        Aaah aaah = new Aaah();
        CountDownLatch shown = new CountDownLatch(1);
        CountDownLatch userDecides = new CountDownLatch(1);
        try (TestAaaServer server = aaah.start(); AaamAgent agent = agent(server, Duration.ofSeconds(30))) {
            CompletableFuture<Settlement> settling = agent.settleAsync(BEANS, SettlementMode.DEBIT_PAYEE_ACCOUNT, proposal -> {
                shown.countDown();
                try {
                    userDecides.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ConfirmationCallback.Decision.OK;
            });
            assertThat(shown.await(10, TimeUnit.SECONDS)).as("the UCR reached the user").isTrue();
            // the SER was answered pending; while the user thinks, nothing else is asked
            assertThat(settling).isNotDone();
            assertThat(sers(server)).hasSize(1);

            userDecides.countDown();
            Settlement settled = settling.get(10, TimeUnit.SECONDS);

            assertThat(settled.settlementId()).isEqualTo(SETTLEMENT);
            assertThat(settled.amount()).isEqualTo(BEANS.amount());
            assertThat(sers(server)).hasSize(2);
            assertThat(sers(server).get(0).find(VendorAvpCodes.SETTLEMENT_ID, V)).as("the first SER opens a settlement").isEmpty();
            DiameterMessage question = sers(server).get(1);
            assertThat(question.find(VendorAvpCodes.SETTLEMENT_ID, V).map(Avp::asUtf8)).contains(SETTLEMENT);
            assertThat(question.find(AvpCodes.SESSION_ID)).isEqualTo(sers(server).get(0).find(AvpCodes.SESSION_ID));
            assertThat(question.endToEnd()).as("a request of its own").isNotEqualTo(sers(server).get(0).endToEnd());
            assertThat(server.answered()).singleElement().satisfies(uca -> assertThat(
                    uca.find(VendorAvpCodes.CONFIRMATION_RESULT, V).map(Avp::asUnsigned32))
                    .contains((long) Enumerations.CONFIRMATION_RESULT_CONFIRMED));
        }
    }

    @Test
    void s207_theUserNeverDecides_afterTheWindowTheAgentAsksAndReportsTheTimeout() throws Exception {
        Aaah aaah = new Aaah();
        CountDownLatch never = new CountDownLatch(1);
        try (TestAaaServer server = aaah.start(); AaamAgent agent = agent(server, Duration.ofMillis(500))) {
            aaah.windowOver.countDown(); // the AAAH's window is over before the agent asks
            CompletableFuture<Settlement> settling = agent.settleAsync(BEANS, SettlementMode.DEBIT_PAYEE_ACCOUNT, proposal -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ConfirmationCallback.Decision.OK;
            });

            assertThatThrownBy(() -> settling.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.failure()).isEqualTo(ServiceException.Failure.CONFIRMATION_TIMEOUT);
                        assertThat(e.resultCode()).isEqualTo(VendorResultCodes.CONFIRMATION_TIMEOUT);
                    });
            assertThat(sers(server)).hasSize(2);
            assertThat(server.answered()).as("the user never decided: no UCA").isEmpty();
        } finally {
            never.countDown();
        }
    }

    @Test
    void closingTheAgentWhileTheUserDecides_doesNotWaitForThePerson_theSettlementReportsNoAnswer() throws Exception {
        Aaah aaah = new Aaah();
        CountDownLatch shown = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (TestAaaServer server = aaah.start()) {
            AaamAgent agent = agent(server, Duration.ofSeconds(60));
            CompletableFuture<Settlement> settling = agent.settleAsync(BEANS, SettlementMode.DEBIT_PAYEE_ACCOUNT, proposal -> {
                shown.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ConfirmationCallback.Decision.CANCEL;
            });
            assertThat(shown.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(agent::close);

            closing.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> settling.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.NO_ANSWER));
            assertThat(sers(server)).as("nothing asked after the close").hasSize(1);
        } finally {
            never.countDown();
        }
    }
}
