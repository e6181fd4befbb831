package org.mipaaa.agent.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;

class PurchaseInfoCodecTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();

    private static DiameterMessage pia(List<Avp> avps) {
        return new DiameterMessage(DiameterMessage.FLAG_PROXIABLE, CommandCodes.PURCHASE_INFORMATION,
                VENDOR.accountingServicesApplicationId(), 1, 2, avps);
    }

    private static Avp purchaseInfo(boolean withTime) {
        List<Avp> members = new ArrayList<>(List.of(
                Avp.utf8(VendorAvpCodes.PAYEE_ID, V, "shop@shop.example"),
                Avp.utf8(VendorAvpCodes.ORDER_REFERENCE, V, "A-1"),
                Avp.utf8(VendorAvpCodes.GOODS_DESCRIPTION, V, "1 x coffee"),
                Avp.utf8(VendorAvpCodes.GOODS_DESCRIPTION, V, "1 x cup"),
                Avp.grouped(AvpCodes.CC_MONEY, 0, List.of(
                        Avp.grouped(AvpCodes.UNIT_VALUE, 0, List.of(
                                new Avp(AvpCodes.VALUE_DIGITS, true, 0, ByteBuffer.allocate(8).putLong(2340).array()),
                                new Avp(AvpCodes.EXPONENT, true, 0, ByteBuffer.allocate(4).putInt(-2).array()))),
                        Avp.unsigned32(AvpCodes.CURRENCY_CODE, 978)))));
        if (withTime) {
            members.add(Avp.unsigned32(AvpCodes.EVENT_TIMESTAMP, Instant.parse("2026-11-20T10:15:00Z").getEpochSecond() + 2_208_988_800L));
        }
        return Avp.grouped(VendorAvpCodes.PURCHASE_INFO, V, members);
    }

    @Test
    void theRequestNamesThePayeeTheOrderAndAsksTheHomeRealmForAPrice() {
        DiameterMessage pir = PurchaseInfoCodec.request(VENDOR, "mn1.home.example;1;1", "mn1.home.example", "home.example",
                "mn1@home.example", "shop@shop.example", "A-1");

        assertThat(pir.isRequest()).isTrue();
        assertThat(pir.commandCode()).isEqualTo(CommandCodes.PURCHASE_INFORMATION);
        assertThat(pir.applicationId()).isEqualTo(VENDOR.accountingServicesApplicationId());
        assertThat(pir.find(AvpCodes.DESTINATION_REALM).orElseThrow().asUtf8()).isEqualTo("home.example");
        assertThat(pir.find(AvpCodes.USER_NAME).orElseThrow().asUtf8()).isEqualTo("mn1@home.example");
        assertThat(pir.find(VendorAvpCodes.PAYEE_ID, V).orElseThrow().asUtf8()).isEqualTo("shop@shop.example");
        assertThat(pir.find(VendorAvpCodes.ORDER_REFERENCE, V).orElseThrow().asUtf8()).isEqualTo("A-1");
        assertThat(pir.find(AvpCodes.REQUESTED_ACTION).orElseThrow().data()).containsExactly(0, 0, 0, Enumerations.REQUESTED_ACTION_PRICE_ENQUIRY);
        assertThat(pir.find(AvpCodes.AUTH_SESSION_STATE).orElseThrow().data())
                .containsExactly(0, 0, 0, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED);
        assertThat(pir.find(AvpCodes.DESTINATION_HOST)).isEmpty();

        DiameterMessage latest = PurchaseInfoCodec.request(VENDOR, "s", "mn1.home.example", "home.example",
                "mn1@home.example", "shop@shop.example", null);
        assertThat(latest.find(VendorAvpCodes.ORDER_REFERENCE, V)).isEmpty();
    }

    @Test
    void thePurchaseInfoIsReadExactly() throws Exception {
        PurchaseInfo info = PurchaseInfoCodec.answer(pia(List.of(Avp.unsigned32(AvpCodes.RESULT_CODE, 2001), purchaseInfo(true),
                Avp.utf8(VendorAvpCodes.TERMINAL_HOST, V, "terminal.shop.example"))), V);

        assertThat(info).isEqualTo(new PurchaseInfo("shop@shop.example", "A-1", List.of("1 x coffee", "1 x cup"),
                new Amount(new BigDecimal("23.40"), 978), Optional.of(Instant.parse("2026-11-20T10:15:00Z")),
                Optional.of("terminal.shop.example")));
        assertThat(PurchaseInfoCodec.answer(pia(List.of(purchaseInfo(false))), V).time()).isEmpty();
    }

    @Test
    void aSuccessWithoutPurchaseInfoDoesNotDecode() {
        assertThatThrownBy(() -> PurchaseInfoCodec.answer(pia(List.of(Avp.unsigned32(AvpCodes.RESULT_CODE, 2001))), V))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("Purchase-Info");
    }

    private static ServiceException.Failure failureOf(long code, Avp... avps) {
        return PurchaseInfoCodec.failure(pia(List.of(avps)), code, V).failure();
    }

    private static Avp failedAvp(int code) {
        return Avp.grouped(AvpCodes.FAILED_AVP, 0, List.of(Avp.utf8(code, V, "x")));
    }

    @Test
    void eachRefusalHasItsTypedFailure() {
        Avp reporter = Avp.utf8(AvpCodes.ERROR_REPORTING_HOST, "aaay.shop.example");
        assertThat(failureOf(VendorResultCodes.UNKNOWN_PAYEE)).isEqualTo(ServiceException.Failure.UNKNOWN_PAYEE);
        assertThat(failureOf(VendorResultCodes.UNKNOWN_ORDER)).isEqualTo(ServiceException.Failure.UNKNOWN_ORDER);
        assertThat(failureOf(VendorResultCodes.NO_ORDER)).as("no reference, and the payee has no order")
                .isEqualTo(ServiceException.Failure.NO_ORDER);
        // a server of before the vendor codes said it with 5004 / 5005 and Failed-AVP Order-Reference
        assertThat(failureOf(ResultCodes.INVALID_AVP_VALUE, failedAvp(VendorAvpCodes.ORDER_REFERENCE)))
                .isEqualTo(ServiceException.Failure.UNKNOWN_ORDER);
        assertThat(failureOf(ResultCodes.MISSING_AVP, failedAvp(VendorAvpCodes.ORDER_REFERENCE)))
                .isEqualTo(ServiceException.Failure.NO_ORDER);
        assertThat(failureOf(ResultCodes.INVALID_AVP_VALUE, failedAvp(VendorAvpCodes.PAYEE_ID))).isEqualTo(ServiceException.Failure.REFUSED);
        assertThat(failureOf(ResultCodes.UNABLE_TO_DELIVER)).isEqualTo(ServiceException.Failure.NOT_DELIVERED);
        assertThat(failureOf(ResultCodes.REALM_NOT_SERVED)).isEqualTo(ServiceException.Failure.NOT_DELIVERED);
        assertThat(failureOf(ResultCodes.AUTHORIZATION_REJECTED, reporter)).isEqualTo(ServiceException.Failure.REFUSED_BY_PAYEE);
        assertThat(failureOf(ResultCodes.AUTHORIZATION_REJECTED)).isEqualTo(ServiceException.Failure.UNKNOWN_USER);
        assertThat(failureOf(VendorResultCodes.AAAM_AUTHENTICATION_FAILED)).isEqualTo(ServiceException.Failure.AUTHENTICATION_FAILED);
    }

    @Test
    void theRefusalSaysWhatTheAnswerSaidAndWhoReportedIt() {
        ServiceException e = PurchaseInfoCodec.failure(pia(List.of(Avp.utf8(AvpCodes.ERROR_MESSAGE, "the shop terminal t: cannot be reached"),
                Avp.utf8(AvpCodes.ERROR_REPORTING_HOST, "aaay.shop.example"))), ResultCodes.UNABLE_TO_DELIVER, V);

        assertThat(e.resultCode()).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
        assertThat(e.getMessage()).isEqualTo("Purchase-Information refused: 3002: the shop terminal t: cannot be reached"
                + " (reported by aaay.shop.example)");
    }
}
