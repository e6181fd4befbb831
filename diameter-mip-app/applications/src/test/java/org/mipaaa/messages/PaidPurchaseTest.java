package org.mipaaa.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.jdiameter.api.Request;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.services.Amount;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.SettlementCodec;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.diameter.Avps;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorSettings;

/** The agent's SER, encoded by the agent's codec and decoded by jDiameter, read as every hop reads it. */
class PaidPurchaseTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private final MessageParser parser = new MessageParser();

    private Request ser(PurchaseInfo info) throws Exception {
        DiameterMessage m = SettlementCodec.request(VENDOR, "mn1.home.example;1;1", "mn1.home.example", "home.example",
                "mn1@home.example", info, SettlementMode.HOME_ONLY).withIdentifiers(1, 2);
        return (Request) parser.createMessage(DiameterCodec.encode(m));
    }

    @Test
    void theAgentsPurchaseInfoReadsBackExactly() throws Exception {
        PurchaseInfo info = new PurchaseInfo("shop@shop.example", "A-1001", List.of("1 x coffee beans 250 g", "1 x milk frother"),
                new Amount(new BigDecimal("23.40"), 978), Optional.of(Instant.parse("2026-11-20T10:15:00Z")), Optional.empty());
        PaidPurchase p = PaidPurchase.in(ser(info).getAvps(), VENDOR.vendorId());
        assertThat(p.payee()).isEqualTo("shop@shop.example");
        assertThat(p.payeeRealm()).contains("shop.example");
        assertThat(p.orderReference()).isEqualTo("A-1001");
        assertThat(p.goods()).containsExactly("1 x coffee beans 250 g", "1 x milk frother");
        assertThat(p.amount()).isEqualTo(new BigDecimal("23.40"));
        assertThat(p.currency()).isEqualTo(Currency.getInstance("EUR"));
        assertThat(p.goodsLine()).isEqualTo("A-1001: 1 x coffee beans 250 g; 1 x milk frother");
    }

    @Test
    void aNegativeAmountDecodesForTheHandlerToRefuseAndAnUnknownCurrencyIs5004() throws Exception {
        PurchaseInfo negative = new PurchaseInfo("shop@shop.example", "A-1", List.of(), new Amount(new BigDecimal("-1.5"), 978),
                Optional.empty(), Optional.empty());
        assertThat(PaidPurchase.in(ser(negative).getAvps(), VENDOR.vendorId()).amount()).isEqualTo(new BigDecimal("-1.5"));
        PurchaseInfo noCurrency = new PurchaseInfo("shop@shop.example", "A-1", List.of(), new Amount(new BigDecimal("1"), 1),
                Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> PaidPurchase.in(ser(noCurrency).getAvps(), VENDOR.vendorId()))
                .isInstanceOfSatisfying(Avps.Invalid.class, e -> assertThat(e.refusal().resultCode()).isEqualTo(ResultCodes.INVALID_AVP_VALUE));
    }

    @Test
    void withoutPurchaseInfo5005() throws Exception {
        DiameterMessage cancel = SettlementCodec.cancelRequest(VENDOR, "s;1;1", "mn1.home.example", "home.example", "mn1@home.example", "id")
                .withIdentifiers(1, 2);
        Request r = (Request) parser.createMessage(DiameterCodec.encode(cancel));
        assertThatThrownBy(() -> PaidPurchase.in(r.getAvps(), VENDOR.vendorId()))
                .isInstanceOfSatisfying(Avps.Invalid.class, e -> assertThat(e.refusal().resultCode()).isEqualTo(ResultCodes.MISSING_AVP));
    }

    @Test
    void anExponentOfTwoBillionIs5004BeforeAnythingComputesWithIt() throws Exception {
        // attack 3: Value-Digits 1, Exponent 2 000 000 000 once made one SER take gigabytes of heap
        PurchaseInfo huge = new PurchaseInfo("shop@shop.example", "A-1", List.of(), new Amount(new BigDecimal("1E+2000000000"), 978),
                Optional.empty(), Optional.empty());
        Request r = ser(huge);
        assertThatThrownBy(() -> PaidPurchase.in(r.getAvps(), VENDOR.vendorId()))
                .isInstanceOfSatisfying(Avps.Invalid.class, e -> assertThat(e.refusal().resultCode()).isEqualTo(ResultCodes.INVALID_AVP_VALUE));
        PurchaseInfo tiny = new PurchaseInfo("shop@shop.example", "A-1", List.of(), new Amount(new BigDecimal("1E-19"), 978),
                Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> PaidPurchase.in(ser(tiny).getAvps(), VENDOR.vendorId()))
                .isInstanceOf(Avps.Invalid.class);
    }

    @Test
    void theLargestAmountMoneyNeedsStillDecodes() throws Exception {
        PurchaseInfo largest = new PurchaseInfo("shop@shop.example", "A-1", List.of(), new Amount(new BigDecimal("1E+15"), 978),
                Optional.empty(), Optional.empty());
        assertThat(PaidPurchase.in(ser(largest).getAvps(), VENDOR.vendorId()).amount()).isEqualByComparingTo("1000000000000000");
        PurchaseInfo cents = new PurchaseInfo("shop@shop.example", "A-1", List.of(), new Amount(new BigDecimal("0.000000000000000001"), 978),
                Optional.empty(), Optional.empty());
        assertThat(PaidPurchase.in(ser(cents).getAvps(), VENDOR.vendorId()).amount()).isEqualByComparingTo("1E-18");
    }
}
