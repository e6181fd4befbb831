package org.mipaaa.agent.services;

import java.io.IOException;
import java.util.Optional;

import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.ReplayCounters;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.transport.AgentConnection;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent accepts as the answer to its request (docs/PROTOCOL.md §3): the answer to that
 * request (End-to-End Identifier, command, application, and the request's Session-Id), its AAAM-Authenticator verified under the node's association
 * over the octets it came in, its counter above every one accepted before; then its outcome. An
 * unsigned answer counts only as a failure, and only for 5805 or a protocol error; anything else
 * unauthenticated is discarded.
 */
final class AnswerCheck {

    private static final Logger log = LoggerFactory.getLogger(AnswerCheck.class);

    private final AaamSecurityAssociation association;
    private final ReplayCounters counters;
    private final long vendorId;

    AnswerCheck(AaamSecurityAssociation association, ReplayCounters counters, long vendorId) {
        this.association = association;
        this.counters = counters;
        this.vendorId = vendorId;
    }

    /** The answer, if authentic and successful; else why not. */
    DiameterMessage check(AgentConnection.Received received, DiameterMessage request) throws ServiceException {
        DiameterMessage answer = authentic(received, request);
        long code = ServiceAnswers.code(answer, vendorId);
        if (code != ResultCodes.SUCCESS) {
            throw failure(code);
        }
        return answer;
    }

    /**
     * The answer, if authentic, whatever its outcome, for a caller that says itself what a refusal means
     * (the Purchase-Information of {@link AaamAgent#accountingInfo}); an unsigned one only for 5805 or a
     * protocol error, as in {@link #check}; anything else unauthenticated is discarded.
     */
    DiameterMessage authentic(AgentConnection.Received received, DiameterMessage request) throws ServiceException {
        DiameterMessage answer = received.message();
        long code = ServiceAnswers.code(answer, vendorId);
        if (answer.isRequest() || answer.endToEnd() != request.endToEnd() || answer.commandCode() != request.commandCode()
                || answer.applicationId() != request.applicationId()) {
            throw new ServiceException(ServiceException.Failure.UNAUTHENTICATED_ANSWER, code, "an answer to another request");
        }
        Optional<String> session = sessionId(request);
        if (!session.isPresent() || !session.equals(sessionId(answer))) {
            // RFC 6733 §6.2: the answer carries the request's Session-Id; one for another session is never taken,
            // signed or not (an answer the AAAH signed for another of this node's sessions included)
            throw new ServiceException(ServiceException.Failure.UNAUTHENTICATED_ANSWER, code, "an answer for another session");
        }
        AaamAuthenticator.Verification verification = AaamAuthenticator.verify(received.bytes(), vendorId,
                spi -> spi == association.spi() ? Optional.of(association) : Optional.empty());
        if (verification instanceof AaamAuthenticator.Verification.Refused) {
            AaamAuthenticator.Verification.Refused refused = (AaamAuthenticator.Verification.Refused) verification;
            if (ServiceAnswers.mayBeUnsigned(answer, code)) {
                return answer;
            }
            log.warn("answer from the AAAH discarded: {}", refused.reason());
            throw new ServiceException(ServiceException.Failure.UNAUTHENTICATED_ANSWER, code,
                    "the answer's AAAM-Authenticator failed (" + refused.reason() + "); discarded");
        }
        long counter = ((AaamAuthenticator.Verification.Verified) verification).counter();
        try {
            if (!counters.acceptIncoming(counter)) {
                log.warn("answer from the AAAH discarded: replayed counter {}", counter);
                throw new ServiceException(ServiceException.Failure.UNAUTHENTICATED_ANSWER, code,
                        "the answer's replay counter " + counter + " was seen before; discarded");
            }
        } catch (IOException e) {
            throw new ServiceException(ServiceException.Failure.NO_ANSWER, code, "cannot store the replay counter: " + e.getMessage(), e);
        }
        return answer;
    }

    /** The only Session-Id AVP of {@code m}; empty without one, or with several. */
    private static Optional<String> sessionId(DiameterMessage m) {
        Optional<String> found = Optional.empty();
        for (Avp a : m.avps()) {
            if (a.code() == AvpCodes.SESSION_ID && a.vendorId() == 0) {
                if (found.isPresent()) {
                    return Optional.empty();
                }
                found = Optional.of(a.asUtf8());
            }
        }
        return found;
    }

    private static ServiceException failure(long code) {
        ServiceException.Failure failure;
        if (code == VendorResultCodes.AAAM_AUTHENTICATION_FAILED) {
            failure = ServiceException.Failure.AUTHENTICATION_FAILED;
        } else if (code == ResultCodes.AUTHORIZATION_REJECTED) {
            failure = ServiceException.Failure.UNKNOWN_USER;
        } else if (code == ResultCodes.INVALID_AVP_VALUE) {
            failure = ServiceException.Failure.MALFORMED_PERIOD;
        } else {
            failure = ServiceException.Failure.REFUSED;
        }
        return new ServiceException(failure, code, "the request was refused: " + code + " " + name(code));
    }

    private static String name(long code) {
        boolean vendorCode = code >= 4800 && code < 4900 || code >= 5800 && code < 5900;
        return vendorCode ? VendorResultCodes.name((int) code) : ResultCodes.name((int) code);
    }
}
