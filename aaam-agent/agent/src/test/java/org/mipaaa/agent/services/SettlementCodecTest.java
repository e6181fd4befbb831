package org.mipaaa.agent.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;

/** The agent's SER/SEA/SCA codec: the purchase round-trips, and each refusal has its typed failure. */
class SettlementCodecTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();
    private static final PurchaseInfo INFO = new PurchaseInfo("shop@shop.example", "A-1001", List.of("1 x milk frother"),
            new Amount(new BigDecimal("23.40"), 978), Optional.of(Instant.parse("2026-11-20T10:15:00Z")), Optional.of("terminal.shop.example"));

    @Test
    void theSerCarriesThePurchaseAsTheUcrReadsItBack() throws Exception {
        DiameterMessage ser = DiameterCodec.decode(DiameterCodec.encode(SettlementCodec.request(VENDOR, "s;1;1", "mn1.home.example",
                "home.example", "mn1@home.example", INFO, SettlementMode.HOME_ONLY).withIdentifiers(1, 2)));
        assertThat(ser.commandCode()).isEqualTo(CommandCodes.SETTLEMENT);
        assertThat(ser.isRequest()).isTrue();
        assertThat(ser.find(AvpCodes.DESTINATION_REALM).orElseThrow().asUtf8()).isEqualTo("home.example");
        assertThat(ser.find(VendorAvpCodes.SETTLEMENT_MODE, V).orElseThrow().asUnsigned32()).isEqualTo(SettlementMode.HOME_ONLY.code());
        assertThat(ser.find(VendorAvpCodes.TERMINAL_HOST, V).orElseThrow().asUtf8()).isEqualTo("terminal.shop.example");
        PurchaseInfo back = SettlementCodec.purchaseInfo(ser.find(VendorAvpCodes.PURCHASE_INFO, V).orElseThrow().asGrouped(), V, Optional.empty());
        assertThat(back.amount()).isEqualTo(INFO.amount());
        assertThat(back.goods()).isEqualTo(INFO.goods());
        assertThat(back.time()).isEqualTo(INFO.time());
    }

    @Test
    void theUcaCarriesTheUcrsProxyInfoInItsOrder() {
        Avp first = Avp.grouped(AvpCodes.PROXY_INFO, 0, List.of(Avp.utf8(AvpCodes.PROXY_HOST, "p1.visited.example"),
                Avp.octets(AvpCodes.PROXY_STATE, 0, new byte[] {1})));
        Avp second = Avp.grouped(AvpCodes.PROXY_INFO, 0, List.of(Avp.utf8(AvpCodes.PROXY_HOST, "p2.visited.example"),
                Avp.octets(AvpCodes.PROXY_STATE, 0, new byte[] {2})));
        DiameterMessage ucr = new DiameterMessage(DiameterMessage.FLAG_REQUEST | DiameterMessage.FLAG_PROXIABLE, CommandCodes.USER_CONFIRMATION,
                VENDOR.accountingServicesApplicationId(), 1, 2, List.of(Avp.utf8(AvpCodes.SESSION_ID, "aaah.home.example;1;1"),
                        first, Avp.utf8(VendorAvpCodes.SETTLEMENT_ID, V, "s-1"), second));

        DiameterMessage uca = SettlementCodec.confirmationAnswer(ucr, VENDOR, "mn1.home.example", "home.example", "mn1@home.example",
                ConfirmationCallback.Decision.OK, 0);

        // RFC 6733 §6.2: "Proxy-Info AVPs ... MUST be copied" into the answer, in the same order
        assertThat(uca.avps().stream().filter(a -> a.code() == AvpCodes.PROXY_INFO).toList()).containsExactly(first, second);
    }

    private static DiameterMessage answer(Avp outcome) {
        return new DiameterMessage(0, CommandCodes.SETTLEMENT, VENDOR.accountingServicesApplicationId(), 1, 2, List.of(outcome,
                Avp.utf8(AvpCodes.ERROR_MESSAGE, "why")));
    }

    private static Avp experimental(int code) {
        return Avp.grouped(AvpCodes.EXPERIMENTAL_RESULT, 0, List.of(Avp.unsigned32(AvpCodes.VENDOR_ID, V),
                Avp.unsigned32(AvpCodes.EXPERIMENTAL_RESULT_CODE, code)));
    }

    @Test
    void eachRefusalHasItsFailure() {
        assertThat(SettlementCodec.failure(answer(experimental(VendorResultCodes.USER_REJECTED)), VendorResultCodes.USER_REJECTED, "S").failure())
                .isEqualTo(ServiceException.Failure.USER_REJECTED);
        assertThat(SettlementCodec.failure(answer(experimental(4801)), VendorResultCodes.CONFIRMATION_TIMEOUT, "S").failure())
                .isEqualTo(ServiceException.Failure.CONFIRMATION_TIMEOUT);
        assertThat(SettlementCodec.failure(answer(experimental(5803)), VendorResultCodes.UNKNOWN_SETTLEMENT, "S").failure())
                .isEqualTo(ServiceException.Failure.UNKNOWN_SETTLEMENT);
        assertThat(SettlementCodec.failure(answer(experimental(5804)), VendorResultCodes.ALREADY_CANCELLED, "S").failure())
                .isEqualTo(ServiceException.Failure.ALREADY_CANCELLED);
        ServiceException down = SettlementCodec.failure(answer(Avp.unsigned32(AvpCodes.RESULT_CODE, ResultCodes.UNABLE_TO_DELIVER)),
                ResultCodes.UNABLE_TO_DELIVER, "Settlement");
        assertThat(down.failure()).isEqualTo(ServiceException.Failure.NOT_DELIVERED);
        assertThat(down.getMessage()).contains("why");
        assertThat(SettlementCodec.failure(answer(Avp.unsigned32(AvpCodes.RESULT_CODE, ResultCodes.INVALID_AVP_VALUE)),
                ResultCodes.INVALID_AVP_VALUE, "S").failure()).isEqualTo(ServiceException.Failure.INVALID_REQUEST);
    }

    @Test
    void anScaThatDoesNotSayInvalidatedIsNotACancellation() {
        DiameterMessage sca = new DiameterMessage(0, CommandCodes.SETTLEMENT_CANCEL, VENDOR.accountingServicesApplicationId(), 1, 2, List.of(
                Avp.unsigned32(AvpCodes.RESULT_CODE, ResultCodes.SUCCESS),
                Avp.unsigned32(VendorAvpCodes.ENTRY_STATE, V, 1),
                Avp.grouped(AvpCodes.CC_MONEY, 0, List.of(Avp.grouped(AvpCodes.UNIT_VALUE, 0, List.of(
                        Avp.unsigned64(AvpCodes.VALUE_DIGITS, 0, 2340), Avp.unsigned32(AvpCodes.EXPONENT, -2))),
                        Avp.unsigned32(AvpCodes.CURRENCY_CODE, 978)))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SettlementCodec.cancellation(sca, "id", V))
                .isInstanceOf(org.mipaaa.agent.diameter.MalformedMessageException.class);
    }
}
