package org.mipaaa.agent.confirmation;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Whom the caller wants to call and where it resolved them.
 *
 * @param confirmationAddress  where the terminal answers confirmation requests (the resolved IP address)
 * @param sipAddress           where its SIP user agent listens (same IP address)
 * @param requestUri           the SIP URI to call
 * @param hostName             the host name the caller expects there
 * @param user                 the user name or NAI it expects to be using that host, if it cares
 */
public record Correspondent(InetSocketAddress confirmationAddress, InetSocketAddress sipAddress, String requestUri,
                            String hostName, Optional<String> user) {
    public Correspondent {
        Objects.requireNonNull(confirmationAddress, "confirmationAddress");
        Objects.requireNonNull(sipAddress, "sipAddress");
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(user, "user");
    }
}
