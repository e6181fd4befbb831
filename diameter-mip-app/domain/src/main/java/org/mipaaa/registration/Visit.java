package org.mipaaa.registration;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.Optional;

/**
 * A mobile node's stay at a foreign agent, from its accepted first registration (S106): who it is,
 * the AMR's Session-Id (the FA's AAA session), and what the AMA said of it: the home agent's
 * Acct-Multi-Session-Id, its home agent and home address (RFC 4004 §10 puts them in every ACR), the
 * MIP-Feature-Vector of the AMR, the lifetime granted, the server that authorised it (the AMA's
 * Origin-Host) and whether that server keeps the session's state, so that the foreign agent must end
 * it with an STR (Auth-Session-State STATE_MAINTAINED, the default; RFC 6733 §8.11).
 */
public record Visit(String nai, String sessionId, String acctMultiSessionId, Inet4Address homeAddress,
                   Inet4Address homeAgent, long featureVector, Duration lifetime, Optional<String> authorizingServer,
                   boolean stateMaintained) {
}
