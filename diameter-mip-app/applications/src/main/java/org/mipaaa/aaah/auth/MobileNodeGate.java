package org.mipaaa.aaah.auth;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of every accounting-service request a mobile node sends its AAAH (docs/PROTOCOL.md
 * §2 rule 4, §3), whichever path it came, wrapped around the service's {@link MobileNodeHandler}:
 * <ol>
 * <li>the AAAM-Authenticator checked end to end; not authentic, or its counter used: Experimental-Result
 *     5805 AAAM_AUTHENTICATION_FAILED, unsigned (there may be no association to sign with), nothing done;
 *     unless it is a copy of a request the handler answered before, which gets that answer again;</li>
 * <li>User-Name must be the NAI of the association that signed it: 5003 DIAMETER_AUTHORIZATION_REJECTED,
 *     signed;</li>
 * <li>the handler, for the {@link AuthenticatedMobileNode}.</li>
 * </ol>
 * Every answer after the first step is sealed with the AAAM-Authenticator, computed over the complete
 * answer and placed last (§3).
 */
public final class MobileNodeGate implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(MobileNodeGate.class);

    private final AaamMessageAuthentication authentication;
    private final String command;
    private final String ownAccountOnly;
    private final MobileNodeHandler handler;

    /**
     * @param command        the request's name in the log ("SER")
     * @param ownAccountOnly the Error-Message of the 5003 ("a mobile node settles only for itself")
     */
    public MobileNodeGate(AaamMessageAuthentication authentication, String command, String ownAccountOnly, MobileNodeHandler handler) {
        this.authentication = authentication;
        this.command = command;
        this.ownAccountOnly = ownAccountOnly;
        this.handler = handler;
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        AaamMessageAuthentication.Verdict verdict = authentication.authenticate(request);
        if (verdict instanceof AaamMessageAuthentication.Verdict.Refused refused) {
            Optional<Outcome> again = authentication.signer(request)
                    .flatMap(signer -> handler.answeredBefore(request, signer.nai()).map(o -> sealed(o, signer)));
            if (again.isPresent()) {
                return again.get().now();
            }
            log.warn("{} refused: {}", command, refused.reason());
            return Outcome.experimental(authentication.vendorId(), VendorResultCodes.AAAM_AUTHENTICATION_FAILED,
                    "AAAM authentication failed").now();
        }
        AaamSecurityAssociation association = ((AaamMessageAuthentication.Verdict.Authenticated) verdict).association();
        String nai;
        try {
            nai = Avps.utf8(Avps.require(request.getAvps(), AvpCodes.USER_NAME, "User-Name"));
        } catch (Avps.Invalid e) {
            return sealed(e.refusal(), association).now();
        }
        if (!association.nai().equals(nai)) {
            log.warn("{} under AAAM-SPI {} of {} names {}: refused", command, association.spi(), association.nai(), nai);
            return sealed(Outcome.refusal(ResultCodes.AUTHORIZATION_REJECTED, ownAccountOnly), association).now();
        }
        return handler.handle(request, new AuthenticatedMobileNode(association, nai)).thenApply(o -> sealed(o, association));
    }

    private Outcome sealed(Outcome outcome, AaamSecurityAssociation association) {
        return outcome.sealedBy(answer -> authentication.sign(answer, association));
    }
}
