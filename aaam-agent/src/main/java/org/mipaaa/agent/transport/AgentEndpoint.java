package org.mipaaa.agent.transport;

import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

/**
 * Where and as whom the agent connects: the AAAH (or the AAAF of the visited network) and this mobile
 * node's DIAMETER identity.
 *
 * @param host          the server's address (an IP literal or a resolvable name)
 * @param port          its TLS port (RFC 6733 §13: the handshake comes first)
 * @param tls           the JSSE context holding this node's key and the CAs it trusts
 * @param originHost    this node's DiameterIdentity; its certificate must name it
 * @param originRealm   this node's realm
 * @param applications  the applications to advertise in CER
 * @param timeout       connect, handshake and answer limit
 * @param expectedServer the server's DiameterIdentity the agent insists on (its AAAH, or the AAAF it
 *                      uses), or null for any server whose certificate names its CEA's Origin-Host
 */
public record AgentEndpoint(String host, int port, SSLContext tls, String originHost, String originRealm,
                            List<Application> applications, Duration timeout, String expectedServer) {

    public AgentEndpoint {
        applications = List.copyOf(applications);
    }

    /** An endpoint that accepts any server whose certificate names the Origin-Host of its CEA. */
    public AgentEndpoint(String host, int port, SSLContext tls, String originHost, String originRealm,
                         List<Application> applications, Duration timeout) {
        this(host, port, tls, originHost, originRealm, applications, timeout, null);
    }

    /** This endpoint, accepting only the server {@code server} (its DiameterIdentity). */
    public AgentEndpoint expecting(String server) {
        return new AgentEndpoint(host, port, tls, originHost, originRealm, applications, timeout, server);
    }

    /** An application of CER: {@code vendorId} 0 for a standard one. */
    public record Application(long vendorId, long applicationId) {
    }
}
