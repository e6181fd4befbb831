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
import org.mipaaa.dictionary.ResultCodes;

class AnswerFactoryTest {

    private final AnswerFactory answers = new AnswerFactory("aaah.home.example", "home.example");

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
        Answer a = answers.result(request(), ResultCodes.SUCCESS);

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
        assertThat(answers.result(request(), ResultCodes.APPLICATION_UNSUPPORTED).isError()).isTrue();
        assertThat(answers.result(request(), ResultCodes.MISSING_AVP).isError()).isFalse();
    }

    @Test
    void aFailureInsideAGroupedAvpIsWrappedInIt() throws Exception {
        FailedAvp group = new FailedAvp(AvpCodes.MIP_MN_AAA_AUTH, 0, true, new byte[0], null);
        FailedAvp missing = new FailedAvp(AvpCodes.MIP_MN_AAA_SPI, 0, true, new byte[4], group);

        Answer a = answers.failure(request(), new ValidationFailure(ResultCodes.MISSING_AVP, "MIP-MN-AAA-SPI is missing", missing));

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
        Answer a = answers.experimental(request(), 32473, 5805, "AAAM authentication failed");

        assertThat(a.isError()).isFalse();
        assertThat(a.isReTransmitted()).isFalse();
        assertThat(a.getAvps().getAvp(AvpCodes.RESULT_CODE)).as("RFC 6733 §7.6: one of them only").isNull();
        AvpSet experimental = a.getAvps().getAvp(AvpCodes.EXPERIMENTAL_RESULT).getGrouped();
        assertThat(experimental.getAvp(AvpCodes.VENDOR_ID).getUnsigned32()).isEqualTo(32473);
        assertThat(experimental.getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE).getUnsigned32()).isEqualTo(5805);
        assertThat(a.getAvps().getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity()).isEqualTo("aaah.home.example");
        assertThat(a.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).isEqualTo("AAAM authentication failed");
    }
}
