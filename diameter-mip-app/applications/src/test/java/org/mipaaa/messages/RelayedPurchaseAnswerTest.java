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
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;

class RelayedPurchaseAnswerTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();

    private final AnswerFactory terminal = new AnswerFactory("terminal.shop.example", "shop.example", Dictionary.bundled());
    private final AnswerFactory aaay = new AnswerFactory("aaay.shop.example", "shop.example", Dictionary.bundled());
    private final AnswerFactory aaah = new AnswerFactory("aaah.home.example", "home.example", Dictionary.bundled());
    private final RelayedPurchaseAnswer relay = new RelayedPurchaseAnswer(V);

    private static IMessage pir(String session) {
        IMessage r = new MessageParser().createEmptyMessage(CommandCodes.PURCHASE_INFORMATION, VENDOR.accountingServicesApplicationId());
        r.setRequest(true);
        r.getAvps().addAvp(AvpCodes.SESSION_ID, session, false);
        return r;
    }

    @Test
    void theTerminalsErrorIsPassedBackWithFailedAvpErrorMessageAndWhoReportedIt() throws Exception {
        Answer downstream = terminal.answer(pir("aaay;1;1"), Outcome.refusal(ResultCodes.INVALID_AVP_VALUE, "unknown Order-Reference Z-9",
                new FailedAvp(VendorAvpCodes.ORDER_REFERENCE, V, true, "Z-9".getBytes(), null)));

        Answer ours = aaay.answer(pir("aaah;1;1"), relay.relay(downstream));

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
        Answer fromTerminal = terminal.answer(pir("aaay;1;1"), Outcome.experimental(V, VendorResultCodes.UNKNOWN_PAYEE, "unknown payee x@shop.example"));
        Answer fromAaay = aaay.answer(pir("aaah;1;1"), relay.relay(fromTerminal));

        Answer toMobileNode = aaah.answer(pir("mn;1;1"), relay.relay(fromAaay));

        AvpSet er = toMobileNode.getAvps().getAvp(AvpCodes.EXPERIMENTAL_RESULT).getGrouped();
        assertThat(er.getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE).getUnsigned32()).isEqualTo(VendorResultCodes.UNKNOWN_PAYEE);
        assertThat(toMobileNode.getAvps().getAvp(AvpCodes.RESULT_CODE)).isNull();
        assertThat(toMobileNode.getAvps().getAvps(AvpCodes.ERROR_REPORTING_HOST).size()).isEqualTo(1);
        assertThat(toMobileNode.getAvps().getAvp(AvpCodes.ERROR_REPORTING_HOST).getDiameterIdentity()).isEqualTo("terminal.shop.example");
        assertThat(toMobileNode.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).isEqualTo("unknown payee x@shop.example");
    }

    @Test
    void aSuccessCarriesThePurchaseInfoAndTerminalHostAndNoErrorReportingHost() throws Exception {
        Answer downstream = aaay.answer(pir("aaah;1;1"), Outcome.success(avps -> {
            avps.group(VendorAvpCodes.PURCHASE_INFO, V).add(VendorAvpCodes.ORDER_REFERENCE, V, "A-1");
            avps.add(VendorAvpCodes.TERMINAL_HOST, V, "terminal.shop.example");
        }));

        Answer ours = aaah.answer(pir("mn;1;1"), relay.relay(downstream));

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

        Answer ours = aaay.answer(pir("aaah;1;1"), relay.relay(empty));

        assertThat(ours.getResultCode().getUnsigned32()).isEqualTo(ResultCodes.UNABLE_TO_COMPLY);
        assertThat(ours.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).contains("terminal.shop.example");
    }

    @Test
    void theAaayNamesTheTerminalItAskedWhenTheTerminalDidNot() throws Exception {
        Answer unnamed = terminal.answer(pir("aaay;1;1"), Outcome.success());
        Answer named = terminal.answer(pir("aaay;1;1"), Outcome.success(avps -> avps.add(VendorAvpCodes.TERMINAL_HOST, V, "other.shop.example")));
        Answer empty = pir("aaay;1;1").createAnswer();

        assertThat(aaay.answer(pir("aaah;1;1"), relay.relay(unnamed, "terminal.shop.example")).getAvps()
                .getAvp(VendorAvpCodes.TERMINAL_HOST, V).getDiameterIdentity()).isEqualTo("terminal.shop.example");
        Answer kept = aaay.answer(pir("aaah;1;1"), relay.relay(named, "terminal.shop.example"));
        assertThat(kept.getAvps().getAvps(VendorAvpCodes.TERMINAL_HOST, V).size()).isEqualTo(1);
        assertThat(kept.getAvps().getAvp(VendorAvpCodes.TERMINAL_HOST, V).getDiameterIdentity()).isEqualTo("other.shop.example");
        assertThat(aaay.answer(pir("aaah;1;1"), relay.relay(empty, "terminal.shop.example")).getAvps()
                .getAvp(VendorAvpCodes.TERMINAL_HOST, V).getDiameterIdentity()).as("also on the 5012 for an answer without result")
                .isEqualTo("terminal.shop.example");
    }

    @Test
    void noAnswerIs3002WithTheEBitSayingWhy() throws Exception {
        Answer timedOut = aaay.answer(pir("aaah;1;1"), RelayedPurchaseAnswer.notDelivered("the shop terminal t.shop.example",
                new CompletionException(new TimeoutException())));
        Answer unreachable = aaay.answer(pir("aaah;1;1"), RelayedPurchaseAnswer.notDelivered("the shop terminal t.shop.example",
                new ConnectException("refused")));

        assertThat(timedOut.getResultCode().getUnsigned32()).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
        assertThat(timedOut.isError()).isTrue();
        assertThat(timedOut.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).isEqualTo("the shop terminal t.shop.example: no answer in time");
        assertThat(unreachable.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String())
                .isEqualTo("the shop terminal t.shop.example: cannot be reached");
    }
}
