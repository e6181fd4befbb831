package org.mipaaa.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.ResultCodes;

/** The one place answers are made: every {@link Outcome} on a real jDiameter request. */
class AnswerFactoryTest {

    private final AnswerFactory answers = new AnswerFactory("aaah.home.example", "home.example", Dictionary.bundled());

    private IMessage request() {
        IMessage r = new MessageParser().createEmptyMessage(CommandCodes.AA_MOBILE_NODE, ApplicationIds.MOBILE_IPV4);
        r.setRequest(true);
        r.setReTransmitted(true);
        r.getAvps().addAvp(AvpCodes.SESSION_ID, "aaaf.visited.example;1;2", false);
        r.getAvps().addAvp(AvpCodes.ORIGIN_HOST, "aaaf.visited.example", true, false, true);
        r.getAvps().addAvp(AvpCodes.ORIGIN_REALM, "visited.example", true, false, true);
        AvpSet proxyInfo = r.getAvps().addGroupedAvp(AvpCodes.PROXY_INFO, true, false);
        proxyInfo.addAvp(AvpCodes.PROXY_HOST, "proxy.visited.example", true, false, true);
        return r;
    }

    @Test
    void anAnswerCarriesThisNodesOriginTheSessionAndProxyInfoAndNoTFlag() throws Exception {
        Answer a = answers.answer(request(), Outcome.success());

        assertThat(a.isRequest()).isFalse();
        assertThat(a.isError()).isFalse();
        assertThat(a.isReTransmitted()).isFalse();
        assertThat(a.getAvps().getAvps(AvpCodes.ORIGIN_HOST).size()).isEqualTo(1);
        assertThat(a.getAvps().getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity()).isEqualTo("aaah.home.example");
        assertThat(a.getAvps().getAvp(AvpCodes.ORIGIN_REALM).getDiameterIdentity()).isEqualTo("home.example");
        assertThat(a.getAvps().getAvp(AvpCodes.SESSION_ID).getUTF8String()).isEqualTo("aaaf.visited.example;1;2");
        assertThat(a.getAvps().getAvp(AvpCodes.PROXY_INFO)).as("RFC 6733 §6.2 Proxy-Info echoed").isNotNull();
    }

    @Test
    void protocolErrorsSetTheEBitAndPermanentFailuresDoNot() {
        assertThat(answers.answer(request(), Outcome.refusal(ResultCodes.APPLICATION_UNSUPPORTED, null)).isError()).isTrue();
        assertThat(answers.answer(request(), Outcome.refusal(ResultCodes.MISSING_AVP, null)).isError()).isFalse();
        assertThat(answers.answer(request(), Outcome.refusal(ResultCodes.TOO_BUSY, "busy")).isReTransmitted()).isFalse();
    }

    @Test
    void aFailureInsideAGroupedAvpIsWrappedInIt() throws Exception {
        FailedAvp group = new FailedAvp(AvpCodes.MIP_MN_AAA_AUTH, 0, true, new byte[0], null);
        FailedAvp missing = new FailedAvp(AvpCodes.MIP_MN_AAA_SPI, 0, true, new byte[4], group);

        Answer a = answers.answer(request(), Outcome.refusal(ResultCodes.MISSING_AVP, "MIP-MN-AAA-SPI is missing", missing));

        Avp failed = a.getAvps().getAvp(AvpCodes.FAILED_AVP);
        Avp outer = failed.getGrouped().getAvpByIndex(0);
        assertThat(outer.getCode()).isEqualTo(AvpCodes.MIP_MN_AAA_AUTH);
        Avp inner = outer.getGrouped().getAvpByIndex(0);
        assertThat(inner.getCode()).isEqualTo(AvpCodes.MIP_MN_AAA_SPI);
        assertThat(inner.getRawData()).containsExactly(0, 0, 0, 0);
        Avp message = a.getAvps().getAvp(AvpCodes.ERROR_MESSAGE);
        assertThat(message.getUTF8String()).isEqualTo("MIP-MN-AAA-SPI is missing");
        assertThat(message.isMandatory()).as("RFC 6733 §7.3: Error-Message M bit MUST NOT be set").isFalse();
    }

    @Test
    void aVendorOutcomeGoesInExperimentalResultWithoutResultCodeNorEBit() throws Exception {
        Answer a = answers.answer(request(), Outcome.experimental(32473, 5805, "AAAM authentication failed"));

        assertThat(a.isError()).isFalse();
        assertThat(a.isReTransmitted()).isFalse();
        assertThat(a.getAvps().getAvp(AvpCodes.RESULT_CODE)).as("RFC 6733 §7.6: one of them only").isNull();
        AvpSet experimental = a.getAvps().getAvp(AvpCodes.EXPERIMENTAL_RESULT).getGrouped();
        assertThat(experimental.getAvp(AvpCodes.VENDOR_ID).getUnsigned32()).isEqualTo(32473);
        assertThat(experimental.getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE).getUnsigned32()).isEqualTo(5805);
        assertThat(a.getAvps().getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity()).isEqualTo("aaah.home.example");
        assertThat(a.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).isEqualTo("AAAM authentication failed");
    }

    @Test
    void theHandlersAvpsFollowTheResultOriginErrorMessageAndFailedAvpInThatOrder() throws Exception {
        FailedAvp missing = new FailedAvp(AvpCodes.USER_NAME, 0, true, new byte[0], null);
        Answer a = answers.answer(request(), Outcome.refusal(ResultCodes.MISSING_AVP, "User-Name is missing", missing)
                .with(avps -> avps.add(AvpCodes.ERROR_REPORTING_HOST, "aaay.shop.example")));

        java.util.List<Integer> codes = new java.util.ArrayList<>();
        a.getAvps().forEach(avp -> codes.add(avp.getCode()));
        assertThat(codes.subList(codes.indexOf(AvpCodes.ORIGIN_HOST), codes.size())).containsExactly(AvpCodes.ORIGIN_HOST,
                AvpCodes.ORIGIN_REALM, AvpCodes.ERROR_MESSAGE, AvpCodes.FAILED_AVP, AvpCodes.ERROR_REPORTING_HOST);
        assertThat(a.getAvps().getAvp(AvpCodes.ERROR_REPORTING_HOST).isMandatory()).as("RFC 6733 §4.5: M bit clear").isFalse();
    }

    @Test
    void aRelayedAnswerIsTheUpstreamOnesAvpsAndEBitOnOurHop() throws Exception {
        IMessage upstream = request();
        upstream.setRequest(false);
        upstream.setError(true);
        upstream.getAvps().removeAvp(AvpCodes.ORIGIN_HOST);
        upstream.getAvps().addAvp(AvpCodes.ORIGIN_HOST, "aaah.home.example", true, false, true);
        upstream.getAvps().addAvp(AvpCodes.RESULT_CODE, (long) ResultCodes.UNABLE_TO_DELIVER, true, false, true);
        IMessage ours = request();
        ours.setHopByHopIdentifier(77);

        Answer a = answers.answer(ours, Outcome.relayed(upstream));

        assertThat(a.isError()).isTrue();
        assertThat(a.isReTransmitted()).isFalse();
        assertThat(a.getHopByHopIdentifier()).as("our hop").isEqualTo(77);
        assertThat(a.getAvps().getAvps(AvpCodes.ORIGIN_HOST).size()).isEqualTo(1);
        assertThat(a.getResultCode().getUnsigned32()).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
    }

    @Test
    void aSealSeesTheCompleteAnswerAndItsAvpsComeLast() throws Exception {
        java.util.List<Integer> seen = new java.util.ArrayList<>();
        Answer a = answers.answer(request(), Outcome.success(avps -> avps.add(AvpCodes.USER_NAME, "mn1@home.example"))
                .sealedBy(complete -> {
                    complete.getAvps().forEach(avp -> seen.add(avp.getCode()));
                    new AvpWriter(Dictionary.bundled(), complete.getAvps()).add(AvpCodes.PROXY_STATE, new byte[] {1});
                }));

        assertThat(seen).contains(AvpCodes.ORIGIN_HOST, AvpCodes.RESULT_CODE, AvpCodes.USER_NAME);
        assertThat(a.getAvps().getAvpByIndex(a.getAvps().size() - 1).getCode()).isEqualTo(AvpCodes.PROXY_STATE);
    }

    @Test
    void aSuccessIsNeverARefusalNorTheOtherWayRound() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Outcome.refusal(ResultCodes.SUCCESS, "no"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Outcome.Success(ResultCodes.UNABLE_TO_COMPLY, AnswerAvps.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Outcome.result(ResultCodes.LIMITED_SUCCESS, null)).isInstanceOf(Outcome.Success.class);
        assertThat(Outcome.result(ResultCodes.UNABLE_TO_COMPLY, "x")).isInstanceOf(Outcome.Refusal.class);
    }
}
