package org.mipaaa.messages;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jdiameter.api.ApplicationId;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;

/**
 * The STR a mobility agent sends when its Mobile IPv4 session ends (RFC 6733 §8.4.1; RFC 4004 §4.1.3):
 * the session's own Session-Id, Application-Id 2 in the header and in Auth-Application-Id, Termination-Cause
 * and User-Name. RFC 4004 §4 says the header SHOULD carry 0; RFC 6733 §3, later, says it MUST be the same as
 * the message's Application-Id AVP (2), and relays that follow it refuse a proxiable request of
 * Application-Id 0 (freeDiameter 1.2.1: 3007, FreeDiameterRelayTest). Received, either is served. To the
 * realm of the server that
 * authorised the session, with Destination-Host that server when known (several servers may share a
 * realm; jDiameter routes by realm when the host is no peer of this node).
 */
public final class SessionTerminationRequest {

    private SessionTerminationRequest() {
    }

    /** Sends it; completes with the STA's Result-Code, or exceptionally when none came. */
    public static CompletableFuture<Long> send(DiameterClient client, String sessionId, String destinationRealm,
                                               Optional<String> authorizingServer, String nai, int cause) {
        try {
            DiameterClient.OutgoingRequest str = client.requestInSession(sessionId, CommandCodes.SESSION_TERMINATION,
                    ApplicationId.createByAuthAppId(ApplicationIds.MOBILE_IPV4), destinationRealm, authorizingServer.orElse(null));
            // exactly one Auth-Application-Id (RFC 6733 §8.4.1), whatever jDiameter added from the header
            str.request().getAvps().removeAvp(AvpCodes.AUTH_APPLICATION_ID);
            str.avps().add(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4)
                    .add(AvpCodes.TERMINATION_CAUSE, cause)
                    .add(AvpCodes.USER_NAME, nai);
            return str.send().thenApply(AnswerResult::resultCode);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
