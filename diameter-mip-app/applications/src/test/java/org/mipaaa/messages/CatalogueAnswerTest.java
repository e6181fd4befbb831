package org.mipaaa.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.services.Amount;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.PurchaseInfoCodec;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.ledger.Money;
import org.mipaaa.shop.Catalogue;
import org.mipaaa.shop.Order;

class CatalogueAnswerTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();
    private static final Order ORDER = new Order("A-1", "shop@shop.example", List.of("1 x coffee beans", "1 x milk frother"),
            Money.of("23.40", Currency.getInstance("EUR")), Instant.parse("2026-11-20T10:15:00Z"));

    private final AnswerFactory answers = new AnswerFactory("terminal.shop.example", "shop.example", Dictionary.bundled());
    private final CatalogueAnswer catalogueAnswer = new CatalogueAnswer(V);

    static IMessage pir(String orderReference) {
        IMessage r = new MessageParser().createEmptyMessage(CommandCodes.PURCHASE_INFORMATION, VENDOR.accountingServicesApplicationId());
        r.setRequest(true);
        AvpSet avps = r.getAvps();
        avps.addAvp(AvpCodes.SESSION_ID, "aaay.shop.example;1;2", false);
        avps.addAvp(AvpCodes.ORIGIN_HOST, "aaay.shop.example", true, false, true);
        avps.addAvp(AvpCodes.ORIGIN_REALM, "shop.example", true, false, true);
        avps.addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false);
        avps.addAvp(VendorAvpCodes.PAYEE_ID, "shop@shop.example", V, true, false, false);
        if (orderReference != null) {
            avps.addAvp(VendorAvpCodes.ORDER_REFERENCE, orderReference, V, true, false, false);
        }
        return r;
    }

    private Answer answer(IMessage request, Catalogue.Lookup lookup) throws Exception {
        return answers.answer(request, catalogueAnswer.answer(PurchaseRequest.decode(request, V), lookup));
    }

    @Test
    void aFoundOrderIsAnsweredWithItsPurchaseInfoWhichTheAgentReadsBackExactly() throws Exception {
        Answer a = answer(pir("A-1"), new Catalogue.Lookup.Found(ORDER));

        assertThat(a.getResultCode().getUnsigned32()).isEqualTo(ResultCodes.SUCCESS);
        AvpSet info = a.getAvps().getAvp(VendorAvpCodes.PURCHASE_INFO, V).getGrouped();
        assertThat(info.getAvp(VendorAvpCodes.PAYEE_ID, V).getUTF8String()).isEqualTo("shop@shop.example");
        assertThat(info.getAvps(VendorAvpCodes.GOODS_DESCRIPTION, V).size()).isEqualTo(2);
        AvpSet unitValue = info.getAvp(AvpCodes.CC_MONEY, 0).getGrouped().getAvp(AvpCodes.UNIT_VALUE, 0).getGrouped();
        assertThat(unitValue.getAvp(AvpCodes.VALUE_DIGITS, 0).getInteger64()).isEqualTo(2340);
        assertThat(unitValue.getAvp(AvpCodes.EXPONENT, 0).getInteger32()).isEqualTo(-2);

        // the bytes jDiameter sends, read by the agent's own codec
        ByteBuffer wire = new MessageParser().encodeMessage((IMessage) a);
        byte[] bytes = new byte[wire.remaining()];
        wire.get(bytes);
        PurchaseInfo read = PurchaseInfoCodec.answer(DiameterCodec.decode(bytes), V);
        assertThat(read).isEqualTo(new PurchaseInfo("shop@shop.example", "A-1", List.of("1 x coffee beans", "1 x milk frother"),
                new Amount(new BigDecimal("23.40"), 978), Optional.of(Instant.parse("2026-11-20T10:15:00Z")), Optional.empty()));
    }

    @Test
    void anUnknownOrderIsTheExperimentalResult5806OfTheVendor() throws Exception {
        Answer a = answer(pir("Z-9"), new Catalogue.Lookup.UnknownOrder("Z-9"));

        // a business outcome of a well-formed request, not the base protocol's 5004 (RFC 6733 §7.1.5)
        assertThat(a.getAvps().getAvp(AvpCodes.RESULT_CODE)).isNull();
        AvpSet er = a.getAvps().getAvp(AvpCodes.EXPERIMENTAL_RESULT).getGrouped();
        assertThat(er.getAvp(AvpCodes.VENDOR_ID).getUnsigned32()).isEqualTo(V);
        assertThat(er.getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE).getUnsigned32()).isEqualTo(VendorResultCodes.UNKNOWN_ORDER);
        assertThat(a.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).isEqualTo("unknown Order-Reference Z-9");
        assertThat(a.getAvps().getAvp(VendorAvpCodes.PURCHASE_INFO, V)).isNull();
    }

    @Test
    void noReferenceAndNoOrderIsTheExperimentalResult5807OfTheVendor() throws Exception {
        Answer a = answer(pir(null), new Catalogue.Lookup.NoOrder("shop@shop.example"));

        assertThat(a.getAvps().getAvp(AvpCodes.RESULT_CODE)).isNull();
        AvpSet er = a.getAvps().getAvp(AvpCodes.EXPERIMENTAL_RESULT).getGrouped();
        assertThat(er.getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE).getUnsigned32()).isEqualTo(VendorResultCodes.NO_ORDER);
    }

    @Test
    void anUnknownPayeeIsTheExperimentalResult5802OfTheVendor() throws Exception {
        Answer a = answer(pir("A-1"), new Catalogue.Lookup.UnknownPayee("shop@shop.example"));

        assertThat(a.getAvps().getAvp(AvpCodes.RESULT_CODE)).isNull();
        AvpSet er = a.getAvps().getAvp(AvpCodes.EXPERIMENTAL_RESULT).getGrouped();
        assertThat(er.getAvp(AvpCodes.VENDOR_ID).getUnsigned32()).isEqualTo(V);
        assertThat(er.getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE).getUnsigned32()).isEqualTo(VendorResultCodes.UNKNOWN_PAYEE);
        assertThat(a.isError()).isFalse();
    }
}
