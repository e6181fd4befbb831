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
 *
 * <p>Immutable, so thread-safe.
 */
public final class Correspondent {

    private final InetSocketAddress confirmationAddress;
    private final InetSocketAddress sipAddress;
    private final String requestUri;
    private final String hostName;
    private final Optional<String> user;

    public Correspondent(InetSocketAddress confirmationAddress, InetSocketAddress sipAddress, String requestUri, String hostName, Optional<String> user) {
        Objects.requireNonNull(confirmationAddress, "confirmationAddress");
        Objects.requireNonNull(sipAddress, "sipAddress");
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(user, "user");
        this.confirmationAddress = confirmationAddress;
        this.sipAddress = sipAddress;
        this.requestUri = requestUri;
        this.hostName = hostName;
        this.user = user;
    }


    public InetSocketAddress confirmationAddress() {
        return confirmationAddress;
    }

    public InetSocketAddress sipAddress() {
        return sipAddress;
    }

    public String requestUri() {
        return requestUri;
    }

    public String hostName() {
        return hostName;
    }

    public Optional<String> user() {
        return user;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Correspondent)) {
            return false;
        }
        Correspondent other = (Correspondent) o;
        return java.util.Objects.equals(confirmationAddress, other.confirmationAddress)
                && java.util.Objects.equals(sipAddress, other.sipAddress)
                && java.util.Objects.equals(requestUri, other.requestUri)
                && java.util.Objects.equals(hostName, other.hostName)
                && java.util.Objects.equals(user, other.user);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(confirmationAddress, sipAddress, requestUri, hostName, user);
    }

    @Override
    public String toString() {
        return "Correspondent[" + "confirmationAddress=" + confirmationAddress + ", " + "sipAddress=" + sipAddress + ", " + "requestUri=" + requestUri + ", " + "hostName=" + hostName + ", " + "user=" + user + "]";
    }
}
