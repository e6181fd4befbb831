/**
 * Mobile IPv4 registration messages as bytes: the Registration Request and Reply of RFC 5944
 * §3.3/§3.4, the extensions the Diameter Mobile IPv4 application (RFC 4004) needs, and a codec that
 * keeps the raw bytes so that every authenticator can be checked over exactly the data it covers.
 *
 * <p>Reading: {@link org.mipaaa.mobileip.RegistrationCodec#decode(byte[])} gives a
 * {@link org.mipaaa.mobileip.RegistrationPacket}: the fixed part, the extensions in order with
 * their byte offsets, and the bytes. Anything that is not a well-formed registration message is a
 * {@link org.mipaaa.mobileip.MalformedRegistrationException} that carries the reply code the
 * receiving agent answers with (RFC 5944 §3.4: 70 from a foreign agent, 134 from a home agent).
 *
 * <p>Writing: {@link org.mipaaa.mobileip.RegistrationBuilder} appends extensions and computes
 * authentication extensions over the bytes written so far (RFC 5944 §3.5.1), so a mobile node can
 * build a request and an agent can strip and re-append extensions of a received one.
 *
 * <p>Depends on the JDK only (this module is imported by mobile-node vendors).
 */
package org.mipaaa.mobileip;
