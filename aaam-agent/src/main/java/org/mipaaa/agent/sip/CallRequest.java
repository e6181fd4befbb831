package org.mipaaa.agent.sip;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A call to place.
 *
 * @param callee          where the INVITE goes (UDP)
 * @param requestUri      the callee's SIP URI ("sip:x@host:port")
 * @param fromUri         the caller's SIP URI
 * @param confirmationId  the ID of the correspondent confirmation, as the header carries it (16 hex digits)
 */
public record CallRequest(InetSocketAddress callee, String requestUri, String fromUri, String confirmationId) {
    public CallRequest {
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(fromUri, "fromUri");
        Objects.requireNonNull(confirmationId, "confirmationId");
        if (confirmationId.contains("\r") || confirmationId.contains("\n")) {
            throw new IllegalArgumentException("a header value has no line breaks");
        }
    }
}
