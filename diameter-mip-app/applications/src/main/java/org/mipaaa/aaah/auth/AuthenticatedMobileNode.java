package org.mipaaa.aaah.auth;

import org.mipaaa.agent.auth.AaamSecurityAssociation;

/**
 * The mobile node a request is served for, as {@link MobileNodeGate} found it: its AAAM-Authenticator
 * verified under {@code association}, its replay counter fresh (and now used), and User-Name the
 * association's own NAI (docs/PROTOCOL.md §2 rule 4, §3).
 *
 * @param association the security association that signed the request; the answer is signed with it
 * @param nai         the mobile node's NAI: the only account the request may see or act on
 */
public record AuthenticatedMobileNode(AaamSecurityAssociation association, String nai) {
}
