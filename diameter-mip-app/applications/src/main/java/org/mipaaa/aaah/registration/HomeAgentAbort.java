package org.mipaaa.aaah.registration;

import java.util.concurrent.CompletableFuture;

import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.AvpSet;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.ha.AsrHandler;

/**
 * The AAAH aborts, at the home agent, an HAR whose answer it stopped waiting for (RFC 4004 §4.1.3:
 * the AAAH sends its ASR to the home agent; RFC 6733 §8.5.1). The ASR carries the HAR's Session-Id,
 * Application-Id 0 in its header (RFC 4004 §4), Auth-Application-Id 2 and User-Name; the home agent
 * removes whatever binding the HAR made, or makes when it arrives late ({@link AsrHandler}).
 */
final class HomeAgentAbort {

    private final DiameterClient client;
    private final String homeAgentHost;

    HomeAgentAbort(DiameterClient client, String homeAgentHost) {
        this.client = client;
        this.homeAgentHost = homeAgentHost;
    }

    /** Sends the ASR; completes with the ASA's Result-Code, or exceptionally when none came. */
    CompletableFuture<Long> abort(String harSessionId, String nai, String realm) {
        try {
            DiameterClient.OutgoingRequest asr = client.requestInSession(harSessionId, CommandCodes.ABORT_SESSION,
                    ApplicationId.createByAuthAppId(ApplicationIds.COMMON_MESSAGES), realm, homeAgentHost);
            AvpSet avps = asr.request().getAvps();
            // jDiameter adds Auth-Application-Id from the header's application (0); the session's is 2
            avps.removeAvp(AvpCodes.AUTH_APPLICATION_ID);
            Avps.addUnsigned32(avps, AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4);
            Avps.addUtf8(avps, AvpCodes.USER_NAME, nai);
            return asr.send().thenApply(Avps::resultCode);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
