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
 * the session's own Session-Id, Application-Id 0 in the header (RFC 4004 §4: "SHOULD"), Auth-Application-Id
 * 2 (the session's application), Termination-Cause and User-Name; to the realm of the server that
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
                    ApplicationId.createByAuthAppId(ApplicationIds.COMMON_MESSAGES), destinationRealm, authorizingServer.orElse(null));
            // jDiameter adds Auth-Application-Id from the header's application (0); the session's is 2
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
