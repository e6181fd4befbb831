package org.mipaaa.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;

/** One reader of a next hop's Result-Code or Experimental-Result (RFC 6733 §7.1, §7.6). */
class AnswerResultTest {

    private static final long V = VendorSettings.defaults().vendorId();

    private static IMessage answer() {
        IMessage a = new MessageParser().createEmptyMessage(CommandCodes.PAYMENT_NOTIFICATION,
                VendorSettings.defaults().accountingServicesApplicationId());
        a.setRequest(false);
        return a;
    }

    @Test
    void aResultCodeIsReadAndDiameterSuccessIsTheOnlySuccess() {
        IMessage ok = answer();
        ok.getAvps().addAvp(AvpCodes.RESULT_CODE, (long) ResultCodes.SUCCESS, true, false, true);
        IMessage busy = answer();
        busy.getAvps().addAvp(AvpCodes.RESULT_CODE, (long) ResultCodes.TOO_BUSY, true, false, true);

        assertThat(AnswerResult.of(ok)).contains(AnswerResult.resultCode(ResultCodes.SUCCESS));
        assertThat(AnswerResult.isSuccess(ok)).isTrue();
        assertThat(AnswerResult.of(busy).orElseThrow().isProtocolError()).isTrue();
        assertThat(AnswerResult.isSuccess(busy)).isFalse();
        assertThat(AnswerResult.isSuccess(null)).as("no answer").isFalse();
    }

    @Test
    void anExperimentalResultNeedsBothMembersAndIsNeverDiameterSuccess() {
        IMessage unknownPayee = answer();
        AvpSet er = unknownPayee.getAvps().addGroupedAvp(AvpCodes.EXPERIMENTAL_RESULT, true, false);
        er.addAvp(AvpCodes.VENDOR_ID, V, true, false, true);
        er.addAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE, (long) VendorResultCodes.UNKNOWN_PAYEE, true, false, true);
        IMessage vendorless = answer();
        vendorless.getAvps().addGroupedAvp(AvpCodes.EXPERIMENTAL_RESULT, true, false)
                .addAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE, 2001L, true, false, true);

        AnswerResult read = AnswerResult.of(unknownPayee).orElseThrow();
        assertThat(read).isEqualTo(new AnswerResult(true, V, VendorResultCodes.UNKNOWN_PAYEE));
        assertThat(read.isSuccess()).isFalse();
        assertThat(read.asReply("unknown payee x")).isInstanceOfSatisfying(Outcome.Experimental.class, e -> {
            assertThat(e.vendorId()).isEqualTo(V);
            assertThat(e.resultCode()).isEqualTo(VendorResultCodes.UNKNOWN_PAYEE);
            assertThat(e.errorMessage()).isEqualTo("unknown payee x");
        });
        assertThat(AnswerResult.of(vendorless)).as("Experimental-Result without Vendor-Id").isEmpty();
        assertThat(AnswerResult.of(answer())).as("neither").isEmpty();
    }

    @Test
    void aResultCodeWinsOverAStrayExperimentalResult() {
        IMessage both = answer();
        both.getAvps().addAvp(AvpCodes.RESULT_CODE, (long) ResultCodes.UNABLE_TO_COMPLY, true, false, true);
        AvpSet er = both.getAvps().addGroupedAvp(AvpCodes.EXPERIMENTAL_RESULT, true, false);
        er.addAvp(AvpCodes.VENDOR_ID, V, true, false, true);
        er.addAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE, 5801L, true, false, true);

        assertThat(AnswerResult.of(both)).contains(AnswerResult.resultCode(ResultCodes.UNABLE_TO_COMPLY));
        assertThat(AnswerResult.resultCode(ResultCodes.UNABLE_TO_COMPLY).asReply("why")).isInstanceOf(Outcome.Refusal.class);
    }
}
