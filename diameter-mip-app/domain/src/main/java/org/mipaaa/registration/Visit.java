package org.mipaaa.registration;

import java.net.Inet4Address;
import java.time.Duration;

/**
 * A mobile node's stay at a foreign agent, from its accepted first registration (S106): who it is,
 * the AMR's Session-Id (the FA's AAA session), and what the AMA said of it: the home agent's
 * Acct-Multi-Session-Id, its home agent and home address (RFC 4004 §10 puts them in every ACR), the
 * MIP-Feature-Vector of the AMR and the lifetime granted.
 */
public record Visit(String nai, String sessionId, String acctMultiSessionId, Inet4Address homeAddress,
                   Inet4Address homeAgent, long featureVector, Duration lifetime) {
}
