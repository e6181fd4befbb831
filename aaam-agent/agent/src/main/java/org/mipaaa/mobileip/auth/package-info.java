/**
 * Authenticators and keys of Mobile IPv4 registration: the Mobile-Home, Mobile-Foreign and
 * Foreign-Home authenticators of RFC 5944 §3.5 (HMAC-MD5 by default, §5.1), the MN-AAA
 * authenticator of RFC 4721 §6 (HMAC-MD5) and §8 (CHAP-style MD5 with the foreign agent's
 * challenge), and the MN-HA / MN-FA key derivation of RFC 3957 §5 that RFC 4004 §8 relies on.
 *
 * <p>Crypto comes from the JCA only ({@link javax.crypto.Mac}, {@link java.security.MessageDigest});
 * authenticators are compared with {@link java.security.MessageDigest#isEqual}, in constant time.
 */
package org.mipaaa.mobileip.auth;
