package org.mipaaa.agent.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.transport.AgentConnection;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorSettings;

/** {@link AnswerCheck#authentic}: the refusal itself is returned, not judged, but only if it may be trusted. */
class AnswerCheckAuthenticTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();
    private static final AaamSecurityAssociation SA = AaamSecurityAssociation.fromMnAaaKey("mn1@home.example", 4097,
            "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII));

    private final AnswerCheck check = new AnswerCheck(SA, new InMemoryReplayCounters(), V);
    private final DiameterMessage request = PurchaseInfoCodec.request(VENDOR, "mn1.home.example;1;1", "mn1.home.example",
            "home.example", "mn1@home.example", "shop@shop.example", "A-1").withIdentifiers(5, 0xABC00001L);

    private DiameterMessage answer(int flags, long resultCode) {
        return new DiameterMessage(flags, request.commandCode(), request.applicationId(), 5, request.endToEnd(), List.of(
                Avp.utf8(AvpCodes.SESSION_ID, "mn1.home.example;1;1"), Avp.unsigned32(AvpCodes.RESULT_CODE, resultCode),
                Avp.utf8(AvpCodes.ORIGIN_HOST, "aaah.home.example"), Avp.utf8(AvpCodes.ORIGIN_REALM, "home.example")));
    }

    private static AgentConnection.Received signed(DiameterMessage answer, long counter) {
        List<Avp> avps = new ArrayList<>(answer.avps());
        avps.add(AaamAuthenticator.sign(DiameterCodec.encode(answer), SA, counter, V));
        DiameterMessage m = new DiameterMessage(answer.flags(), answer.commandCode(), answer.applicationId(), answer.hopByHop(),
                answer.endToEnd(), avps);
        return new AgentConnection.Received(m, DiameterCodec.encode(m));
    }

    private static AgentConnection.Received unsigned(DiameterMessage answer) {
        return new AgentConnection.Received(answer, DiameterCodec.encode(answer));
    }

    @Test
    void aSignedRefusalIsReturnedForTheCallerToName() throws Exception {
        DiameterMessage got = check.authentic(signed(answer(DiameterMessage.FLAG_PROXIABLE, ResultCodes.INVALID_AVP_VALUE), 10), request);

        assertThat(ServiceAnswers.code(got, V)).isEqualTo(ResultCodes.INVALID_AVP_VALUE);
    }

    @Test
    void anUnsignedProtocolErrorIsReturnedButAnUnsignedPermanentFailureIsDiscarded() throws Exception {
        int errorFlags = DiameterMessage.FLAG_PROXIABLE | DiameterMessage.FLAG_ERROR;
        DiameterMessage got = check.authentic(unsigned(answer(errorFlags, ResultCodes.UNABLE_TO_DELIVER)), request);
        assertThat(ServiceAnswers.code(got, V)).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);

        assertThatThrownBy(() -> check.authentic(unsigned(answer(DiameterMessage.FLAG_PROXIABLE, ResultCodes.INVALID_AVP_VALUE)), request))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNAUTHENTICATED_ANSWER));
    }

    @Test
    void aReplayedSignedRefusalIsDiscarded() throws Exception {
        AgentConnection.Received refusal = signed(answer(DiameterMessage.FLAG_PROXIABLE, ResultCodes.INVALID_AVP_VALUE), 10);
        check.authentic(refusal, request);

        assertThatThrownBy(() -> check.authentic(refusal, request)).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.failure()).isEqualTo(ServiceException.Failure.UNAUTHENTICATED_ANSWER));
    }
}
