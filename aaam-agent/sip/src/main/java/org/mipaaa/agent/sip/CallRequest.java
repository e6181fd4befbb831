package org.mipaaa.agent.sip;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A call to place. Every value that reaches a header of the INVITE is checked here (RFC 3261 §25.1):
 * the URIs are sip: or sips: URIs of the characters the grammar allows and of bounded length, the ID 16
 * lower-case hex digits; so nothing a caller passes can end a header line and add its own headers.
 * Immutable.
 */
public final class CallRequest {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    private final InetSocketAddress callee;
    private final String requestUri;
    private final String fromUri;
    private final String confirmationId;

    /**
     * @param callee          where the INVITE goes (UDP)
     * @param requestUri      the callee's SIP URI ("sip:x@host:port")
     * @param fromUri         the caller's SIP URI
     * @param confirmationId  the ID of the correspondent confirmation, as the header carries it (16 hex digits)
     */
    public CallRequest(InetSocketAddress callee, String requestUri, String fromUri, String confirmationId) {
        this.callee = Objects.requireNonNull(callee, "callee");
        this.requestUri = SipText.requireUri(Objects.requireNonNull(requestUri, "requestUri"), "requestUri");
        this.fromUri = SipText.requireUri(Objects.requireNonNull(fromUri, "fromUri"), "fromUri");
        Objects.requireNonNull(confirmationId, "confirmationId");
        if (!ID.matcher(confirmationId).matches()) {
            throw new IllegalArgumentException("a confirmation ID is 16 lower-case hex digits");
        }
        this.confirmationId = confirmationId;
    }

    public InetSocketAddress callee() {
        return callee;
    }

    public String requestUri() {
        return requestUri;
    }

    public String fromUri() {
        return fromUri;
    }

    public String confirmationId() {
        return confirmationId;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CallRequest)) {
            return false;
        }
        CallRequest r = (CallRequest) o;
        return callee.equals(r.callee) && requestUri.equals(r.requestUri) && fromUri.equals(r.fromUri) && confirmationId.equals(r.confirmationId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(callee, requestUri, fromUri, confirmationId);
    }

    @Override
    public String toString() {
        return "CallRequest[callee=" + callee + ", requestUri=" + requestUri + ", fromUri=" + fromUri + ", confirmationId=" + confirmationId + "]";
    }
}
