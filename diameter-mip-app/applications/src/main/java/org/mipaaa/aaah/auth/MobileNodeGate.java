package org.mipaaa.aaah.auth;

import java.util.Optional;
import java.util.function.Function;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Request;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.ValidationFailure;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of every accounting-service request a mobile node sends its AAAH (docs/PROTOCOL.md
 * §2 rule 4, §3), whichever path it came: the AAAM-Authenticator checked end to end (refused: 5805,
 * unsigned, unless the request is a copy of one already answered, which the handler answers again),
 * then User-Name must be the NAI of the association that signed it (5003, signed). Every answer after
 * that is signed with {@link #signed}.
 */
public final class MobileNodeGate {

    private static final Logger log = LoggerFactory.getLogger(MobileNodeGate.class);

    private final AaamMessageAuthentication authentication;
    private final long vendorId;

    public MobileNodeGate(AaamMessageAuthentication authentication, long vendorId) {
        this.authentication = authentication;
        this.vendorId = vendorId;
    }

    /** What the gate decided: go on as {@link Admitted}, or the request is {@link Answered}. */
    public sealed interface Result {
    }

    /** Authentic, and for the signer's own account: act for {@code nai} under {@code association}. */
    public record Admitted(AaamSecurityAssociation association, String nai) implements Result {
    }

    /** Ends here with {@code answer}. */
    public record Answered(Answer answer) implements Result {
    }

    /**
     * @param command        the request's name in the log ("SER")
     * @param ownAccountOnly the Error-Message of the 5003 ("a mobile node settles only for itself")
     * @param answeredBefore the answer a copy of an already answered request gets again (its counter is
     *                       used: it would be refused), or empty
     */
    public Result admit(Request request, AnswerFactory answers, String command, String ownAccountOnly,
                        Function<Request, Optional<Answer>> answeredBefore) {
        AaamMessageAuthentication.Outcome outcome = authentication.authenticate(request);
        if (outcome instanceof AaamMessageAuthentication.Outcome.Refused refused) {
            Optional<Answer> again = answeredBefore.apply(request);
            if (again.isPresent()) {
                return new Answered(again.get());
            }
            log.warn("{} refused: {}", command, refused.reason());
            return new Answered(answers.experimental(request, vendorId, VendorResultCodes.AAAM_AUTHENTICATION_FAILED,
                    "AAAM authentication failed"));
        }
        AaamSecurityAssociation association = ((AaamMessageAuthentication.Outcome.Authenticated) outcome).association();
        String nai;
        try {
            nai = Avps.utf8(Avps.require(request.getAvps(), AvpCodes.USER_NAME, "User-Name"));
        } catch (Avps.Invalid e) {
            return new Answered(signed(answers.failure(request, e.failure()), association));
        }
        if (!association.nai().equals(nai)) {
            log.warn("{} under AAAM-SPI {} of {} names {}: refused", command, association.spi(), association.nai(), nai);
            return new Answered(signed(answers.failure(request, new ValidationFailure(ResultCodes.AUTHORIZATION_REJECTED,
                    ownAccountOnly, null)), association));
        }
        return new Admitted(association, nai);
    }

    /** As {@link #admit(Request, AnswerFactory, String, String, Function)} for a request no copy of which is answered again. */
    public Result admit(Request request, AnswerFactory answers, String command, String ownAccountOnly) {
        return admit(request, answers, command, ownAccountOnly, r -> Optional.empty());
    }

    /** {@code answer}, signed for the mobile node of {@code association}. */
    public Answer signed(Answer answer, AaamSecurityAssociation association) {
        authentication.sign(answer, association);
        return answer;
    }
}
