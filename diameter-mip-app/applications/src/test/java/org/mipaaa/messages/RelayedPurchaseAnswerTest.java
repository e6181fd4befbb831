package org.mipaaa.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.FailedAvp;
import org.mipaaa.diameter.ValidationFailure;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;

class RelayedPurchaseAnswerTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();

    private final AnswerFactory terminal = new AnswerFactory("terminal.shop.example", "shop.example");
    private final AnswerFactory aaay = new AnswerFactory("aaay.shop.example", "shop.example");
    private final RelayedPurchaseAnswer relay = new RelayedPurchaseAnswer(V);

    private static IMessage pir(String session) {
        IMessage r = new MessageParser().createEmptyMessage(CommandCodes.PURCHASE_INFORMATION, VENDOR.accountingServicesApplicationId());
        r.setRequest(true);
        r.getAvps().addAvp(AvpCodes.SESSION_ID, session, false);
        return r;
    }

    @Test
    void theTerminalsErrorIsPassedBackWithFailedAvpErrorMessageAndWhoReportedIt() throws Exception {
        Answer downstream = terminal.failure(pir("aaay;1;1"), new ValidationFailure(ResultCodes.INVALID_AVP_VALUE, "unknown Order-Reference Z-9",
                new FailedAvp(VendorAvpCodes.ORDER_REFERENCE, V, true, "Z-9".getBytes(), null)));

        Answer ours = relay.relay(pir("aaah;1;1"), aaay, downstream);

        assertThat(ours.getSessionId()).as("our own request's session").isEqualTo("aaah;1;1");
        assertThat(ours.getResultCode().getUnsigned32()).isEqualTo(ResultCodes.INVALID_AVP_VALUE);
        assertThat(ours.getAvps().getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity()).isEqualTo("aaay.shop.example");
        assertThat(ours.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).isEqualTo("unknown Order-Reference Z-9");
        assertThat(ours.getAvps().getAvp(AvpCodes.ERROR_REPORTING_HOST).getDiameterIdentity()).isEqualTo("terminal.shop.example");
        assertThat(ours.getAvps().getAvp(AvpCodes.ERROR_REPORTING_HOST).isMandatory()).isFalse();
        assertThat(ours.getAvps().getAvp(AvpCodes.FAILED_AVP).getGrouped().getAvpByIndex(0).getUTF8String()).isEqualTo("Z-9");
    }

    @Test
    void anErrorReportingHostAlreadyThereIsKeptOnTheNextHop() throws Exception {
        Answer fromTerminal = terminal.experimental(pir("aaay;1;1"), V, VendorResultCodes.UNKNOWN_PAYEE, "unknown payee x@shop.example");
        Answer fromAaay = relay.relay(pir("aaah;1;1"), aaay, fromTerminal);

        Answer toMobileNode = relay.relay(pir("mn;1;1"), new AnswerFactory("aaah.home.example", "home.example"), fromAaay);

        AvpSet er = toMobileNode.getAvps().getAvp(AvpCodes.EXPERIMENTAL_RESULT).getGrouped();
        assertThat(er.getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE).getUnsigned32()).isEqualTo(VendorResultCodes.UNKNOWN_PAYEE);
        assertThat(toMobileNode.getAvps().getAvp(AvpCodes.RESULT_CODE)).isNull();
        assertThat(toMobileNode.getAvps().getAvps(AvpCodes.ERROR_REPORTING_HOST).size()).isEqualTo(1);
        assertThat(toMobileNode.getAvps().getAvp(AvpCodes.ERROR_REPORTING_HOST).getDiameterIdentity()).isEqualTo("terminal.shop.example");
        assertThat(toMobileNode.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).isEqualTo("unknown payee x@shop.example");
    }

    @Test
    void aSuccessCarriesThePurchaseInfoAndTerminalHostAndNoErrorReportingHost() throws Exception {
        Answer downstream = aaay.result(pir("aaah;1;1"), ResultCodes.SUCCESS);
        AvpSet info = downstream.getAvps().addGroupedAvp(VendorAvpCodes.PURCHASE_INFO, V, true, false);
        info.addAvp(VendorAvpCodes.ORDER_REFERENCE, "A-1", V, true, false, false);
        downstream.getAvps().addAvp(VendorAvpCodes.TERMINAL_HOST, "terminal.shop.example", V, true, false, true);

        Answer ours = relay.relay(pir("mn;1;1"), new AnswerFactory("aaah.home.example", "home.example"), downstream);

        assertThat(ours.getResultCode().getUnsigned32()).isEqualTo(ResultCodes.SUCCESS);
        assertThat(ours.getAvps().getAvp(VendorAvpCodes.PURCHASE_INFO, V).getGrouped()
                .getAvp(VendorAvpCodes.ORDER_REFERENCE, V).getUTF8String()).isEqualTo("A-1");
        assertThat(ours.getAvps().getAvp(VendorAvpCodes.TERMINAL_HOST, V).getDiameterIdentity()).isEqualTo("terminal.shop.example");
        assertThat(ours.getAvps().getAvp(AvpCodes.ERROR_REPORTING_HOST)).isNull();
    }

    @Test
    void anAnswerWithoutAnyResultIs5012() throws Exception {
        Answer empty = pir("aaay;1;1").createAnswer();
        empty.getAvps().addAvp(AvpCodes.ORIGIN_HOST, "terminal.shop.example", true, false, true);

        Answer ours = relay.relay(pir("aaah;1;1"), aaay, empty);

        assertThat(ours.getResultCode().getUnsigned32()).isEqualTo(ResultCodes.UNABLE_TO_COMPLY);
        assertThat(ours.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).contains("terminal.shop.example");
    }

    @Test
    void noAnswerIs3002WithTheEBitSayingWhy() throws Exception {
        Answer timedOut = RelayedPurchaseAnswer.notDelivered(pir("aaah;1;1"), aaay, "the shop terminal t.shop.example",
                new CompletionException(new TimeoutException()));
        Answer unreachable = RelayedPurchaseAnswer.notDelivered(pir("aaah;1;1"), aaay, "the shop terminal t.shop.example",
                new ConnectException("refused"));

        assertThat(timedOut.getResultCode().getUnsigned32()).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
        assertThat(timedOut.isError()).isTrue();
        assertThat(timedOut.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).isEqualTo("the shop terminal t.shop.example: no answer in time");
        assertThat(unreachable.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String())
                .isEqualTo("the shop terminal t.shop.example: cannot be reached");
    }
}
