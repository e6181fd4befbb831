package org.mipaaa.agent.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.mipaaa.dictionary.VendorSettings;

/** The agent's judgement of an answer: authentic, fresh, for its request, successful; or why not. */
class AnswerCheckTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();
    private static final AaamSecurityAssociation SA = AaamSecurityAssociation.fromMnAaaKey("mn1@home.example", 4097,
            "demo-mn1-aaa-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private final InMemoryReplayCounters counters = new InMemoryReplayCounters();
    private final AnswerCheck check = new AnswerCheck(SA, counters, V);
    private final DiameterMessage request = ChargeQueryCodec.request(VENDOR, "mn1.home.example;1;1", "mn1.home.example",
            "home.example", "mn1@home.example", "2026-10").withIdentifiers(5, 0xABC00001L);

    private DiameterMessage answer(long endToEnd, Avp outcome) {
        return answer(endToEnd, outcome, "mn1.home.example;1;1");
    }

    private DiameterMessage answer(long endToEnd, Avp outcome, String sessionId) {
        return new DiameterMessage(DiameterMessage.FLAG_PROXIABLE, request.commandCode(), request.applicationId(), 5, endToEnd, List.of(
                Avp.utf8(AvpCodes.SESSION_ID, sessionId), outcome,
                Avp.utf8(AvpCodes.ORIGIN_HOST, "aaah.home.example"), Avp.utf8(AvpCodes.ORIGIN_REALM, "home.example")));
    }

    private static Avp resultCode(long code) {
        return Avp.unsigned32(AvpCodes.RESULT_CODE, code);
    }

    private static Avp experimental(long code) {
        return Avp.grouped(AvpCodes.EXPERIMENTAL_RESULT, 0, List.of(Avp.unsigned32(AvpCodes.VENDOR_ID, V),
                Avp.unsigned32(AvpCodes.EXPERIMENTAL_RESULT_CODE, code)));
    }

    private static AgentConnection.Received signed(DiameterMessage answer, AaamSecurityAssociation sa, long counter) {
        List<Avp> avps = new ArrayList<>(answer.avps());
        avps.add(AaamAuthenticator.sign(DiameterCodec.encode(answer), sa, counter, V));
        DiameterMessage m = new DiameterMessage(answer.flags(), answer.commandCode(), answer.applicationId(), answer.hopByHop(),
                answer.endToEnd(), avps);
        return new AgentConnection.Received(m, DiameterCodec.encode(m));
    }

    private static AgentConnection.Received unsigned(DiameterMessage answer) {
        return new AgentConnection.Received(answer, DiameterCodec.encode(answer));
    }

    private ServiceException.Failure failureOf(AgentConnection.Received received) {
        try {
            check.check(received, request);
        } catch (ServiceException e) {
            return e.failure();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aSignedSuccessIsAcceptedOnceItsCounterReplayedIsDiscarded() throws Exception {
        AgentConnection.Received ok = signed(answer(request.endToEnd(), resultCode(2001)), SA, 100);

        assertThat(check.check(ok, request).endToEnd()).isEqualTo(request.endToEnd());
        assertThat(failureOf(ok)).isEqualTo(ServiceException.Failure.UNAUTHENTICATED_ANSWER);
        // answers to pipelined requests may come in another order than the AAAH signed them (ReplayWindowTest)
        assertThat(check.check(signed(answer(request.endToEnd(), resultCode(2001)), SA, 99), request).endToEnd())
                .as("below the highest, not seen").isEqualTo(request.endToEnd());
        assertThat(failureOf(signed(answer(request.endToEnd(), resultCode(2001)), SA, 99))).isEqualTo(ServiceException.Failure.UNAUTHENTICATED_ANSWER);
    }

    @Test
    void anAnswerUnsignedOrSignedWithAnotherKeyOrTamperedIsDiscarded() {
        AaamSecurityAssociation forger = new AaamSecurityAssociation("mn1@home.example", 4097, new byte[32]);
        AgentConnection.Received good = signed(answer(request.endToEnd(), resultCode(2001)), SA, 20);
        byte[] tampered = good.bytes();
        tampered[30] ^= 1; // inside the Session-Id

        assertThat(failureOf(unsigned(answer(request.endToEnd(), resultCode(2001))))).isEqualTo(ServiceException.Failure.UNAUTHENTICATED_ANSWER);
        assertThat(failureOf(signed(answer(request.endToEnd(), resultCode(2001)), forger, 20))).isEqualTo(ServiceException.Failure.UNAUTHENTICATED_ANSWER);
        assertThat(failureOf(new AgentConnection.Received(good.message(), tampered))).isEqualTo(ServiceException.Failure.UNAUTHENTICATED_ANSWER);
        assertThat(failureOf(signed(answer(request.endToEnd() + 1, resultCode(2001)), SA, 21)))
                .as("an answer to another request").isEqualTo(ServiceException.Failure.UNAUTHENTICATED_ANSWER);
    }

    @Test
    void refusalsMapToTheirFailuresAnUnsigned5805OrProtocolErrorIsStillReported() {
        assertThat(failureOf(unsigned(answer(request.endToEnd(), experimental(5805))))).isEqualTo(ServiceException.Failure.AUTHENTICATION_FAILED);
        assertThat(failureOf(unsigned(answer(request.endToEnd(), resultCode(3002))))).isEqualTo(ServiceException.Failure.REFUSED);
        assertThat(failureOf(signed(answer(request.endToEnd(), resultCode(5003)), SA, 30))).isEqualTo(ServiceException.Failure.UNKNOWN_USER);
        assertThat(failureOf(signed(answer(request.endToEnd(), resultCode(5004)), SA, 31))).isEqualTo(ServiceException.Failure.MALFORMED_PERIOD);
        assertThat(failureOf(unsigned(answer(request.endToEnd(), resultCode(5003)))))
                .as("a 5003 must be signed").isEqualTo(ServiceException.Failure.UNAUTHENTICATED_ANSWER);
        assertThatThrownBy(() -> check.check(unsigned(answer(request.endToEnd(), experimental(5805))), request))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.resultCode()).isEqualTo(5805));
    }

    @Test
    void aForgedAnswerForAnotherSessionIsNeverTakenSignedOrNot() throws Exception {
        // signed by the AAAH for another session of this node: the End-to-End and the command match, the session does not
        assertThat(failureOf(signed(answer(request.endToEnd(), resultCode(2001), "mn1.home.example;1;2"), SA, 40)))
                .isEqualTo(ServiceException.Failure.UNAUTHENTICATED_ANSWER);
        assertThat(failureOf(unsigned(answer(request.endToEnd(), experimental(5805), "mn1.home.example;9;9"))))
                .as("even an unsigned refusal must be for this session").isEqualTo(ServiceException.Failure.UNAUTHENTICATED_ANSWER);
        DiameterMessage noSession = new DiameterMessage(DiameterMessage.FLAG_PROXIABLE, request.commandCode(), request.applicationId(), 5,
                request.endToEnd(), List.of(resultCode(2001), Avp.utf8(AvpCodes.ORIGIN_HOST, "aaah.home.example")));
        assertThat(failureOf(signed(noSession, SA, 41))).as("an answer without Session-Id").isEqualTo(ServiceException.Failure.UNAUTHENTICATED_ANSWER);
        assertThat(check.check(signed(answer(request.endToEnd(), resultCode(2001)), SA, 42), request).endToEnd())
                .as("the answer for this session is still taken").isEqualTo(request.endToEnd());
    }
}
