package org.mipaaa.agent.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.transport.AgentConnection;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;

/**
 * The agent's answer to the AAAH's User-Confirmation-Request: only an authentic, fresh UCR about the
 * purchase being paid reaches the user, and the UCA carries the user's choice, signed.
 */
class UserConfirmationTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();
    private static final AaamSecurityAssociation SA = AaamSecurityAssociation.fromMnAaaKey("mn1@home.example", 4097,
            "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII));
    private static final AaamSecurityAssociation OTHER_KEY = AaamSecurityAssociation.fromMnAaaKey("mn1@home.example", 4097,
            "not-the-key".getBytes(StandardCharsets.US_ASCII));
    private static final PurchaseInfo BEANS = new PurchaseInfo("shop@shop.example", "A-1001", List.of("1 x coffee beans 250 g"),
            new Amount(new BigDecimal("23.40"), 978), Optional.empty(), Optional.empty());

    private final InMemoryReplayCounters counters = new InMemoryReplayCounters();
    private final AtomicInteger asked = new AtomicInteger();
    private final UserConfirmation confirmation;

    UserConfirmationTest() throws Exception {
        AgentEndpoint endpoint = AgentEndpoint.builder("127.0.0.1", 1, SSLContext.getDefault())
                .originHost("mn1.home.example").originRealm("home.example").expectedServer("aaah.home.example")
                .application(V, VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(1)).build();
        confirmation = new UserConfirmation(SA, counters, VENDOR, endpoint);
    }

    private ConfirmationCallback answering(ConfirmationCallback.Decision d) {
        return p -> {
            asked.incrementAndGet();
            return d;
        };
    }

    /** The AAAH's UCR for {@code info}, signed under {@code sa} with {@code counter}. */
    private static AgentConnection.Received ucr(PurchaseInfo info, AaamSecurityAssociation sa, long counter) {
        List<Avp> avps = new ArrayList<>(List.of(
                Avp.utf8(AvpCodes.SESSION_ID, "aaah.home.example;1;9"),
                Avp.utf8(AvpCodes.ORIGIN_HOST, "aaah.home.example"),
                Avp.utf8(AvpCodes.ORIGIN_REALM, "home.example"),
                Avp.utf8(AvpCodes.DESTINATION_HOST, "mn1.home.example"),
                Avp.utf8(AvpCodes.USER_NAME, "mn1@home.example"),
                Avp.utf8(VendorAvpCodes.SETTLEMENT_ID, V, "settlement-1"),
                SettlementCodec.purchaseInfo(info, V),
                Avp.unsigned32(VendorAvpCodes.SETTLEMENT_MODE, V, Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT)));
        DiameterMessage unsigned = new DiameterMessage(DiameterMessage.FLAG_REQUEST | DiameterMessage.FLAG_PROXIABLE,
                CommandCodes.USER_CONFIRMATION, VENDOR.accountingServicesApplicationId(), 77, 0x1234, avps);
        avps.add(AaamAuthenticator.sign(DiameterCodec.encode(unsigned), sa, counter, V));
        DiameterMessage signed = new DiameterMessage(unsigned.flags(), unsigned.commandCode(), unsigned.applicationId(), 77, 0x1234, avps);
        return new AgentConnection.Received(signed, DiameterCodec.encode(signed));
    }

    private static long code(DiameterMessage uca) {
        return ServiceAnswers.code(uca, V);
    }

    private static boolean signedBySa(DiameterMessage uca) {
        return AaamAuthenticator.verify(DiameterCodec.encode(uca), V,
                spi -> spi == SA.spi() ? Optional.of(SA) : Optional.empty()) instanceof AaamAuthenticator.Verification.Verified;
    }

    @Test
    void theUsersOkGoesBackSignedWithConfirmed() {
        confirmation.expect(new UserConfirmation.Pending(BEANS, SettlementMode.DEBIT_PAYEE_ACCOUNT, answering(ConfirmationCallback.Decision.OK)));
        DiameterMessage uca = confirmation.answer(ucr(BEANS, SA, 1_000));
        assertThat(asked).hasValue(1);
        assertThat(uca.isRequest()).isFalse();
        assertThat(uca.hopByHop()).isEqualTo(77);
        assertThat(uca.endToEnd()).isEqualTo(0x1234);
        assertThat(code(uca)).isEqualTo(ResultCodes.SUCCESS);
        assertThat(uca.find(VendorAvpCodes.CONFIRMATION_RESULT, V).orElseThrow().asUnsigned32())
                .isEqualTo(Enumerations.CONFIRMATION_RESULT_CONFIRMED);
        assertThat(uca.find(VendorAvpCodes.SETTLEMENT_ID, V).orElseThrow().asUtf8()).isEqualTo("settlement-1");
        assertThat(signedBySa(uca)).isTrue();
    }

    @Test
    void theUsersCancelGoesBackAsCancelledByUser() {
        confirmation.expect(new UserConfirmation.Pending(BEANS, SettlementMode.DEBIT_PAYEE_ACCOUNT, answering(ConfirmationCallback.Decision.CANCEL)));
        DiameterMessage uca = confirmation.answer(ucr(BEANS, SA, 1_000));
        assertThat(uca.find(VendorAvpCodes.CONFIRMATION_RESULT, V).orElseThrow().asUnsigned32())
                .isEqualTo(Enumerations.CONFIRMATION_RESULT_CANCELLED_BY_USER);
        assertThat(signedBySa(uca)).isTrue();
    }

    @Test
    void aForgedUcrIs5805UnsignedAndNobodyIsAsked() {
        confirmation.expect(new UserConfirmation.Pending(BEANS, SettlementMode.DEBIT_PAYEE_ACCOUNT, answering(ConfirmationCallback.Decision.OK)));
        DiameterMessage uca = confirmation.answer(ucr(BEANS, OTHER_KEY, 1_000));
        assertThat(code(uca)).isEqualTo(VendorResultCodes.AAAM_AUTHENTICATION_FAILED);
        assertThat(uca.find(VendorAvpCodes.AAAM_AUTHENTICATOR, V)).isEmpty();
        assertThat(asked).hasValue(0);
    }

    @Test
    void aReplayedUcrIs5805AndNobodyIsAskedTwice() {
        confirmation.expect(new UserConfirmation.Pending(BEANS, SettlementMode.DEBIT_PAYEE_ACCOUNT, answering(ConfirmationCallback.Decision.OK)));
        AgentConnection.Received first = ucr(BEANS, SA, 1_000);
        confirmation.answer(first);
        assertThat(code(confirmation.answer(first))).isEqualTo(VendorResultCodes.AAAM_AUTHENTICATION_FAILED);
        assertThat(asked).hasValue(1);
    }

    @Test
    void aUcrForAnotherPurchaseOrWithNothingPendingIs5803() {
        PurchaseInfo dearer = new PurchaseInfo("shop@shop.example", "A-1001", List.of("1 x coffee beans 250 g"),
                new Amount(new BigDecimal("234.00"), 978), Optional.empty(), Optional.empty());
        assertThat(code(confirmation.answer(ucr(BEANS, SA, 1_000)))).as("nothing pending").isEqualTo(VendorResultCodes.UNKNOWN_SETTLEMENT);
        confirmation.expect(new UserConfirmation.Pending(BEANS, SettlementMode.DEBIT_PAYEE_ACCOUNT, answering(ConfirmationCallback.Decision.OK)));
        DiameterMessage uca = confirmation.answer(ucr(dearer, SA, 2_000));
        assertThat(code(uca)).isEqualTo(VendorResultCodes.UNKNOWN_SETTLEMENT);
        assertThat(signedBySa(uca)).isTrue();
        assertThat(asked).hasValue(0);
    }

    @Test
    void otherServerRequestsAreNotServedHere() {
        AgentConnection.Received r = ucr(BEANS, SA, 1_000);
        DiameterMessage cqr = new DiameterMessage(r.message().flags(), CommandCodes.CHARGE_QUERY, r.message().applicationId(), 1, 1,
                r.message().avps());
        assertThat(confirmation.answer(new AgentConnection.Received(cqr, DiameterCodec.encode(cqr)))).isNull();
    }
}
