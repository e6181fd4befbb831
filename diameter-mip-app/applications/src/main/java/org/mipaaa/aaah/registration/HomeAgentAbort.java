package org.mipaaa.aaah.registration;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jdiameter.api.ApplicationId;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.ha.AsrHandler;

/**
 * The AAAH aborts, at the home agent, an HAR whose answer it stopped waiting for (RFC 4004 §4.1.3:
 * the AAAH sends its ASR to the home agent; RFC 6733 §8.5.1). The ASR carries the HAR's Session-Id,
 * Application-Id 2 in its header and in Auth-Application-Id (RFC 6733 §3 MUST; RFC 4004 §4's "SHOULD" 0
 * breaks relays that follow RFC 6733, see {@code SessionTerminationRequest}) and User-Name; the home agent
 * removes whatever binding the HAR made, or makes when it arrives late ({@link AsrHandler}).
 */
final class HomeAgentAbort {

    private final DiameterClient client;

    HomeAgentAbort(DiameterClient client) {
        this.client = client;
    }

    /**
     * Sends the ASR to {@code homeAgentHost}, the home agent the HAR went to; completes with what the
     * ASA says (empty: no result in it), or exceptionally when none came.
     */
    CompletableFuture<Optional<AnswerResult>> abort(String homeAgentHost, String harSessionId, String nai, String realm) {
        try {
            DiameterClient.OutgoingRequest asr = client.requestInSession(harSessionId, CommandCodes.ABORT_SESSION,
                    ApplicationId.createByAuthAppId(ApplicationIds.MOBILE_IPV4), realm, homeAgentHost);
            // exactly one Auth-Application-Id (RFC 6733 §8.5.1), whatever jDiameter added from the header
            asr.request().getAvps().removeAvp(AvpCodes.AUTH_APPLICATION_ID);
            asr.avps().add(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4).add(AvpCodes.USER_NAME, nai);
            return asr.send().thenApply(AnswerResult::of);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
