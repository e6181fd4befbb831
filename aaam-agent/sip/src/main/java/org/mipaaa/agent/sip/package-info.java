/**
 * Just enough SIP (RFC 3261, over UDP) for the call setup that follows a correspondent confirmation
 * (seed S3004): {@link org.mipaaa.agent.sip.SipCaller} places a call (INVITE carrying the confirmation
 * ID, ACK for the 2xx, BYE) and {@link org.mipaaa.agent.sip.SipCallee} answers one, refusing a call
 * whose ID its terminal did not issue. No proxies, no authentication, no media: the seed's point is
 * the check, and a real SIP stack can carry the same header.
 */
package org.mipaaa.agent.sip;
