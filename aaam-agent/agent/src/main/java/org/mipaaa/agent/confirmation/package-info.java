/**
 * Correspondent confirmation before call setup (seed third embodiment, Figs. 21-22, S3001-S3014;
 * docs/PROTOCOL.md §11).
 *
 * <p>The caller ({@link org.mipaaa.agent.confirmation.CorrespondentConfirmation}) asks the terminal at
 * the address it resolved whether it is the host, and the user, it expects (S3001-S3002); the terminal
 * ({@link org.mipaaa.agent.confirmation.ConfirmationResponder}) compares them with its own identity and
 * the user now using it ({@link org.mipaaa.agent.confirmation.TerminalIdentity}, S3011-S3012) and
 * answers OK with an unpredictable ID number or NG with a reason (S3013-S3014). The caller proceeds to
 * the call setup only on OK (S3003-S3005, {@code org.mipaaa.agent.sip.ConfirmedCallSetup} of the SIP module); the
 * ID travels in the call setup, and the callee redeems it once
 * ({@link org.mipaaa.agent.confirmation.IssuedConfirmations}). Answers may be signed with the terminal's
 * Ed25519 key; a caller that holds the expected terminal's public key accepts only an OK signed with it.
 *
 * <p>JDK only (this module is imported by mobile-node vendors). Constants:
 * {@link org.mipaaa.dictionary.ConfirmationProtocol}.
 */
package org.mipaaa.agent.confirmation;
