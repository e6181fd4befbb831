package org.mipaaa.registration;

import java.util.concurrent.CompletableFuture;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home agent ends the AAA session of a binding that ended (RFC 4004 §4.1.3: "The mobility agents
 * MUST issue the Session-Termination-Request (STR) if the Authorization Lifetime has expired"; the
 * AAAH frees the mobile node's resources on the home agent's STR only). The STR (RFC 6733 §8.4.1)
 * carries the Session-Id of the AAAH's HAR, Application-Id 0 in its header (RFC 4004 §4),
 * Auth-Application-Id 2, User-Name, and Termination-Cause DIAMETER_LOGOUT for a deregistration or
 * DIAMETER_AUTH_EXPIRED for a binding that expired. It goes to the home realm, the AAAH's.
 */
public final class SessionTermination implements BindingEndListener {

    private static final Logger log = LoggerFactory.getLogger(SessionTermination.class);

    private final DiameterClient client;
    private final String homeRealm;

    public SessionTermination(DiameterClient client, String homeRealm) {
        this.client = client;
        this.homeRealm = homeRealm;
    }

    @Override
    public void ended(MobilityBinding binding, Reason reason) {
        send(binding, reason);
    }

    /** Sends the STR; completes with the STA's Result-Code, or exceptionally when none came. */
    public CompletableFuture<Long> send(MobilityBinding binding, Reason reason) {
        CompletableFuture<Answer> sta;
        try {
            DiameterClient.OutgoingRequest str = client.requestInSession(binding.aaaSessionId(), CommandCodes.SESSION_TERMINATION,
                    ApplicationId.createByAuthAppId(ApplicationIds.COMMON_MESSAGES), homeRealm, null);
            AvpSet avps = str.request().getAvps();
            // jDiameter adds Auth-Application-Id from the header's application (0); the session's is 2
            avps.removeAvp(AvpCodes.AUTH_APPLICATION_ID);
            MipAvps.addUnsigned32(avps, AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4);
            MipAvps.addEnumerated(avps, AvpCodes.TERMINATION_CAUSE, reason == Reason.EXPIRED
                    ? Enumerations.TERMINATION_CAUSE_DIAMETER_AUTH_EXPIRED : Enumerations.TERMINATION_CAUSE_DIAMETER_LOGOUT);
            MipAvps.addUtf8(avps, AvpCodes.USER_NAME, binding.nai());
            sta = str.send();
        } catch (Exception e) {
            sta = CompletableFuture.failedFuture(e);
        }
        return sta.handle((answer, failure) -> {
            long result = failure == null ? resultCode(answer) : -1;
            if (result == ResultCodes.SUCCESS) {
                log.debug("STR {} for {} ({}): STA 2001", binding.aaaSessionId(), binding.nai(), reason);
                return result;
            }
            log.warn("STR {} for {} ({}) not accepted: {}", binding.aaaSessionId(), binding.nai(), reason,
                    failure != null ? failure.toString() : "Result-Code " + result);
            if (failure != null) {
                throw new java.util.concurrent.CompletionException(failure);
            }
            return result;
        });
    }

    private static long resultCode(Answer answer) {
        try {
            Avp rc = answer.getAvps().getAvp(AvpCodes.RESULT_CODE);
            return rc == null ? -1 : rc.getUnsigned32();
        } catch (Exception e) {
            return -1;
        }
    }
}
